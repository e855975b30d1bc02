#!/usr/bin/env python3
"""`sportello --check-layout` reports, at the PO line of the string, what a
translation does to the screens: planted in copies of po/ and po-content/
(a category name made 6 times longer, a "Help now" too tall for its
button, a character no font has), each is expected at its line; nothing
else is reported for those languages.  (The shipped files themselves:
layout_check_shipped_po_files_fit_every_slot_at_every_shape.)

usage: test_check_layout.py SPORTELLO SOURCE_DIR WORK_DIR"""
import os
import re
import shutil
import subprocess
import sys

from po_edit import replace_msgstr

kiosk, source, work = (os.path.abspath(a) for a in sys.argv[1:4])
problems = []
env = dict(os.environ, SDL_AUDIODRIVER="dummy", HOME=work)

shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
po = os.path.join(work, "po")
content = os.path.join(work, "po-content")
shutil.copytree(os.path.join(source, "po"), po)
shutil.copytree(os.path.join(source, "po-content"), content)


ur_content = os.path.join(content, "ur.po")
ur_ui = os.path.join(po, "ur.po")
ti_content = os.path.join(content, "ti.po")
name = "کام اور روزگار کے دفاتر"
tile_line = replace_msgstr(ur_content, 'msgctxt "category:lavoro:name"', " ".join([name] * 6))
help_line = replace_msgstr(ur_ui, 'msgid "Help now"',
                           "فوری مدد اور شکایت کے لیے یہاں چھوئیں اور انتظار کریں")
glyph_line = replace_msgstr(ti_content, 'msgctxt "service:emergenza-112:name"',
                            "112 \u2014 \ue000 \u1203\u12f0 \u1241\u133d\u122a")

for lang in ("ur", "ti"):
    result = subprocess.run([kiosk, "--check-layout", "--lang", lang, "--po", po,
                             "--po-content", content, "--data", os.path.join(source, "data")],
                            env=env, capture_output=True, text=True, timeout=300, cwd=work)
    out = result.stdout
    print(f"--- {lang}: exit {result.returncode}\n{out}{result.stderr[-600:]}")
    if result.returncode != 1:
        problems.append(f"{lang}: exit {result.returncode}, expected 1")
    if lang == "ur":
        want = [rf"^po-content/ur\.po:{tile_line}: category:lavoro:name: cut to 3 lines \(needs \d+\) at 600x1024 \[home\.category\]$",
                rf"^po/ur\.po:{help_line}: Help now: overflows its button by \d+ px at 600x1024 \[bar\.help\]$"]
        allowed = rf"^po-content/ur\.po:{tile_line}: |^po/ur\.po:{help_line}: "
    else:
        want = [rf"^po-content/ti\.po:{glyph_line}: service:emergenza-112:name: lacks a glyph for U\+E000: no font of assets/fonts\.txt has it for ti$"]
        allowed = rf"^po-content/ti\.po:{glyph_line}: "
    for pattern in want:
        if not re.search(pattern, out, re.M):
            problems.append(f"{lang}: no line matching {pattern}")
    for line in out.splitlines():
        if not re.match(allowed, line):
            problems.append(f"{lang}: unexpected: {line}")

for p in problems:
    print("check failed:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
