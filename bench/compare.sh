#!/usr/bin/env bash
# Two builds of srw timed against each other on the same inputs, their
# runs interleaved so that the machine's drift falls on both alike: the
# pooling alone, `srw analyse --all --json`, and the imports of make bench.
# Prints each side's median and the ratio new/old; asserts nothing.
#   bash bench/compare.sh OLD_DIR NEW_DIR [ROUNDS]
# A DIR is a checkout with ./srw and build/bench_pool built (make && make
# build/bench_pool), e.g. a `git worktree add /tmp/old <commit>` of an
# earlier commit.  The shipped studies imported are OLD_DIR's, which both
# builds read.  ROUNDS defaults to 3; ROWS (1000000) and OUTCOMES (2000)
# as in bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
# Imports record who made them (srw refuses to guess): the benchmark.
export SRW_REVIEWER="${SRW_REVIEWER:-${USER:-bench}}"
[ $# -ge 2 ] || { echo "usage: bash bench/compare.sh OLD_DIR NEW_DIR [ROUNDS]" >&2; exit 2; }
old=$(cd "$1" && pwd) new=$(cd "$2" && pwd) rounds=${3:-3}
OUTCOMES=${OUTCOMES:-2000}
ROWS=${ROWS:-1000000}
out=bench/out
mkdir -p "$out"
cc -O2 -o "$out/gen" bench/gen.c -lm
"$out/gen" "$OUTCOMES" > "$out/workload.csv"
"$out/gen" --rows "$ROWS" > "$out/big.csv"
"$out/gen" --rows "$ROWS" --pool 2500 > "$out/shared.csv"
now() { date +%s.%N; }
declare -A times

# One timed command of one side: "what side" and the command.
timed() {
    local what=$1 side=$2 t0 t1
    shift 2
    t0=$(now)
    "$@" > /dev/null
    t1=$(now)
    times["$what $side"]+=" $(awk "BEGIN { printf \"%.4f\", $t1 - $t0 }")"
}

fresh() { # side, database, [files to import first]
    local srw=$1/srw db=$2
    shift 2
    rm -f "$db"*
    "$srw" init --db "$db" > /dev/null
    [ $# -eq 0 ] || "$srw" import --quiet --db "$db" "$@"
}

for round in $(seq "$rounds"); do
    for side in old new; do
        dir=$old
        [ "$side" = new ] && dir=$new
        db=$out/compare-$side.db
        fresh "$dir" "$db"
        timed "import of the workload (s)" $side "$dir/srw" import --quiet --db "$db" "$out/workload.csv"
        timed "analyse --all --json, REML + HKSJ (s)" $side \
            "$dir/srw" analyse --db "$db" --all --json --model random --tau2 REML --ci hksj
        pool=$("$dir/build/bench_pool" "$out/workload.csv" | sed -n 's/.* = \([0-9.]*\) us each.*/\1/p' | head -1)
        times["pooling alone (us per meta-analysis) $side"]+=" ${pool:-nan}"
        for shape in big shared; do
            fresh "$dir" "$db"
            timed "import of $ROWS rows, $shape (s)" $side "$dir/srw" import --quiet --db "$db" "$out/$shape.csv"
        done
        # The old checkout's studies: files both builds read.
        fresh "$dir" "$db" "$old"/studies/*.csv
        timed "import of $ROWS rows, big, into the shipped studies (s)" $side \
            "$dir/srw" import --quiet --db "$db" "$out/big.csv"
        rm -f "$db"*
    done
    echo "round $round of $rounds done" >&2
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "old: $old"
echo "new: $new"
echo "median of $rounds interleaved rounds; ratio = new / old"
for what in "pooling alone (us per meta-analysis)" "analyse --all --json, REML + HKSJ (s)" \
    "import of the workload (s)" "import of $ROWS rows, big (s)" "import of $ROWS rows, shared (s)" \
    "import of $ROWS rows, big, into the shipped studies (s)"; do
    o=$(echo "${times["$what old"]}" | median)
    n=$(echo "${times["$what new"]}" | median)
    printf '%-58s old %9s   new %9s   ratio %s   (old:%s; new:%s)\n' "$what" "$o" "$n" \
        "$(awk "BEGIN { printf \"%.3f\", $n / $o }")" "${times["$what old"]}" "${times["$what new"]}"
done
