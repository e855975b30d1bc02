#!/usr/bin/env python3
"""Prints every message of the given PO/POT files, one JSON line each:
[file name, msgctxt, msgid, msgid_plural, [msgstr...], sorted flags, obsolete].
The header, comments, references and line wrapping are left out, so two
dumps are equal exactly when no translation, flag or key changed:

    git show HEAD:po/fr.po > /tmp/fr.po
    tools/po-messages.py /tmp/fr.po > before; tools/po-messages.py po/fr.po > after
    cmp before after

Reads with translate-toolkit (Debian package translate-toolkit)."""
import json
import os
import sys

from translate.storage import po


def messages(path):
    with open(path, "rb") as f:
        store = po.pofile(f)
    for unit in store.units:
        if unit.isheader():
            continue
        target = unit.target
        strings = list(target.strings) if unit.hasplural() else [str(target or "")]
        source = unit.source
        plural = str(source.strings[1]) if unit.hasplural() else None
        flags = sorted(f.strip() for line in unit.typecomments
                       for f in line.lstrip("#,").split(",") if f.strip())
        yield [os.path.basename(path), unit.getcontext() or None, str(source), plural,
               [str(s) for s in strings], flags, bool(unit.isobsolete())]


def main():
    for path in sys.argv[1:]:
        for message in messages(path):
            print(json.dumps(message, ensure_ascii=False))


if __name__ == "__main__":
    main()
