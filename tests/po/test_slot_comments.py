#!/usr/bin/env python3
"""Every message of both templates (and so of every PO file), each one,
says where the screens show it and how much room it has ("#. Shown:
..."), as the screens declare it now (`sportello --describe-slots`): the
shipped files are current (after a screen changes, tools/ui-po-update.sh and `ninja
content-po-update` make them so), the comments of a message no screen
shows are none, and every PO file carries its template's comments.

usage: test_slot_comments.py SPORTELLO SOURCE_DIR WORK_DIR CATALOGUE...
(the bundled catalogue and po/specimen's, as tools/ui-po-update.sh gives them)"""
import os
import shutil
import subprocess
import sys

kiosk, source, work = (os.path.abspath(a) for a in sys.argv[1:4])
catalogs = [arg for path in sys.argv[4:] for arg in ("--catalog", os.path.abspath(path))]
problems = []
os.makedirs(work, exist_ok=True)
slots = os.path.join(work, "slots.tsv")
with open(slots, "w", encoding="utf-8") as f:
    subprocess.run([kiosk, "--describe-slots"] + catalogs, stdout=f, check=True, timeout=300,
                   env=dict(os.environ, SDL_AUDIODRIVER="dummy"))


def unshown(path):
    """The messages (msgctxt and msgid lines) without a Shown comment."""
    with open(path, encoding="utf-8") as f:
        entries = f.read().split("\n\n")[1:]  # after the header
    return [" ".join(line for line in e.split("\n") if line.startswith(("msgctxt", "msgid ")))
            for e in entries
            if "\nmsgid " in "\n" + e and not e.startswith("#~") and "#. Shown: " not in e]


def shown_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line for line in f.read().split("\n") if line.startswith("#. Shown: ")]


for folder, template in (("po", "sportello.pot"), ("po-content", "sportello-content.pot")):
    shipped = os.path.join(source, folder, template)
    fresh = os.path.join(work, template)
    shutil.copy(shipped, fresh)
    subprocess.run([sys.executable, os.path.join(source, "tools", "slot-comments.py"), slots,
                    fresh], check=True)
    want = shown_lines(fresh)
    if shown_lines(shipped) != want:
        problems.append(f"{folder}/{template}: its Shown comments are not the screens' now")
    if len(want) < 20:
        problems.append(f"{folder}/{template}: only {len(want)} Shown comments")
    # Every message is shown somewhere (po/specimen has every field a
    # service can show; the PIN pad's and operator's messages are each laid
    # out): none is left without its place.
    for message in unshown(fresh):
        problems.append(f"{folder}/{template}: no screen says where it shows {message}")
    for name in sorted(os.listdir(os.path.join(source, folder))):
        if name.endswith(".po") and shown_lines(os.path.join(source, folder, name)) != want:
            problems.append(f"{folder}/{name}: its Shown comments differ from its template's")
    print(f"{folder}: {len(want)} messages say where they are shown")

for p in problems:
    print("check failed:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
