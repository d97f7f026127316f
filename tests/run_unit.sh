#!/usr/bin/env bash
# Runs each cmocka test binary given as an argument; fails if any fails or
# if no test ran at all.  $VALGRIND, when set, prefixes every run.
set -u
total=0; failed=0
for t in "$@"; do
    out=$(${VALGRIND:-} "$t" 2>&1); rc=$?
    printf '%s\n' "$out"
    n=$(printf '%s\n' "$out" | sed -n 's/^\[==========\] \([0-9][0-9]*\) test(s) run\./\1/p' | awk '{s+=$1} END {print s+0}')
    total=$((total + n))
    if [ $rc -ne 0 ]; then failed=$((failed + 1)); echo "srw: FAILED: $t (exit $rc)"; fi
done
if [ "$total" -eq 0 ]; then echo "srw: no unit test ran"; exit 1; fi
echo "srw: $total unit tests in $# binaries, $failed binaries failed"
[ $failed -eq 0 ]
