#!/usr/bin/env python3
"""Runs one libFuzzer target for a fixed time from its seed corpus.

    run_fuzz.py FUZZER SEEDS CRASHES SECONDS [extra libFuzzer flags]

The seeds are copied into a fresh working corpus (the committed corpus is
never written).  Prints the runs, the new inputs found and the coverage;
fails when the fuzzer stops on a crash, a leak, a timeout or an out-of-memory
input, and keeps that input in the build folder as fuzz-NAME-crash-* with
the command that replays it: add it to CRASHES/ under a name saying what it
broke, so that the replay test keeps it fixed."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

fuzzer, seeds, crashes, seconds = sys.argv[1:5]
extra = sys.argv[5:]
name = os.path.basename(fuzzer)
artifacts = os.path.join(os.path.dirname(os.path.abspath(fuzzer)), name + "-")

with tempfile.TemporaryDirectory(prefix="sportello-" + name + "-") as work:
    corpus = os.path.join(work, "corpus")
    shutil.copytree(seeds, corpus)
    for folder in (crashes,):
        if os.path.isdir(folder):
            for entry in sorted(os.listdir(folder)):
                shutil.copy(os.path.join(folder, entry), os.path.join(corpus, "crash-" + entry))
    command = [fuzzer, corpus, "-max_total_time=" + seconds, "-print_final_stats=1",
               "-timeout=30", "-rss_limit_mb=2560",
               "-artifact_prefix=" + artifacts] + extra
    print(" ".join(command), flush=True)
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            errors="replace")
    output = result.stdout
    stats = dict(re.findall(r"^stat::(\w+):\s*(\d+)", output, re.M))
    last = [line for line in output.splitlines() if re.match(r"#\d+\s", line)]
    seed_count = len(os.listdir(seeds))
    corpus_count = len(os.listdir(corpus))
    if last:
        print(last[-1])
    print(f"{name}: {stats.get('number_of_executed_units', '?')} inputs run in "
          f"{seconds} s, {seed_count} seeds, corpus grew to {corpus_count}, "
          f"peak RSS {stats.get('peak_rss_mb', '?')} MB, exit {result.returncode}")
    if result.returncode != 0:
        print(output[-20000:])
        print(f"{name}: FAILED; the input is in {artifacts}*", file=sys.stderr)
        sys.exit(1)
