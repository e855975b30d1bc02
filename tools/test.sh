#!/bin/sh
# The second command of README.md (and what .ci/run runs): install, build,
# run every test, and end with the line "N passed, N failed".
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/tools/build.sh"
status=0
meson test -C "$top/build" --print-errorlogs --num-processes 2 "$@" || status=$?

# The whole suite again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer: any memory error, leak or undefined behaviour
# fails the test that met it.  (SPORTELLO_NO_SANITIZERS=1 skips this run.)
logs="$top/build/meson-logs/testlog.json"
if [ -z "${SPORTELLO_NO_SANITIZERS:-}" ]; then
    export ASAN_OPTIONS=fast_unwind_on_malloc=0:detect_leaks=1
    export LSAN_OPTIONS="suppressions=$top/tests/sanitizers.supp:print_suppressions=0"
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    if [ ! -d "$top/build-sanitizers" ]; then
        meson setup "$top/build-sanitizers" -Db_sanitize=address,undefined -Db_lundef=false \
            -Dbuildtype=debug >"$top/build-sanitizers.log" 2>&1 || { cat "$top/build-sanitizers.log"; exit 1; }
    fi
    ninja -C "$top/build-sanitizers" >/dev/null
    meson test -C "$top/build-sanitizers" --print-errorlogs --num-processes 2 \
        --timeout-multiplier 4 "$@" || status=$?
    logs="$logs $top/build-sanitizers/meson-logs/testlog.json"

    # The libFuzzer targets (fuzz/README.md), built with clang, each run
    # for 60 s from its seed corpus.  (SPORTELLO_NO_FUZZ=1 skips this.)
    if [ -z "${SPORTELLO_NO_FUZZ:-}" ]; then
        if [ ! -d "$top/build-fuzz" ]; then
            CC=clang meson setup "$top/build-fuzz" -Dfuzz=true -Db_sanitize=address,undefined \
                -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link \
                >"$top/build-fuzz.log" 2>&1 || { cat "$top/build-fuzz.log"; exit 1; }
        fi
        ninja -C "$top/build-fuzz" fuzz/fuzz_data_parser fuzz/fuzz_po_import \
            fuzz/fuzz_text_engine fuzz/fuzz_search_query fuzz/fuzz_recording po-content/catalog.sqlite \
            >/dev/null
        meson test -C "$top/build-fuzz" --no-rebuild --print-errorlogs --num-processes 2 \
            --suite fuzz || status=$?
        logs="$logs $top/build-fuzz/meson-logs/testlog.json"
    fi
fi
python3 - $logs <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
  for line in open(path, encoding="utf-8"):
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
