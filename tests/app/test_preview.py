#!/usr/bin/env python3
"""tools/preview.sh LANG PNG_DIR, as a translator uses it: in copies of
po/ and po-content/ (PO_DIR, PO_CONTENT_DIR) the Urdu files get a tile
name 6 times longer and a "Help now" too tall for its button, and the
French content file a syntax error: the Urdu preview still runs, reports
both Urdu problems at their lines, exits 1 and draws every Urdu screen;
untouched, it exits 0.  A changed article number in Tigrinya is reported
at its line and left out of the preview, whose screens are still drawn.

usage: test_preview.py SOURCE_DIR WORK_DIR"""
import os
import re
import shutil
import subprocess
import sys

from po_edit import replace_msgstr
import time

source, work = (os.path.abspath(a) for a in sys.argv[1:3])
problems = []
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
po = os.path.join(work, "po")
content = os.path.join(work, "po-content")
shutil.copytree(os.path.join(source, "po"), po)
shutil.copytree(os.path.join(source, "po-content"), content)
env = dict(os.environ, PO_DIR=po, PO_CONTENT_DIR=content, SDL_AUDIODRIVER="dummy", HOME=work)


def preview(lang, pngs):
    started = time.monotonic()
    result = subprocess.run(["sh", os.path.join(source, "tools", "preview.sh"), lang, pngs],
                            env=env, capture_output=True, text=True, timeout=300, cwd=work)
    took = time.monotonic() - started
    print(f"--- preview {lang}: exit {result.returncode} in {took:.1f} s\n"
          f"{result.stdout}{result.stderr[-1500:]}")
    return result, took


pngs = os.path.join(work, "pngs")
result, took = preview("ur", pngs)
if result.returncode != 0:
    problems.append(f"untouched Urdu: exit {result.returncode}")

tile = replace_msgstr(os.path.join(content, "ur.po"), 'msgctxt "category:lavoro:name"',
                      " ".join(["کام اور روزگار کے دفاتر"] * 6))
button = replace_msgstr(os.path.join(po, "ur.po"), 'msgid "Help now"',
                        "فوری مدد اور شکایت کے لیے یہاں چھوئیں اور انتظار کریں")
with open(os.path.join(content, "fr.po"), "a", encoding="utf-8") as f:
    f.write('\nmsgctxt "broken"\nmsgid "x\n')
result, took = preview("ur", pngs)
out = result.stdout + result.stderr
if result.returncode != 1:
    problems.append(f"planted: exit {result.returncode}, expected 1")
def shown(path):
    """The path as the check prints it: relative to the project folder
    (preview.sh's working folder) when it is inside it."""
    rel = os.path.relpath(path, source)
    return re.escape(path if rel.startswith("..") else rel)


for pattern in (rf"^{shown(content)}/ur\.po:{tile}: category:lavoro:name: cut to 3 lines",
                rf"^{shown(po)}/ur\.po:{button}: Help now: overflows its button by \d+ px"):
    if not re.search(pattern, out, re.M):
        problems.append(f"no line matching {pattern}")
if "fr.po" in out:
    problems.append("the French file's error reached the Urdu preview")
shots = [f for f in os.listdir(pngs)] if os.path.isdir(pngs) else []
if len(shots) < 50 or not all(f.startswith("ur-") and f.endswith(".png") for f in shots):
    problems.append(f"{len(shots)} screens drawn: {sorted(shots)[:4]}")
print(f"loop: {took:.1f} s with the planted problems")

# A changed article number in Tigrinya: the kiosk's build would refuse the
# catalogue; the preview reports it at its line, leaves that translation
# out and still draws every screen.
ti = os.path.join(content, "ti.po")
with open(ti, encoding="utf-8") as f:
    lines = f.read().split("\n")
in_msgstr, changed = False, None
for i, line in enumerate(lines):
    if line.startswith("msgstr"):
        in_msgstr = True
    elif not line.startswith('"'):
        in_msgstr = False
    if in_msgstr and "art. 35" in line:
        lines[i] = line.replace("art. 35", "art. 53")
        changed = i
        break
entry = max(i for i in range(changed) if lines[i].startswith("msgid")) + 1
with open(ti, "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
pngs = os.path.join(work, "pngs-ti")
result, took = preview("ti", pngs)
out = result.stdout + result.stderr
if not re.search(rf'^{re.escape(content)}/ti\.po:{entry}: number "35" of the source is missing or changed \(left out of this preview\)', out, re.M):
    problems.append(f"ti: the changed article number was not reported at line {entry}")
if result.returncode != 1 or len(os.listdir(pngs) if os.path.isdir(pngs) else []) < 50:
    problems.append(f"ti: exit {result.returncode}, screens not all drawn")

for p in problems:
    print("check failed:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
