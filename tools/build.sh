#!/bin/sh
# Installs what is missing, then configures (once) and builds into build/.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/tools/deps.sh"
if [ ! -f "$top/build/build.ninja" ]; then
    meson setup "$top/build" "$top" -Dwerror=true >/dev/null
fi
ninja -C "$top/build"
