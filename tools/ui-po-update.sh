#!/bin/sh
# The kiosk's own words (po/): the template made again from the sources
# (xgettext, through meson's i18n), each message given a "#. Shown: ..."
# comment (where the screens show it and how much room it has: sportello
# --describe-slots, from the bundled catalogue and po/specimen's), then
# merged into every po/LANG.po.
#   sh tools/ui-po-update.sh [BUILD_DIR]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
ninja -C "$build" src/sportello sportello-pot po-content/catalog.sqlite po/slot-specimen.sqlite >/dev/null
pot="$top/po/sportello.pot"
# Laid out from the bundled catalogue and from po/specimen's, which has
# every field a service can show.
SDL_AUDIODRIVER=dummy "$build/src/sportello" --describe-slots \
    --catalog "$build/po-content/catalog.sqlite" --catalog "$build/po/slot-specimen.sqlite" \
    > "$pot.slots" 2>/dev/null
python3 "$top/tools/slot-comments.py" "$pot.slots" "$pot"
rm -f "$pot.slots"
msgcat --output-file="$pot" "$pot"
# Merged here, not by meson's sportello-update-po (which makes the template
# again, without the comments); a file is replaced only when it changed.
for language in $(sed 's/#.*//' "$top/po/LINGUAS"); do
    file="$top/po/$language.po"
    [ -f "$file" ] || continue
    msgmerge --quiet --previous --output-file="$file.new" "$file" "$pot"
    if cmp -s "$file" "$file.new"; then rm -f "$file.new"; else mv "$file.new" "$file"; fi
done
