#!/usr/bin/env bash
# Whole-review figures: what the commands a reviewer runs take as a review
# grows.  Prints a table and checks nothing.
#   bash bench/whole.sh                 # 100, 1,000 and 10,000 outcomes
#   SIZES="100 1000" bash bench/whole.sh
# Needs ./srw built.  Per size N: bench/gen.c's workload of N outcomes
# (about 16 trial rows each, dichotomous, continuous and generic, 50 uses)
# imported into a new database, `srw analyse --all` on it as JSON and as
# JSON Lines (REML, Hartung-Knapp, prediction interval), `srw report`; and,
# as srw verify needs RevMan's stored results, copies of a real Cochrane
# review (CD008625, 74 analyses: ../shared/fixtures/revman/) renamed per
# copy, as many as make about N analyses, imported and verified.  Time is
# wall-clock and peak memory the maximum resident set (GNU time); on a
# machine others share, quote the date beside them.
set -euo pipefail
cd "$(dirname "$0")/.."
# Imports record who made them (srw refuses to guess): the benchmark.
export SRW_REVIEWER="${SRW_REVIEWER:-${USER:-bench}}"
SIZES=${SIZES:-100 1000 10000}
out=bench/out
mkdir -p "$out"
cc -O2 -o "$out/gen" bench/gen.c -lm
rm5=../shared/fixtures/revman/CD008625StatsDataOnly.rm5
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=

# measure NAME CMD...: runs CMD (stdout to $out/NAME.out), sets secs and kb.
measure() {
    local name=$1
    shift
    if [ -n "$TIME" ]; then
        "$TIME" -f '%e %M' -o "$out/$name.time" "$@" > "$out/$name.out"
        read -r secs kb < "$out/$name.time"
    else
        local t0 t1
        t0=$(date +%s.%N)
        "$@" > "$out/$name.out"
        t1=$(date +%s.%N)
        secs=$(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }")
        kb=0
    fi
}
mb() { [ "$1" -gt 0 ] && awk "BEGIN { printf \"%.0f MB\", $1 / 1024 }" || echo "-"; }
size() { # a file's or a folder's size, in KB or MB
    local k
    k=$(du -sk "$1" | cut -f1)
    [ "$k" -lt 1024 ] && echo "$k KB" || echo "$((k >> 10)) MB"
}
row() { printf '| %-37s | %8s | %8s | %7s | %s |\n' "$@"; }

echo "srw whole-review figures, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
row "command" "outcomes" "time (s)" "peak" "output"
row "---" "---:" "---:" "---:" "---"
for n in $SIZES; do
    db=$out/whole-$n.db
    "$out/gen" "$n" > "$out/whole-$n.csv"
    rows=$(($(wc -l < "$out/whole-$n.csv") - 1))
    rm -f "$db" "$db"-*
    ./srw init --db "$db" > /dev/null
    measure import ./srw import --quiet --db "$db" "$out/whole-$n.csv"
    row "import ($rows trial rows)" "$n" "$secs" "$(mb "$kb")" "$(size "$db")"
    measure analyse ./srw analyse --db "$db" --all --json --model random --tau2 REML --ci hksj
    row "analyse --all --json" "$n" "$secs" "$(mb "$kb")" "$(size "$out/analyse.out")"
    measure analysel ./srw analyse --db "$db" --all --jsonl --model random --tau2 REML --ci hksj
    row "analyse --all --jsonl" "$n" "$secs" "$(mb "$kb")" "$(size "$out/analysel.out")"
    rm -rf "$out/whole-report"
    measure report ./srw report --db "$db" --out "$out/whole-report"
    row "report" "$n" "$secs" "$(mb "$kb")" \
        "$(find "$out/whole-report" -type f | wc -l) files, $(size "$out/whole-report")"
    rm -f "$db" "$db"-*
    if [ -r "$rm5" ]; then
        copies=$(((n + 73) / 74))
        files=()
        for c in $(seq "$copies"); do
            # Each copy's comparisons (the uses) get a name of their own.
            awk -v c="$c" '/<COMPARISON ID=/ { cmp = 1 } cmp && /^<NAME>/ { sub(/<\/NAME>$/, " (copy " c ")</NAME>"); cmp = 0 } { print }' \
                "$rm5" > "$out/whole-copy-$c.rm5"
            files+=("$out/whole-copy-$c.rm5") # RevMan 5 files are known by their content
        done
        vdb=$out/whole-verify.db
        rm -f "$vdb" "$vdb"-*
        ./srw init --db "$vdb" > /dev/null
        measure vimport ./srw import --quiet --db "$vdb" "${files[@]}"
        row "import ($copies copies of CD008625.rm5)" "$((74 * copies))" "$secs" "$(mb "$kb")" "$(size "$vdb")"
        measure verify ./srw verify --db "$vdb" || true
        row "verify" "$((74 * copies))" "$secs" "$(mb "$kb")" "$(tail -n 1 "$out/verify.out")"
        rm -f "$vdb" "$vdb"-* "$out"/whole-copy-*.rm5
    else
        row "verify" "$n" "-" "-" "skipped: $rm5 not found"
    fi
done
