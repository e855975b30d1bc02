#!/usr/bin/env python3
"""The kiosk program itself (`sportello`, no display: the start screen into
a PNG, as README's first command does on a server) on the bundled
catalogue, on a copy whose 112 number was changed to 113 with the sqlite3
program, and on a copy without its signature: the first is shown (signed by
the build's development key, which the kiosk trusts by default), the others
give the out-of-service screen and one error line saying why.

usage: test_signed_binary.py SPORTELLO BUNDLED_CATALOG WORK_DIR"""
import os
import shutil
import subprocess
import sys

kiosk, bundled, work = (os.path.abspath(a) for a in sys.argv[1:4])
failures = 0


def check(condition, message):
    global failures
    if not condition:
        failures += 1
        print("check failed:", message, file=sys.stderr)


def start(catalogue, name):
    folder = os.path.join(work, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "SPORTELLO_CONFIG")}
    env.update(HOME=folder, XDG_CONFIG_HOME=os.path.join(folder, "config"),
               XDG_STATE_HOME=os.path.join(folder, "state"), SDL_AUDIODRIVER="dummy")
    result = subprocess.run([kiosk, "--catalog", catalogue], env=env, cwd=folder,
                            capture_output=True, text=True, timeout=120)
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    print(f"$ sportello --catalog {os.path.basename(catalogue)}   (no display)")
    print("\n".join(line for line in result.stderr.splitlines()
                    if "catalog" in line or "error" in line))
    check(result.returncode == 0 and os.path.exists(os.path.join(folder, "sportello-start.png")),
          f"{name}: exit {result.returncode}, no start screen")
    return errors, result.stderr


os.makedirs(work, exist_ok=True)
errors, log = start(bundled, "bundled")
check(not errors and "signed by development" in log, f"bundled: {errors} {log!r}")

tampered = os.path.join(work, "catalog-113.sqlite")
shutil.copyfile(bundled, tampered)
subprocess.run(["sqlite3", tampered, "UPDATE phones SET number = '113' WHERE number = '112'"],
               check=True)
errors, log = start(tampered, "tampered")
check(len(errors) == 1 and "out of service" in errors[0] and "bad signature" in errors[0],
      f"112 changed to 113: {errors}")

unsigned = os.path.join(work, "catalog-unsigned.sqlite")
shutil.copyfile(bundled, unsigned)
os.truncate(unsigned, os.path.getsize(unsigned) - 96)
errors, log = start(unsigned, "unsigned")
check(len(errors) == 1 and "out of service" in errors[0] and "not signed" in errors[0],
      f"unsigned: {errors}")

print("signed_binary:", "FAILED" if failures else "ok")
sys.exit(1 if failures else 0)
