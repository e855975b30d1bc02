#!/bin/sh
# The second command of README.md (and what .ci/run runs): install, build,
# run every test, and end with the line "N passed, N failed".
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/tools/build.sh"
status=0
meson test -C "$top/build" --print-errorlogs --num-processes 2 "$@" || status=$?
python3 - "$top/build/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1], encoding="utf-8"):
    result = json.loads(line).get("result")
    if result in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
