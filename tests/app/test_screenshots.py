#!/usr/bin/env python3
"""`sportello --screenshots DIR` draws every screen in every language as
LANG-SCREEN.png (SCREEN-ID for a category, service, QR code or article),
1280x800; `--lang L` only that language.

usage: test_screenshots.py SPORTELLO CATALOG WORK_DIR"""
import os
import shutil
import sqlite3
import struct
import subprocess
import sys

kiosk, catalog, work = sys.argv[1:4]
problems = []


def expected(db, lang):
    names = {f"{lang}-{s}" for s in ("languages", "home", "help", "idle", "pin", "operator")}
    for (cid,) in db.execute("SELECT id FROM categories"):
        names.add(f"{lang}-category-{cid}")
    for sid, address, phones in db.execute(
            "SELECT id, address, (SELECT count(*) FROM phones p WHERE p.service = s.id)"
            " FROM services s"):
        names.add(f"{lang}-service-{sid}")
        if address or phones:
            names.add(f"{lang}-qr-{sid}")
    for (aid,) in db.execute("SELECT id FROM articles"):
        names.add(f"{lang}-article-{aid}")
    return names


def check_pngs(directory, names):
    for name in sorted(names):
        path = os.path.join(directory, name + ".png")
        if not os.path.exists(path):
            problems.append(f"missing {name}.png")
            continue
        with open(path, "rb") as f:
            head = f.read(24)
        if head[:8] != b"\x89PNG\r\n\x1a\n" or struct.unpack(">II", head[16:24]) != (1280, 800):
            problems.append(f"{name}.png is not a 1280x800 PNG")


db = sqlite3.connect(f"file:{catalog}?mode=ro", uri=True)
languages = [code for (code,) in db.execute("SELECT code FROM languages ORDER BY position")]
env = dict(os.environ, SDL_AUDIODRIVER="dummy", HOME=work)

out = os.path.join(work, "screenshots-all")
shutil.rmtree(out, ignore_errors=True)
result = subprocess.run([kiosk, "--screenshots", out, "--catalog", catalog], env=env,
                        capture_output=True, timeout=600)
if result.returncode != 0:
    problems.append(f"exit {result.returncode}: {result.stderr[-2000:]!r}")
want = set()
for lang in languages:
    want |= expected(db, lang)
want.add("all-out-of-service")
check_pngs(out, want)
extra = {f[:-4] for f in os.listdir(out)} - want if os.path.isdir(out) else set()
if extra:
    problems.append(f"unexpected files: {sorted(extra)[:5]}")
print(f"all languages: {len(want)} screens expected, {len(os.listdir(out)) if os.path.isdir(out) else 0} written")

out = os.path.join(work, "screenshots-ur")
shutil.rmtree(out, ignore_errors=True)
result = subprocess.run([kiosk, "--screenshots", out, "--lang", "ur", "--catalog", catalog],
                        env=env, capture_output=True, timeout=600)
want = expected(db, "ur") | {"ur-out-of-service"}
check_pngs(out, want)
if len(os.listdir(out)) != len(want):
    problems.append(f"--lang ur wrote {len(os.listdir(out))} files, {len(want)} expected")

for p in problems:
    print("check failed:", p, file=sys.stderr)
print("screenshots:", "FAILED" if problems else "ok")
sys.exit(1 if problems else 0)
