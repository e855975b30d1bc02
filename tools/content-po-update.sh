#!/bin/sh
# Regenerates the content template from data/ and merges it into every
# translation of po-content/LINGUAS (what meson's i18n module does for the
# UI domain).  A language without a PO file gets a new one, marked draft.
# Every file is left as GNU gettext writes it (wrapped at 79 columns, as
# `msgcat FILE` prints it): a file is replaced only when that output differs,
# so running it on unchanged data changes nothing.
# With SPORTELLO (the kiosk), each message also gets a "#. Shown: ..."
# comment saying where the screens show it and how much room it has
# (sportello --describe-slots, tools/slot-comments.py), laid out from the
# catalogues given after it (the bundled one and po/specimen's).
#   content-po-update.sh SPORTELLO_CATALOG DATA_DIR PO_CONTENT_DIR [SPORTELLO CATALOGUE...]
set -eu
tool=$1 data=$2 po=$3 kiosk=${4:-}
if [ $# -gt 4 ]; then shift 4; else set --; fi
n=$#  # each catalogue as "--catalog FILE"
for c in "$@"; do set -- "$@" --catalog "$c"; done
shift "$n"
here=$(cd "$(dirname "$0")" && pwd)
assets=$(cd "$here/../assets" && pwd)
pot="$po/sportello-content.pot"
if [ -n "$kiosk" ]; then
    # The template with its comments, then in place only when more than its
    # date changed (so unchanged data still changes no file).
    new="$pot.new-$$"
    cp "$pot" "$new" 2>/dev/null || true
    "$tool" pot --data "$data" --output "$new"
    SDL_AUDIODRIVER=dummy "$kiosk" --describe-slots "$@" > "$new.slots"
    python3 "$here/slot-comments.py" "$new.slots" "$new"
    msgcat --output-file="$new" "$new"
    if [ -f "$pot" ] && [ "$(grep -v '^"POT-Creation-Date:' "$pot")" = "$(grep -v '^"POT-Creation-Date:' "$new")" ]; then
        rm -f "$new"
    else
        mv "$new" "$pot"
    fi
    rm -f "$new.slots"
else
    "$tool" pot --data "$data" --output "$pot"
fi
for language in $(sed 's/#.*//' "$po/LINGUAS"); do
    file="$po/$language.po"
    if [ -f "$file" ]; then
        # Not --update: it leaves a file alone when no message changed, even
        # one wrapped by hand; the output of -o is always msgcat's form.
        msgmerge --quiet --previous --output-file="$file.new" "$file" "$pot"
        if cmp -s "$file" "$file.new"; then rm -f "$file.new"; else mv "$file.new" "$file"; fi
    else
        msginit --no-translator --locale="$language" --input="$pot" \
            --output-file="$file" 2>/dev/null
        # For English msginit copies every msgid as its translation: a new
        # file starts untranslated in every language.
        msgfilter --keep-header --input="$file" --output-file="$file" sed -e d
        # Plural forms msginit does not know: from assets/plural-forms.txt.
        forms=$(awk -F '\t' -v l="$language" '$1 == l { print $2 }' "$assets/plural-forms.txt")
        if [ -n "$forms" ]; then
            awk -v forms="$forms" '
                $0 == "\"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n\"" {
                    print "\"Plural-Forms: " forms "\\n\""; next }
                { print }' "$file" > "$file.new" && mv "$file.new" "$file"
        fi
        # msginit writes its own header; keep ours: review status draft.
        if ! grep -q '^"X-Sportello-Review:' "$file"; then
            sed -i 's/^"Content-Transfer-Encoding: 8bit\\n"$/&\n"X-Sportello-Review: draft\\n"/' "$file"
        fi
        # The edits above are whole header lines: rewrite as msgcat would.
        msgcat --output-file="$file" "$file"
    fi
done
