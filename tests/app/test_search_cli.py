#!/usr/bin/env python3
"""sportello --search QUERY --lang L [--catalog FILE] [--limit N]: the
records found, best first, one a line, KIND:ID<TAB>title; exit 0 even when
nothing is found; bad arguments exit 2.

usage: test_search_cli.py SPORTELLO CATALOG OUTPUT_DIR"""
import os
import subprocess
import sys

sportello, catalog, out = sys.argv[1:4]
failures = 0
# a site in Suzzara: its own job centre first among the three
config = os.path.join(out, "search-cli-site.conf")
with open(config, "w", encoding="utf-8") as f:
    f.write("town = suzzara\n")


def check(condition, message):
    global failures
    if not condition:
        failures += 1
        print("check failed:", message, file=sys.stderr)


def search(*args):
    return subprocess.run([sportello, "--search", *args, "--catalog", catalog, "--config", config],
                          capture_output=True, text=True)


result = search("centro impiego", "--lang", "it", "--limit", "3")
lines = result.stdout.splitlines()
check(result.returncode == 0, f"exit {result.returncode}: {result.stderr}")
check(len(lines) == 3, f"--limit 3 printed {len(lines)} lines: {lines}")
check(lines and lines[0] == "service:cpi-suzzara\tCentro per l'Impiego di Suzzara",
      f"first line {lines[:1]}")
for line in lines:
    record, _, title = line.partition("\t")
    kind, _, ident = record.partition(":")
    check(kind in ("service", "article", "category", "agency") and ident and title,
          f"not KIND:ID<TAB>title: {line!r}")

# the title in the language asked for, as written (not folded)
result = search("اقامة", "--lang", "ar")
check("category:permesso\tتصريح الإقامة (permesso di soggiorno)" in result.stdout.splitlines(),
      f"ar: {result.stdout}")
check(len(result.stdout.splitlines()) <= 10, "the default limit is 10")

# nothing found: no line, exit 0, and the query nowhere in what is printed
result = search("zzqqxxyy", "--lang", "uk")
check(result.returncode == 0 and result.stdout == "",
      f"nothing found: exit {result.returncode}, {result.stdout!r}")
check("zzqqxxyy" not in result.stderr, f"the query was logged: {result.stderr}")

for args in [("x",), ("x", "--lang", "xx"), ("x", "--lang", "it", "--limit", "0"),
             ("x", "--lang", "it", "--limit", "many")]:
    result = search(*args)
    check(result.returncode == 2, f"{args}: exit {result.returncode}")

sys.exit(1 if failures else 0)
