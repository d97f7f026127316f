#!/usr/bin/env bash
# Runs each cmocka test binary given as an argument; fails if any fails or
# if no test ran at all.  $VALGRIND, when set, prefixes every run.  Prints
# one line per binary; a failing binary's whole output (and every binary's
# with V=1) so the failure can be read without running it again.
set -u
total=0; failed=0
for t in "$@"; do
    out=$(${VALGRIND:-} "$t" 2>&1); rc=$?
    n=$(printf '%s\n' "$out" | sed -n 's/^\[==========\] \([0-9][0-9]*\) test(s) run\./\1/p' | awk '{s+=$1} END {print s+0}')
    total=$((total + n))
    if [ "${V:-0}" = 1 ] || [ $rc -ne 0 ]; then printf '%s\n' "$out"; fi
    if [ $rc -ne 0 ]; then failed=$((failed + 1)); echo "srw: FAILED: $t (exit $rc)"
    else printf '  %-7s %s (%s tests)\n' TEST "${t##*/}" "$n"; fi
done
if [ "$total" -eq 0 ]; then echo "srw: no unit test ran"; exit 1; fi
echo "srw: $total unit tests in $# binaries, $failed binaries failed"
[ $failed -eq 0 ]
