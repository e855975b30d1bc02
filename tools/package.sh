#!/bin/sh
# Builds the Debian packages (debian/): sportello and
# sportello-catalogue-mantova, into build-package/.
#
#   sh tools/package.sh           # dpkg-buildpackage -us -uc -b, then lintian
#   sh tools/package.sh --check   # also, as root on a throwaway machine:
#                                 # apt-get install ./the .debs, the installed
#                                 # sportello --screenshots, apt-get purge
#
# The packages are built in a copy of the source tree (the tracked files)
# that is removed afterwards, as a Debian build machine would: so the
# check runs the installed kiosk on a machine where the tree it was built
# in is gone.  The test suite is tools/test.sh's: the package build runs
# none (DEB_BUILD_OPTIONS=nocheck) unless SPORTELLO_PACKAGE_TESTS=1.
# To sign the bundled catalogue with an agency's key instead of a
# development key: SPORTELLO_SIGNING_SECRET and SPORTELLO_SIGNING_PUBLIC
# (docs/packaging.md).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
check=false
case "${1:-}" in
--check) check=true ;;
"") ;;
*)
    echo "usage: sh tools/package.sh [--check]" >&2
    exit 2
    ;;
esac

"$top/tools/deps.sh"
out="$top/build-package"
version=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
work=$(mktemp -d "${TMPDIR:-/tmp}/sportello-package-XXXXXX")
trap 'rm -rf "$work"' EXIT
src="$work/sportello-$version"
mkdir -p "$src"
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
    # Tracked and new files, as they are in the work tree (a deleted one
    # is skipped).
    git -C "$top" ls-files -z --cached --others --exclude-standard |
        (cd "$top" && tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$src"
else
    (cd "$top" && tar --exclude='./build*' --exclude=./.git -cf - .) | (cd "$src" && tar -xf -)
fi

echo "== dpkg-buildpackage -us -uc -b (sportello $version)"
if [ "${SPORTELLO_PACKAGE_TESTS:-}" != 1 ]; then
    DEB_BUILD_OPTIONS="nocheck ${DEB_BUILD_OPTIONS:-}"
    export DEB_BUILD_OPTIONS
fi
(cd "$src" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1 || {
    tail -n 60 "$work/build.log" >&2
    exit 1
}
grep -E '^dpkg-deb: building package' "$work/build.log"
rm -rf "$out"
mkdir -p "$out"
mv "$work"/*.deb "$work"/*.changes "$work"/*.buildinfo "$out"/
cp "$work/build.log" "$out/build.log"
arch=$(dpkg --print-architecture)
kiosk_deb="$out/sportello_${version}_${arch}.deb"
catalogue_deb="$out/sportello-catalogue-mantova_${version}_all.deb"

echo "== lintian (overrides: debian/*.lintian-overrides)"
lintian --fail-on error,warning,info -I "$out/sportello_${version}_${arch}.changes"
echo "lintian: no error, warning or information tag; overridden (debian/*.lintian-overrides):"
lintian --show-overrides -I "$out/sportello_${version}_${arch}.changes" 2>/dev/null | grep "^O:" || true
for deb in "$kiosk_deb" "$catalogue_deb"; do
    echo "== $(basename "$deb")"
    dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Architecture\|Depends\|Recommends\|Installed-Size\):/  \1:/p'
    dpkg-deb --contents "$deb" | awk '{print "  " $6}' | grep -v '/$' | grep -v '/assets/' || true
done

$check || exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "tools/package.sh --check installs packages: run it as root (a throwaway machine)" >&2
    exit 1
fi
echo "== apt-get install ./$(basename "$kiosk_deb") ./$(basename "$catalogue_deb")"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends "$kiosk_deb" "$catalogue_deb" 2>&1 |
    grep -E '^(Setting up|Unpacking|E:)' || true
dpkg-query -W -f='${Package} ${Version} ${Status}\n' sportello sportello-catalogue-mantova
status=0
shots="$work/screenshots"
home="$work/home"
mkdir -p "$home"
echo "== /usr/bin/sportello --screenshots (SDL_VIDEODRIVER=dummy)"
if env -i PATH=/usr/bin:/bin HOME="$home" SDL_VIDEODRIVER=dummy \
    /usr/bin/sportello --screenshots "$shots" --lang ar >"$work/shots.log" 2>&1; then
    :
else
    status=1
fi
cat "$work/shots.log"
grep -q '^sportello: info: catalog: /usr/share/sportello/catalog.sqlite: .*signed by development$' \
    "$work/shots.log" || {
    echo "check failed: the installed catalogue was not accepted as signed" >&2
    status=1
}
count=$(find "$shots" -name '*.png' 2>/dev/null | wc -l)
echo "$count screens drawn"
[ "$count" -gt 0 ] && [ -s "$shots/ar-languages.png" ] || status=1
[ -z "${SPORTELLO_PACKAGE_KEEP:-}" ] || cp "$shots/ar-languages.png" "$out/" 2>/dev/null || true
echo "== apt-get purge"
apt-get purge -y -q sportello sportello-catalogue-mantova 2>&1 | grep -E '^(Removing|Purging|E:)' || true
if dpkg-query -W sportello sportello-catalogue-mantova 2>/dev/null | grep -q .; then
    dpkg-query -W -f='${Package} ${Status}\n' sportello sportello-catalogue-mantova
fi
[ ! -e /usr/bin/sportello ] || {
    echo "check failed: /usr/bin/sportello still there" >&2
    status=1
}
[ $status -eq 0 ] && echo "package check: ok" || echo "package check: FAILED" >&2
exit $status
