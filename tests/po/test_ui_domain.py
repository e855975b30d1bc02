#!/usr/bin/env python3
"""`sportello-catalog stats` and `check` on po/ (the kiosk's own words,
keyed by msgid, no msgctxt): true figures (every message of the template
translated in every shipped language), no false problems; and in a copy,
a lost placeholder and an English phrase left as it is are each found at
their line.

usage: test_ui_domain.py SPORTELLO_CATALOG SOURCE_DIR WORK_DIR"""
import os
import re
import shutil
import subprocess
import sys

tool, source, work = (os.path.abspath(a) for a in sys.argv[1:4])
problems = []
po = os.path.join(source, "po")
with open(os.path.join(po, "sportello.pot"), encoding="utf-8") as f:
    # Every msgid but the header's (a long one is wrapped: msgid "" then lines).
    messages = len(re.findall(r'^msgid ', f.read(), re.M)) - 1

result = subprocess.run([tool, "stats", "--po", po], capture_output=True, text=True)
rows = [line.split() for line in result.stdout.splitlines()[1:] if line.strip()]
languages = [line.split()[0] for line in open(os.path.join(po, "LINGUAS")) if line.strip()
             and not line.startswith("#")] if os.path.exists(os.path.join(po, "LINGUAS")) else []
for row in rows:
    if row[-1] != "missing" and (int(row[1]) != messages or row[2] != "0" or row[3] != "0"):
        problems.append(f"stats: {row}, expected {messages} translated")
if len([r for r in rows if r[-1] != "missing"]) < 14:
    problems.append(f"stats: {len(rows)} rows: {result.stdout[:300]}")
print(f"stats: {len(rows)} languages, {messages} messages each")

result = subprocess.run([tool, "check", "--po", po], capture_output=True, text=True)
if result.returncode != 0 or result.stderr.strip():
    problems.append(f"check on the shipped po/: exit {result.returncode}: {result.stderr[:800]}")

shutil.rmtree(work, ignore_errors=True)
shutil.copytree(po, work)
path = os.path.join(work, "ro.po")
with open(path, encoding="utf-8") as f:
    text = f.read()
lines = text.split("\n")


def plant(msgid, msgstr):
    at = lines.index(f'msgid "{msgid}"')
    lines[at + 1] = f'msgstr "{msgstr}"'
    return at + 1


copied = plant("What do you need?", "What do you need?")
placeholder = plant("Open now, closes at %s", "Deschis acum")
with open(path, "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
result = subprocess.run([tool, "check", "--po", work], capture_output=True, text=True)
for pattern in (rf"ro\.po:{copied}: identical to the English source",
                rf"ro\.po:{placeholder}: placeholder \"%s\""):
    if not re.search(pattern, result.stderr):
        problems.append(f"check: nothing matching {pattern} in {result.stderr[:600]}")
if result.returncode != 1:
    problems.append(f"check of planted problems: exit {result.returncode}")

for p in problems:
    print("check failed:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
