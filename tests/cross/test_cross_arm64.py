#!/usr/bin/env python3
"""The arm64 cross build (tools/cross-arm64.sh) builds, and its `sportello`,
run under qemu-user, draws the same start screen as the native build.

usage: test_cross_arm64.py SOURCE_ROOT NATIVE_SPORTELLO WORK_DIR [ARM64_BUILD_DIR]

Skips (exit 77) naming what is missing when the cross compiler, qemu-user or
the arm64 libraries are not installed: tools/test.sh (CI) does not install
them; `sh tools/cross-arm64.sh` as root does.  Otherwise it runs
`tools/cross-arm64.sh --no-install ARM64_BUILD_DIR` (default WORK_DIR/build-arm64,
configured once, then rebuilt incrementally), which cross-builds and draws the
start screen under qemu-aarch64-static, and checks:
 - BUILD/src/sportello is an arm64 ELF program;
 - the PNG it printed is a valid PNG (signature, chunk CRCs, zlib stream,
   row filters), 1280x800;
 - it matches the native build's start screen, drawn here with the same
   catalogue and default settings: at most 0.1% of the pixels (1,024) may
   have a colour channel more than 8 levels apart.  Same sources, fonts and
   catalogue give the same layout and the same glyph bitmaps (FreeType and
   HarfBuzz work in fixed point), but not quite the same blending: on
   x86-64 SDL blends the glyphs with its MMX blitter (see
   src/text/text_render.c), on arm64 with other code, and the two round
   differently.  Measured on bookworm: about 13,600
   pixels (1.3%) differ, every one a partly covered pixel on the edge of a
   glyph or an icon, and by at most 3 levels (alpha 253 against 254), so 8
   levels leaves room and 0 pixels exceed it.  A glyph one pixel off, a
   fallback font or a box for a missing glyph changes its edge pixels by
   up to 255 levels; a handful of such glyphs is over 1,024 pixels."""
import os
import shutil
import struct
import subprocess
import sys
import time
import zlib

CHANNEL_TOLERANCE = 8
PIXEL_SHARE_TOLERANCE = 0.001
WIDTH, HEIGHT = 1280, 800

top, native, work = (os.path.abspath(a) for a in sys.argv[1:4])
build = os.path.abspath(sys.argv[4]) if len(sys.argv) > 4 else os.path.join(work, "build-arm64")


def skip_if_missing():
    missing = []
    for tool in ("aarch64-linux-gnu-gcc", "qemu-aarch64-static", "meson", "ninja"):
        if not shutil.which(tool):
            missing.append(f"program {tool}")
    arches = subprocess.run(["dpkg", "--print-foreign-architectures"], capture_output=True,
                            text=True).stdout.split()
    if "arm64" not in arches:
        missing.append("the arm64 architecture in dpkg (dpkg --add-architecture arm64)")
    with open(os.path.join(top, "tools", "cross", "arm64-packages.txt"), encoding="utf-8") as f:
        packages = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    for package in packages:
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                                capture_output=True, text=True).stdout
        if "install ok installed" not in status:
            missing.append(f"Debian package {package}")
    if missing:
        print("SKIP: the arm64 cross build needs what is not installed here: "
              + "; ".join(missing) + ".  Run `sh tools/cross-arm64.sh` as root to install it.")
        sys.exit(77)


def chunks(data, name):
    """The PNG's chunks as (type, body), or an exception saying what is wrong."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{name}: not a PNG (signature {data[:8]!r})")
    at, found = 8, []
    while at < len(data):
        if at + 12 > len(data):
            raise ValueError(f"{name}: cut short in a chunk header at byte {at}")
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if len(body) != length:
            raise ValueError(f"{name}: chunk {kind!r} cut short")
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f"{name}: chunk {kind!r} has a wrong CRC")
        found.append((kind, body))
        at += 12 + length
        if kind == b"IEND":
            break
    if not found or found[0][0] != b"IHDR" or found[-1][0] != b"IEND":
        raise ValueError(f"{name}: no IHDR first or no IEND last")
    return found


def decode(path):
    """(width, height, channels, rows): rows are unfiltered bytes.  8-bit RGB or
    RGBA, not interlaced: what src/png_io.c writes."""
    with open(path, "rb") as f:
        data = f.read()
    found = chunks(data, path)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", found[0][1])
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError(f"{path}: depth {depth}, colour type {colour}, interlace {interlace}")
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(b"".join(body for kind, body in found if kind == b"IDAT"))
    stride = width * channels
    if len(raw) != height * (stride + 1):
        raise ValueError(f"{path}: {len(raw)} bytes of pixels for {width}x{height}")
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(channels, stride):
                row[i] = (row[i] + row[i - channels]) & 255
        elif kind == 2:
            row = bytearray((a + b) & 255 for a, b in zip(row, previous))
        elif kind == 3:
            for i in range(stride):
                left = row[i - channels] if i >= channels else 0
                row[i] = (row[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = row[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        elif kind != 0:
            raise ValueError(f"{path}: row {y} has filter {kind}")
        rows.append(row)
        previous = row
    return width, height, channels, rows


def differing(got, want):
    """(pixels whose largest colour-channel difference exceeds the tolerance,
    pixels that differ at all, the largest channel difference)."""
    (_, _, cg, rows_got), (_, _, cw, rows_want) = got, want
    over = changed = largest = 0
    for a, b in zip(rows_got, rows_want):
        if a == b:
            continue
        for x in range(len(a) // cg):
            worst = max(abs(a[x * cg + c] - b[x * cw + c]) for c in range(3))
            if worst:
                changed += 1
                largest = max(largest, worst)
                over += worst > CHANNEL_TOLERANCE
    return over, changed, largest


def start_screen_env(home):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "XDG_CONFIG_HOME",
                        "XDG_STATE_HOME", "SPORTELLO_CONFIG")}
    env["HOME"] = home
    return env


skip_if_missing()
os.makedirs(work, exist_ok=True)
problems = []

started = time.monotonic()
result = subprocess.run(["sh", os.path.join(top, "tools", "cross-arm64.sh"), "--no-install", build],
                        capture_output=True, text=True, timeout=840)
seconds = time.monotonic() - started
print(f"tools/cross-arm64.sh --no-install {build}: exit {result.returncode} in {seconds:.0f} s")
if result.returncode != 0:
    print(result.stdout[-4000:], result.stderr[-4000:], sep="\n", file=sys.stderr)
    print("cross_arm64: FAILED")
    sys.exit(1)
arm64_png = result.stdout.strip().splitlines()[-1]

with open(os.path.join(build, "src", "sportello"), "rb") as f:
    elf = f.read(20)
if elf[:4] != b"\x7fELF" or struct.unpack("<H", elf[18:20])[0] != 183:  # EM_AARCH64
    problems.append(f"{build}/src/sportello is not an arm64 ELF program")

# The native build's start screen: same catalogue (the one its build made
# from the same data/ and po-content/), same defaults.
native_dir = os.path.join(work, "native-start-screen")
shutil.rmtree(native_dir, ignore_errors=True)
os.makedirs(os.path.join(native_dir, "home"))
native_run = subprocess.run([native, "--config", os.path.join(native_dir, "home", "site.conf")],
                            cwd=native_dir, env=start_screen_env(os.path.join(native_dir, "home")),
                            capture_output=True, text=True, timeout=120)
native_png = os.path.join(native_dir, native_run.stdout.strip())
if native_run.returncode != 0 or not os.path.isfile(native_png):
    problems.append(f"the native sportello drew no start screen: exit {native_run.returncode}, "
                    f"{native_run.stderr[-2000:]}")

try:
    got = decode(arm64_png)
    if got[:2] != (WIDTH, HEIGHT):
        problems.append(f"{arm64_png}: {got[0]}x{got[1]}, not {WIDTH}x{HEIGHT}")
    elif not problems:
        want = decode(native_png)
        if want[:2] != got[:2]:
            problems.append(f"native {want[0]}x{want[1]} against arm64 {got[0]}x{got[1]}")
        else:
            count, changed, largest = differing(got, want)
            share = count / (WIDTH * HEIGHT)
            print(f"arm64 against native start screen: {changed} of {WIDTH * HEIGHT} pixels differ, "
                  f"by at most {largest} levels in a colour channel; {count} by more than "
                  f"{CHANNEL_TOLERANCE} ({share * 100:.3f}%, tolerance {PIXEL_SHARE_TOLERANCE * 100:.1f}%)")
            if share > PIXEL_SHARE_TOLERANCE:
                problems.append(f"{arm64_png} differs from the native {native_png}")
except (OSError, ValueError, zlib.error) as e:
    problems.append(str(e))

print(f"arm64 start screen: {arm64_png}")
for p in problems:
    print("check failed:", p, file=sys.stderr)
print("cross_arm64:", "FAILED" if problems else "ok")
sys.exit(1 if problems else 0)
