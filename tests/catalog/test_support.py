"""What the catalogue's Python tests share: counted checks, a private
temporary folder ($TMPDIR, else /dev/shm, else /tmp), and running one
named test of a script."""
import os
import shutil
import sys
import tempfile
import traceback


class Checks:
    """check(condition, message) prints a failed check with the test's name,
    counts it in check.failures, and returns the condition."""

    def __init__(self, name):
        self.name = name
        self.failures = 0

    def __call__(self, condition, message):
        if not condition:
            self.failures += 1
            print(f"{self.name}: check failed: {message}", file=sys.stderr)
        return condition


def temporary_folder(prefix):
    base = None
    for candidate in (os.environ.get("TMPDIR"), "/dev/shm", "/tmp"):
        if candidate and os.path.isdir(candidate) and os.access(candidate, os.W_OK):
            base = candidate
            break
    return tempfile.mkdtemp(prefix=prefix, dir=base)


def run_named_test(tests, name, check, prefix):
    """Runs tests[name] (a function of a fresh temporary folder, removed
    after), counting an exception (a broken fixture, an unreadable file) as
    a failure with its cause; prints "NAME: ok" or "NAME: FAILED" and exits
    with 0 or 1."""
    if name not in tests:
        sys.exit(f"unknown test {name}; known: {', '.join(tests)}")
    work = temporary_folder(prefix)
    try:
        tests[name](work)
    except Exception:
        traceback.print_exc()
        check.failures += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{name}:", "FAILED" if check.failures else "ok")
    sys.exit(1 if check.failures else 0)
