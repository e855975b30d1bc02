#!/bin/sh
# Installs the Debian packages in tools/debian-packages.txt that are missing.
# As root it runs apt-get; otherwise it prints the exact apt-get line to run
# and fails, so nothing half-built follows.
set -eu
here=$(dirname "$0")
missing=$(sh "$here/missing-packages.sh" "$here/debian-packages.txt")
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    echo "Installing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
else
    echo "Sportello needs these Debian packages. Run, as root:" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
fi
