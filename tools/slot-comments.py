#!/usr/bin/env python3
"""Puts into a PO template, as a "#. Shown: ..." comment on each message,
where the kiosk shows that string and how much room it has, from
`sportello --describe-slots` (the screens' declared slots): a content
message by its msgctxt's pattern (service:*:name; article:* for an
article's blocks, msgctxt "article:ID" or "article:ID#2"), one of the kiosk's own
by its msgid (with its msgctxt, when it has one).  A message no screen shows now gets no such comment; an old
one is replaced.  msgmerge then carries the comments into every PO file.

usage: slot-comments.py SLOTS.tsv TEMPLATE.pot"""
import re
import sys

slots_path, pot_path = sys.argv[1:3]
shown = {}
with open(slots_path, encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if "\t" in line:
            key, text = line.split("\t", 1)
            shown[key] = text


def unquote(lines, keyword):
    """The string of `keyword` ("msgid") in an entry's lines, unescaped."""
    out, inside = [], False
    for line in lines:
        if line.startswith(keyword + " "):
            inside = True
            line = line[len(keyword) + 1:]
        elif not line.startswith('"'):
            inside = False
            continue
        if inside:
            out.append(line.strip()[1:-1])
    text = "".join(out)
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def pattern(key):
    """service:questura:name -> service:*:name; an article's block,
    article:caporalato or article:caporalato#2 -> article:*."""
    parts = key.split(":")
    return ":".join("*" if i == 1 or p.isdigit() else p for i, p in enumerate(parts))


with open(pot_path, encoding="utf-8") as f:
    entries = f.read().split("\n\n")
out = []
for entry in entries:
    lines = entry.split("\n")
    lines = [l for l in lines if not l.startswith("#. Shown: ")]
    context = unquote(lines, "msgctxt")
    msgid = unquote(lines, "msgid")
    # Content by its key's pattern; the kiosk's words by msgid, or by
    # "context\x04msgid" as gettext keys a message with a context.
    text = (shown.get(pattern(context)) or shown.get(context + "\x04" + msgid)) if context \
        else shown.get(msgid)
    if msgid and text:
        # After the other extracted comments, before the references.
        at = next((i for i, l in enumerate(lines) if not l.startswith("#.")), len(lines))
        lines.insert(at, "#. " + text)
    out.append("\n".join(lines))
with open(pot_path, "w", encoding="utf-8") as f:
    f.write("\n\n".join(out))
