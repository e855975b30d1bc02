#!/bin/sh
# Prints, space-separated, the Debian packages of LIST (one a line, '#'
# comments) that are not installed.  tools/deps.sh and tools/cross-arm64.sh
# both ask it.
#   missing-packages.sh LIST
set -eu
missing=""
for package in $(grep -v '^#' "$1"); do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $package" ;;
    esac
done
echo "$missing"
