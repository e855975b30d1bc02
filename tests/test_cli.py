#!/usr/bin/env python3
"""sportello-text's interface, as scripts and translators use it:
--breaks prints each line's starting byte offset (the first is 0), -o writes
a PNG of the paragraph, bad arguments fail with exit code 2.

usage: test_cli.py SPORTELLO_TEXT CORPUS_DIR OUTPUT_DIR"""
import os
import struct
import subprocess
import sys

tool, corpus, out = sys.argv[1:4]
failures = 0


def check(condition, message):
    global failures
    if not condition:
        failures += 1
        print("check failed:", message, file=sys.stderr)


def run(args, text):
    return subprocess.run([tool] + args, input=text, capture_output=True)


for language in ["it", "ar", "ur", "ti", "zh"]:
    with open(os.path.join(corpus, language + ".txt"), "rb") as f:
        paragraph = f.read().split(b"\n")[0]
    result = run(["--lang", language, "--width", "300", "--size", "20", "--breaks"], paragraph)
    check(result.returncode == 0, f"{language}: exit {result.returncode}: {result.stderr!r}")
    starts = [int(line) for line in result.stdout.split()]
    check(len(starts) > 3, f"{language}: only {len(starts)} lines at 300 px")
    check(starts and starts[0] == 0, f"{language}: first start {starts[:1]}")
    check(starts == sorted(set(starts)), f"{language}: starts not increasing: {starts}")
    check(all(s < len(paragraph) for s in starts), f"{language}: start past the end")
    # every start is a character boundary of the UTF-8 input
    check(all(s == 0 or (paragraph[s] & 0xC0) != 0x80 for s in starts),
          f"{language}: a start inside a UTF-8 sequence")
    wider = run(["--lang", language, "--width", "600", "--size", "20", "--breaks"], paragraph)
    check(len(wider.stdout.split()) < len(starts), f"{language}: 600 px not fewer lines")

    png = os.path.join(out, f"cli-{language}.png")
    if os.path.exists(png):
        os.remove(png)
    result = run(["--lang", language, "--width", "300", "--size", "20", "-o", png], paragraph)
    check(result.returncode == 0 and os.path.exists(png), f"{language}: no PNG written")
    if os.path.exists(png):
        with open(png, "rb") as f:
            head = f.read(24)
        check(head[:8] == b"\x89PNG\r\n\x1a\n", f"{language}: not a PNG")
        width, height = struct.unpack(">II", head[16:24])
        check(width == 300 + 16, f"{language}: PNG is {width} px wide, expected 316")
        check(height > 20 * len(starts), f"{language}: PNG {height} px high for {len(starts)} lines")

# A bracketed gloss in the other direction that fits a line is not split
# (the Arabic home tile): the second line starts at the "(".
tile = "تصريح الإقامة (permesso di soggiorno)".encode()
for width in [250, 300]:
    result = run(["--lang", "ar", "--width", str(width), "--size", "20", "--breaks"], tile)
    starts = [int(line) for line in result.stdout.split()]
    check(starts == [0, tile.index(b"(")], f"ar gloss at {width} px: line starts {starts}")

result = run(["--lang", "it", "--size", "20"], b"x")
check(result.returncode == 2, f"missing --width accepted (exit {result.returncode})")
result = run(["--lang", "it", "--width", "abc", "--size", "20"], b"x")
check(result.returncode == 2, f"bad --width accepted (exit {result.returncode})")
result = run(["--lang", "it", "--width", "100", "--size", "20", "--breaks"], b"")
check(result.returncode == 0 and result.stdout == b"", f"empty input: {result.stdout!r}")

print("sportello_text_cli:", "FAILED" if failures else "ok")
sys.exit(1 if failures else 0)
