#!/bin/sh
# Cross-builds Sportello for arm64 (64-bit ARM: a Raspberry Pi 3, 4 or 5 with
# a 64-bit OS, ARM boards and tablets running Debian) on an x86-64 Debian
# bookworm machine, then runs the arm64 `sportello` under qemu-user to draw
# its start screen into a PNG, and prints that file's path.
#
#   sh tools/cross-arm64.sh [--no-install] [BUILD_DIR]     (default build-arm64/)
#
# 1. Packages: those of tools/debian-packages.txt (tools/deps.sh: the build
#    machine's meson, ninja, msgfmt, fonts and the catalogue builder's
#    libraries) and those of tools/cross/arm64-packages.txt (the cross
#    compiler, qemu-user-static, the arm64 -dev libraries).  As root it adds
#    the arm64 architecture to dpkg and installs what is missing; otherwise
#    it prints the exact commands to run as root and stops.  --no-install
#    never installs: it stops, saying what is missing (the test uses it).
# 2. meson setup BUILD_DIR --cross-file tools/cross/arm64-linux-gnu.txt, once;
#    ninja -C BUILD_DIR.  The binary is BUILD_DIR/src/sportello (arm64).
# 3. BUILD_DIR/start-screen/sportello-start.png: the start screen drawn by the
#    arm64 binary under qemu-aarch64-static, with no display.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
install=yes
if [ "${1:-}" = "--no-install" ]; then
    install=no
    shift
fi
build=${1:-$top/build-arm64}
case "$build" in /*) ;; *) build="$(pwd)/$build" ;; esac
list="$top/tools/cross/arm64-packages.txt"

# ---- 1. packages ---------------------------------------------------------
missing=$(sh "$top/tools/missing-packages.sh" "$list")
add_arch=no
dpkg --print-foreign-architectures | grep -qx arm64 || add_arch=yes
if [ -n "$missing" ]; then
    if [ "$install" = no ]; then
        echo "missing Debian packages for the arm64 cross build:$missing" >&2
        exit 1
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "The arm64 cross build needs these Debian packages. Run, as root:" >&2
        [ "$add_arch" = yes ] && echo "  dpkg --add-architecture arm64" >&2
        echo "  apt-get update" >&2
        echo "  apt-get install -y --no-remove$missing" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    if [ "$add_arch" = yes ]; then
        echo "Adding the arm64 architecture to dpkg"
        dpkg --add-architecture arm64
    fi
    echo "Installing Debian packages:$missing"
    apt-get update -qq
    # --no-remove: an :arm64 package that could only be installed by
    # removing a build-machine package is an error, not a removal.
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends --no-remove $missing
fi
# The build machine's packages, as for a native build.
if [ "$install" = yes ]; then
    "$top/tools/deps.sh"
fi

# ---- 2. the cross build --------------------------------------------------
if [ ! -f "$build/build.ninja" ]; then
    if ! meson setup "$build" "$top" --cross-file "$top/tools/cross/arm64-linux-gnu.txt" \
            -Dwerror=true > "$build.setup.log" 2>&1; then
        cat "$build.setup.log" >&2
        rm -rf "$build"
        exit 1
    fi
    rm -f "$build.setup.log"
fi
ninja -C "$build"
file_type=$(file -b "$build/src/sportello" 2>/dev/null || true)
case "$file_type" in
    *aarch64*|"") ;;
    *) echo "$build/src/sportello is not an arm64 program: $file_type" >&2; exit 1 ;;
esac

# ---- 3. the start screen, drawn by the arm64 binary under qemu-user ----------
# With no display (no DISPLAY, WAYLAND_DISPLAY or SDL_VIDEODRIVER) the kiosk
# draws its start screen into sportello-start.png in the current folder and
# prints the file's name.  An empty HOME and a site configuration that does
# not exist: nothing of this machine's (/etc/sportello, ~/.config) changes
# the screen.
out="$build/start-screen"
rm -rf "$out"
mkdir -p "$out/home"
printed=$(cd "$out" && env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER \
    -u XDG_CONFIG_HOME -u XDG_STATE_HOME -u SPORTELLO_CONFIG HOME="$out/home" \
    qemu-aarch64-static "$build/src/sportello" --config "$out/home/site.conf")
echo "$out/$printed"
