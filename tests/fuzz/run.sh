#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS, from the repository's root, on a
# working corpus in BUILD/corpus/TARGET seeded from tests/fuzz/seeds/TARGET
# (the seeds stay as they are).  Prints runs and crashes per target; exits
# 1 when a target crashed (its reproducer is in BUILD/crashes/TARGET).
#   bash tests/fuzz/run.sh SECONDS BUILD TARGET...
set -u
secs=$1 build=$2
shift 2
cd "$(dirname "$0")/../.."
failed=0
for t in "$@"; do
    corpus=$build/corpus/$t crashes=$build/crashes/$t
    mkdir -p "$corpus" "$crashes"
    log=$build/fuzz_$t.log
    "$build/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 -rss_limit_mb=2048 \
        -artifact_prefix="$crashes/" "$corpus" "tests/fuzz/seeds/$t" > "$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    found=$(find "$crashes" -type f | wc -l)
    printf 'fuzz %-16s %8s runs in %ss, %s crashes\n' "$t" "${runs:-?}" "$secs" "$found"
    if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
        failed=1
        tail -30 "$log"
    fi
done
exit "$failed"
