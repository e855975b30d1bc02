"""What the catalogue's Python tests share: counted checks and a private
temporary folder ($TMPDIR, else /dev/shm, else /tmp)."""
import os
import sys
import tempfile


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
