#!/usr/bin/env python3
"""One-off migration (run once, kept to document it): article blocks keyed
by position, msgctxt "article:ID:block:N", become keyed by their text,
msgctxt "article:ID" (or "article:ID#2" for the second block of the same
text) with the same msgid and msgstr.

Block N of an article is the Nth "article:ID..." block entry of the new
template, written from the same data/: the old PO files were current, so
their msgid must equal that entry's msgid, which is checked.  Only the
msgctxt line changes; every msgstr, flag and translator comment stays.
Afterwards run `ninja -C build content-po-update` for the new comments.

usage: migrate-article-keys.py NEW-TEMPLATE.pot LANG.po..."""
import re
import sys

BLOCK = re.compile(r'^msgctxt "article:([a-z0-9-]+):block:([0-9]+)"$')
NEW = re.compile(r'^msgctxt "(article:([a-z0-9-]+)(#[0-9]+)?)"$')


def unquote(lines, at):
    """The string starting at lines[at] ('msgid "..."' and continuations)."""
    first = lines[at].split(" ", 1)[1]
    parts = [first]
    at += 1
    while at < len(lines) and lines[at].startswith('"'):
        parts.append(lines[at])
        at += 1
    return "".join(p.strip()[1:-1] for p in parts)


def blocks_of(template):
    """{article id: [(msgctxt, escaped msgid), ...]} in the template's order."""
    lines = open(template, encoding="utf-8").read().split("\n")
    out = {}
    for i, line in enumerate(lines):
        m = NEW.match(line)
        if m and lines[i + 1].startswith("msgid "):
            out.setdefault(m.group(2), []).append((m.group(1), unquote(lines, i + 1)))
    return out


def main():
    template, files = sys.argv[1], sys.argv[2:]
    blocks = blocks_of(template)
    for path in files:
        lines = open(path, encoding="utf-8").read().split("\n")
        moved = 0
        for i, line in enumerate(lines):
            m = BLOCK.match(line)
            if not m or line.startswith("#~"):
                continue
            article, n = m.group(1), int(m.group(2))
            context, msgid = blocks[article][n - 1]
            if unquote(lines, i + 1) != msgid:
                sys.exit(f"{path}:{i + 1}: the msgid of {article} block {n} is not the "
                         "template's: merge the old keys first")
            lines[i] = f'msgctxt "{context}"'
            moved += 1
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        print(f"{path}: {moved} article blocks rekeyed")


main()
