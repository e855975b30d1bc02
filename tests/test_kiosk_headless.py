#!/usr/bin/env python3
"""With no display, `sportello` draws its screen into a PNG and prints the
file's path (README's first command on a server or in CI).

usage: test_kiosk_headless.py SPORTELLO OUTPUT_DIR"""
import os
import struct
import subprocess
import sys

kiosk, out = (os.path.abspath(a) for a in sys.argv[1:3])
env = {k: v for k, v in os.environ.items()
       if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
work = os.path.join(out, "headless")
os.makedirs(work, exist_ok=True)
result = subprocess.run([kiosk], env=env, cwd=work, capture_output=True, timeout=60)
path = result.stdout.decode().strip()
problems = []
if result.returncode != 0:
    problems.append(f"exit {result.returncode}: {result.stderr!r}")
full = os.path.join(work, path)
if not path or not os.path.exists(full):
    problems.append(f"printed {path!r}, which is not a file")
else:
    with open(full, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        problems.append("not a PNG")
    elif struct.unpack(">II", head[16:24]) != (1280, 800):
        problems.append(f"size {struct.unpack('>II', head[16:24])}")
if b"no display" not in result.stderr:
    problems.append(f"no log line saying there is no display: {result.stderr!r}")
for p in problems:
    print("check failed:", p, file=sys.stderr)
print("kiosk_headless:", "FAILED" if problems else "ok")
sys.exit(1 if problems else 0)
