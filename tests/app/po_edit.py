"""Editing a copy of a PO file as a translator would, for the translators'
tools' tests (test_check_layout.py, test_preview.py)."""


def replace_msgstr(path, anchor, new_text):
    """Sets the msgstr of the entry whose msgctxt or msgid line is `anchor`;
    returns the line number of its msgid (what the tools must name)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    # The entry itself, not one with the same msgid and a context.
    start = next(i for i, line in enumerate(lines) if line == anchor and
                 (anchor.startswith("msgctxt") or not lines[i - 1].startswith("msgctxt")))
    msgid_line = next(i for i in range(start, len(lines)) if lines[i].startswith("msgid "))
    at = next(i for i in range(msgid_line, len(lines)) if lines[i].startswith("msgstr "))
    end = at + 1
    while end < len(lines) and lines[end].startswith('"'):
        end += 1
    lines[at:end] = ['msgstr "' + new_text.replace('"', '\\"') + '"']
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return msgid_line + 1
