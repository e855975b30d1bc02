#!/usr/bin/env python3
"""`sportello --screenshots DIR` draws every screen in every language as
LANG-SCREEN.png (SCREEN-ID for a category, service, QR code or article),
1280x800; `--lang L` only that language; `--size WxH` at that window size;
`--full` each screen's whole scrolled height as one tall PNG.

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
    names = {f"{lang}-{s}" for s in ("languages", "home", "help", "idle", "pin", "operator",
                                     "search", "search-example", "search-qxqxqxqx")}
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


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def check_pngs(directory, names, size=(1280, 800), full=False):
    heights = {}
    for name in sorted(names):
        path = os.path.join(directory, name + ".png")
        if not os.path.exists(path):
            problems.append(f"missing {name}.png")
            continue
        got = png_size(path)
        ok = got is not None and (got[0] == size[0] and got[1] >= size[1] if full else got == size)
        if not ok:
            problems.append(f"{name}.png is {got}, not a {'full-height ' if full else ''}"
                            f"{size[0]}x{size[1]} PNG")
        elif full:
            heights[name] = got[1]
    return heights


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

# Portrait, as on a CAS tablet.
out = os.path.join(work, "screenshots-it-portrait")
shutil.rmtree(out, ignore_errors=True)
result = subprocess.run([kiosk, "--screenshots", out, "--lang", "it", "--size", "800x1280",
                         "--catalog", catalog], env=env, capture_output=True, timeout=600)
if result.returncode != 0:
    problems.append(f"--size 800x1280: exit {result.returncode}")
check_pngs(out, expected(db, "it") | {"it-out-of-service"}, (800, 1280))

# The whole scrolled height: the longest screens are taller than the window,
# the short ones exactly as tall, and the idle countdown (an overlay) is
# the window.
out = os.path.join(work, "screenshots-ur-full")
shutil.rmtree(out, ignore_errors=True)
result = subprocess.run([kiosk, "--screenshots", out, "--lang", "ur", "--size", "600x1024",
                         "--dpi", "170", "--full", "--catalog", catalog], env=env,
                        capture_output=True, timeout=600)
if result.returncode != 0:
    problems.append(f"--full: exit {result.returncode}")
heights = check_pngs(out, expected(db, "ur") - {"ur-idle"}, (600, 1024), full=True)
check_pngs(out, {"ur-idle"}, (600, 1024))
tall = [n for n, h in heights.items() if h > 1024]
if not any(n.startswith("ur-article-") for n in tall):
    problems.append(f"--full: no article taller than the window ({sorted(heights.items())[:3]})")
if heights.get("ur-pin", 0) != 1024:
    problems.append(f"--full: the PIN pad fits the window, got {heights.get('ur-pin')}")
print(f"--full: {len(tall)} of {len(heights)} screens taller than 600x1024, "
      f"tallest {max(heights.values()) if heights else 0} px")

# One string's places: every screen that shows it at every supported shape,
# whole height, nothing else; a string no screen shows is an error.
out = os.path.join(work, "screenshots-only")
shutil.rmtree(out, ignore_errors=True)
result = subprocess.run([kiosk, "--screenshots", out, "--lang", "ur", "--only",
                         "category:lavoro:name", "--catalog", catalog], env=env,
                        capture_output=True, timeout=600)
shapes = ("600x1024", "800x1280", "1024x600", "1280x800", "1920x1080")
# (The search screen shows the topics under an empty query and when nothing is found.)
want = {f"ur-{screen}-{shape}.png"
        for screen in ("home", "category-lavoro", "search", "search-qxqxqxqx") for shape in shapes}
got = set(os.listdir(out)) if os.path.isdir(out) else set()
if result.returncode != 0 or got != want:
    problems.append(f"--only: exit {result.returncode}, {sorted(got ^ want)[:6]} differ")
for name in sorted(got & want):
    w, h = png_size(os.path.join(out, name))
    sw, sh = (int(v) for v in name[:-4].rsplit("-", 1)[1].split("x"))
    if w != sw or h < sh:
        problems.append(f"--only: {name} is {w}x{h}")
result = subprocess.run([kiosk, "--screenshots", os.path.join(work, "screenshots-none"), "--lang",
                         "ur", "--only", "no:such:key", "--catalog", catalog], env=env,
                        capture_output=True, timeout=600)
if result.returncode != 1 or b"no screen shows" not in result.stderr:
    problems.append(f"--only of a string no screen shows: exit {result.returncode}")

# Sizes and densities a careless hand may type are refused, nothing written.
for bad in (["--size", "10x10"], ["--size", "800"], ["--size", "800x1280x3"],
            ["--size", "99999x800"], ["--dpi", "-5"], ["--dpi", "abc"], ["--dpi", "nan"]):
    out = os.path.join(work, "screenshots-bad")
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run([kiosk, "--screenshots", out, "--lang", "it"] + bad +
                            ["--catalog", catalog], env=env, capture_output=True, timeout=60)
    if result.returncode != 2 or os.path.exists(out):
        problems.append(f"{' '.join(bad)}: exit {result.returncode}, expected 2 and no folder")

for p in problems:
    print("check failed:", p, file=sys.stderr)
print("screenshots:", "FAILED" if problems else "ok")
sys.exit(1 if problems else 0)
