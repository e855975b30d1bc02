#!/bin/sh
# The long fuzz runs (not part of tools/test.sh): each libFuzzer target for
# SECONDS (default 1800), two at a time, from its seed corpus, at low
# priority.  Needs build-fuzz/ (tools/test.sh makes it).  Logs and any
# crashing input go to build-fuzz/fuzz/; the last lines give the counts.
#   sh tools/fuzz-long.sh [SECONDS] [TARGET...]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-1800}
[ $# -gt 0 ] && shift
targets=${*:-data_parser po_import text_engine search_query}
export LSAN_OPTIONS="suppressions=$top/tests/sanitizers.supp:print_suppressions=0"
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export SDL_VIDEODRIVER=dummy
# (the catalogue is built by an ASan build of sportello-catalog: see
# tests/sanitizers.supp for the leaks of libgettextpo it must not report)
ASAN_OPTIONS=fast_unwind_on_malloc=0 \
    ninja -C "$top/build-fuzz" po-content/catalog.sqlite $(for t in $targets; do echo fuzz/fuzz_$t; done) \
    >"$top/build-fuzz/fuzz-long-build.log" 2>&1 || { cat "$top/build-fuzz/fuzz-long-build.log"; exit 1; }
run() {
    flags=
    options=detect_leaks=1
    if [ "$1" = po_import ]; then flags=-detect_leaks=0; options=$options:fast_unwind_on_malloc=0; fi
    ASAN_OPTIONS=$options nice -n 10 python3 "$top/fuzz/run_fuzz.py" "$top/build-fuzz/fuzz/fuzz_$1" \
        "$top/fuzz/seeds/$1" "$top/fuzz/crashes/$1" "$seconds" $flags \
        >"$top/build-fuzz/fuzz/long-$1.log" 2>&1 || echo "$1: FAILED" >>"$top/build-fuzz/fuzz/long-$1.log"
    tail -n 1 "$top/build-fuzz/fuzz/long-$1.log"
}
set -- $targets
while [ $# -gt 0 ]; do
    first=$1; shift
    if [ $# -gt 0 ]; then
        second=$1; shift
        run "$first" &
        run "$second"
        wait
    else
        run "$first"
    fi
done
