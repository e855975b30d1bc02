#!/usr/bin/env python3
"""kiosk_logs_into_the_journal_with_level_and_module: with standard error
connected to the journal (JOURNAL_STREAM naming that stream, as systemd
sets it), each log line of the kiosk is a journal entry with PRIORITY from
its level and SPORTELLO_MODULE from its module, and nothing is written on
standard error.  The test is the journal: in a mount namespace of its own
(unshare -m, as root) a tmpfs over /run holds the socket libsystemd sends
entries to, /run/systemd/journal/socket.

usage: test_journal.py KIOSK
Exits 77 (skipped) when not root or without unshare: it needs a mount
namespace so as not to touch the machine's own /run."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile

kiosk = os.path.abspath(sys.argv[1])
if "--inside" not in sys.argv:
    if os.getuid() != 0 or not shutil.which("unshare"):
        print("SKIP: needs root and unshare (a mount namespace for a journal socket of its own)")
        sys.exit(77)
    result = subprocess.run(["unshare", "-m", sys.executable, __file__, kiosk, "--inside"])
    sys.exit(result.returncode)

subprocess.run(["mount", "--make-rprivate", "/"], check=True)
subprocess.run(["mount", "-t", "tmpfs", "sportello-test-run", "/run"], check=True)
os.makedirs("/run/systemd/journal")
journal = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
journal.bind("/run/systemd/journal/socket")
journal.settimeout(5)

work = tempfile.mkdtemp(prefix="sportello-journal-")
problems = []
try:
    with open(os.path.join(work, "stderr"), "w+b") as stderr:
        st = os.fstat(stderr.fileno())
        env = dict(os.environ, JOURNAL_STREAM=f"{st.st_dev}:{st.st_ino}", SDL_VIDEODRIVER="dummy",
                   HOME=work, SPORTELLO_CONFIG=os.path.join(work, "none.conf"))
        # An info line (config: no such file) and an error line (kiosk: out
        # of service) at least.
        subprocess.run([kiosk, "--screenshots", os.path.join(work, "shots"), "--lang", "it",
                        "--catalog", "/nonexistent/catalog.sqlite"], env=env, stderr=stderr,
                       stdout=subprocess.DEVNULL, timeout=120)
        stderr.seek(0)
        written = stderr.read().decode(errors="replace")
    entries = []
    while True:
        try:
            data = journal.recv(65536)
        except socket.timeout:
            break
        fields = {}
        for line in data.decode(errors="replace").split("\n"):
            if "=" in line:
                key, value = line.split("=", 1)
                fields[key] = value
        entries.append(fields)
        if len(entries) >= 50:
            break
    for e in entries:
        print({k: e.get(k) for k in ("PRIORITY", "SPORTELLO_MODULE", "SYSLOG_IDENTIFIER", "MESSAGE")})
    wanted = [("3", "kiosk", "kiosk: out of service"), ("6", "config", "config: ")]
    for priority, module, start in wanted:
        if not any(e.get("PRIORITY") == priority and e.get("SPORTELLO_MODULE") == module and
                   e.get("SYSLOG_IDENTIFIER") == "sportello" and
                   e.get("MESSAGE", "").startswith(start) for e in entries):
            problems.append(f"no entry PRIORITY={priority} SPORTELLO_MODULE={module} "
                            f"MESSAGE={start}...")
    if "sportello:" in written:
        problems.append(f"log lines on standard error too: {written[:300]!r}")
finally:
    shutil.rmtree(work, ignore_errors=True)
    journal.close()
for p in problems:
    print("check failed:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
