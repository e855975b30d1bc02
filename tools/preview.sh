#!/bin/sh
# A translator's preview of one language from the working PO files:
#
#   sh tools/preview.sh LANG [PNG_DIR]     check LANG and draw its screens
#   sh tools/preview.sh LANG --kiosk       start the kiosk in LANG (a window)
#
# Builds a catalogue with LANG alone from po-content/LANG.po (another
# language's mistakes do not stop it) and the kiosk's words from po/LANG.po,
# then runs the translators' checks (sportello-catalog check), the layout
# check (every string in every slot at every screen size), and draws every
# screen of LANG at 800x1280, each as tall as its whole scrolled page, into
# PNG_DIR (default: preview-LANG/).  Every problem is printed as
# FILE:LINE: what is wrong.  po/README.md explains it for translators.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
lang=${1:-}
case "$lang" in
    ''|*[!a-zA-Z_-]*) echo "usage: sh tools/preview.sh LANG [PNG_DIR | --kiosk]" >&2; exit 2 ;;
esac
target=${2:-preview-$lang}
# The working files: the project's folders (PO_DIR and PO_CONTENT_DIR name
# others, for tests).
po_dir=${PO_DIR:-$top/po}
content_dir=${PO_CONTENT_DIR:-$top/po-content}
if [ ! -f "$content_dir/$lang.po" ] && [ ! -f "$po_dir/$lang.po" ]; then
    echo "no po-content/$lang.po or po/$lang.po: is $lang the right language code?" >&2
    exit 2
fi
"$top/tools/build.sh" >/dev/null
build="$top/build"
work=$(mktemp -d "${TMPDIR:-/tmp}/sportello-preview-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$work/po-content"
status=0

# Runs a command, its messages with the temporary folder's paths shown as
# the working files' ("po-content/ur.po:920: ..."); keeps its exit status.
shown_content=po-content
[ "$content_dir" = "$top/po-content" ] || shown_content=$content_dir
run() {
    rc=0
    "$@" > "$work/out" 2>&1 || rc=$?
    sed "s|$work/po-content/|$shown_content/|g" "$work/out"
    return $rc
}

# 1. The catalogue, with this language alone.
[ -f "$content_dir/$lang.po" ] && cp "$content_dir/$lang.po" "$work/po-content/"
# The language's recordings (po/README.md, "Recordings"), checked as the
# kiosk's build checks them and played by the --kiosk preview.
if [ -d "$content_dir/audio/$lang" ]; then
    mkdir -p "$work/po-content/audio"
    cp -R "$content_dir/audio/$lang" "$work/po-content/audio/"
fi
# --preview: a translation the kiosk's build would refuse (a changed
# number, a lost placeholder) is reported and left out of this preview
# only, so the rest of the language can still be seen.
run "$build/src/catalog/sportello-catalog" build --preview --data "$top/data" \
    --po "$work/po-content" --output "$work/catalog.sqlite" > "$work/build" || status=1
grep -v "translatable texts" "$work/build" || true
if [ ! -f "$work/catalog.sqlite" ]; then
    echo "$shown_content/$lang.po: the catalogue cannot be built (see above)" >&2
    exit 1
fi
# 2. The kiosk's own words.
# (and Italian's, for the screens that are always in Italian)
for code in "$lang" it; do
    if [ -f "$po_dir/$code.po" ]; then
        mkdir -p "$work/locale/$code/LC_MESSAGES"
        msgfmt --check-format -o "$work/locale/$code/LC_MESSAGES/sportello.mo" "$po_dir/$code.po" ||
            exit 1
    fi
done
export SPORTELLO_LOCALEDIR="$work/locale" SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy}

if [ "$target" = "--kiosk" ]; then
    exec "$build/src/sportello" --windowed --catalog "$work/catalog.sqlite" --lang "$lang" \
        --counters "$work/counters.sqlite"
fi

# 3. The translators' checks, then the layout check, at their lines.
cd "$top"
run "$build/src/catalog/sportello-catalog" check --po "$work/po-content" --data "$top/data" ||
    status=1
"$build/src/sportello" --check-layout --lang "$lang" --catalog "$work/catalog.sqlite" \
    --po "$po_dir" --po-content "$content_dir" 2>/dev/null || status=1
# 4. Every screen, whole.
rm -rf "$target"
"$build/src/sportello" --screenshots "$target" --lang "$lang" --size 800x1280 --full \
    --catalog "$work/catalog.sqlite" 2>/dev/null | sed 's/^/screens: /'
echo "open $target/ to see them (800x1280, each as tall as its page)"
exit $status
