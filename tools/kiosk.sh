#!/bin/sh
# The first command of README.md: install, build, start the kiosk on the
# bundled catalogue.  With no display the kiosk draws its screen into a PNG
# and prints the file's path.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/tools/build.sh" >/dev/null
cd "$top"
exec "$top/build/src/sportello" "$@"
