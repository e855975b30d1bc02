#!/usr/bin/env python3
"""sportello-catalog build's progress line (src/catalog/progress.h): on a
terminal (a pseudo-terminal here) one line redrawn in place says the records
read, the languages imported and the search index built, and is erased
before the summary; with standard error a pipe or a file (a log, CI) the
output is exactly what it was without it: no progress text, no carriage
return, no escape sequence.

usage: test_build_progress.py SPORTELLO_CATALOG DATA_DIR PO_DIR LANGUAGES WORK_DIR"""
import os
import pty
import re
import select
import subprocess
import sys

tool, data, po, languages, work = sys.argv[1:6]
os.makedirs(work, exist_ok=True)
failures = 0


def check(condition, message):
    global failures
    if not condition:
        failures += 1
        print("check failed:", message, file=sys.stderr)


def command(output):
    return [tool, "build", "--data", data, "--po", po, "--languages", languages,
            "--output", output]


def on_terminal(output):
    """The build with stdout and stderr on one pseudo-terminal: all it wrote."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(tool, command(output))
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), b"".join(chunks)


def piped(output):
    result = subprocess.run(command(output), capture_output=True)
    return result.returncode, result.stdout, result.stderr


# On a terminal: the progress line, redrawn in place, then erased.
code, text = on_terminal(os.path.join(work, "tty.sqlite"))
check(code == 0, f"build on a terminal: exit {code}: {text[-400:]!r}")
shown = text.decode("utf-8", "replace")
check(re.search(r"\r\d+ records read", shown) is not None, f"no records line: {shown[:300]!r}")
check(re.search(r"\d+/\d+ languages imported", shown) is not None, "no languages imported")
languages_total = re.findall(r"(\d+)/(\d+) languages imported", shown)
check(languages_total and languages_total[-1][0] == languages_total[-1][1],
      f"languages not all imported at the end: {languages_total[-1:]}")
search = re.findall(r"search index (\d+)/(\d+) texts", shown)
check(search and search[-1][0] == search[-1][1], f"search index not finished: {search[-1:]}")
check("\r\x1b[K" in shown, "the line is not erased before the summary")
last = shown.rsplit("\r\x1b[K", 1)[-1]
check("translatable texts x" in last and "records read" not in last,
      f"the summary is not alone after the line: {last!r}")

# Without a terminal: nothing of it, and the same output as always.
code, out, err = piped(os.path.join(work, "pipe.sqlite"))
check(code == 0, f"build into a pipe: exit {code}: {err[-400:]!r}")
for marker in (b"records read", b"languages imported", b"search index", b"\r", b"\x1b"):
    check(marker not in out and marker not in err, f"{marker!r} written into a pipe")
check(re.fullmatch(rb"\S+pipe\.sqlite: \d+ translatable texts x \d+ languages[^\n]*\n", out)
      is not None, f"stdout into a pipe: {out!r}")
with open(os.path.join(work, "stderr.log"), "wb") as log:
    result = subprocess.run(command(os.path.join(work, "pipe.sqlite")), stdout=subprocess.PIPE,
                            stderr=log)
with open(os.path.join(work, "stderr.log"), "rb") as log:
    logged = log.read()
check(result.returncode == 0 and logged == err, f"stderr into a file differs: {logged[:300]!r}")
check(result.stdout == out, "stdout differs between two builds into pipes")

print("catalog_build_progress:", "FAILED" if failures else "ok")
sys.exit(1 if failures else 0)
