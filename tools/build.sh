#!/bin/sh
# Installs what is missing, then configures (once) and builds into build/.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/tools/deps.sh"
if [ ! -f "$top/build/build.ninja" ]; then
    if ! meson setup "$top/build" "$top" -Dwerror=true > "$top/build-setup.log" 2>&1; then
        cat "$top/build-setup.log" >&2
        rm -rf "$top/build"
        exit 1
    fi
    rm -f "$top/build-setup.log"
fi
ninja -C "$top/build"
