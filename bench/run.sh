#!/usr/bin/env bash
# srw benchmarks: prints figures, asserts nothing.  Run with `make bench`.
#   ANALYSE_OUTCOMES=10000 OUTCOMES=2000 ROWS=1000000 bash bench/run.sh
# srw analyse --all is timed end to end beside R's metafor on the same
# outcomes, in the same run, when Rscript and metafor are installed
# (METAFOR_OUTCOMES: how many of them metafor analyses, default all).
# Whole-review figures (import, analyse, report, verify at 100 to 10,000
# outcomes) are bench/whole.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."
# Imports record who made them (srw refuses to guess): the benchmark.
export SRW_REVIEWER="${SRW_REVIEWER:-${USER:-bench}}"
ANALYSE_OUTCOMES=${ANALYSE_OUTCOMES:-10000}
OUTCOMES=${OUTCOMES:-2000}
ROWS=${ROWS:-1000000}
out=bench/out
mkdir -p "$out"
cc -O2 -o "$out/gen" bench/gen.c -lm
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.3f\", $* }"; }
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=
echo "srw benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

# srw analyse --all at ANALYSE_OUTCOMES outcomes: the whole command (store
# reads, REML + Hartung-Knapp + prediction interval + the Q-profile CI of
# tau^2 + GRADE and the verdict per outcome, JSON written), wall-clock and
# CPU time and peak memory, beside metafor's rma + predict on the same
# outcomes with the data already in memory.  srw runs on as many threads as
# the machine has CPUs (at most 8; --jobs), and on one (--jobs 1).
"$out/gen" "$ANALYSE_OUTCOMES" > "$out/analyse.csv"
rm -f "$out/a.db"*
./srw init --db "$out/a.db" >/dev/null
./srw import --quiet --db "$out/a.db" "$out/analyse.csv"
for variant in json jsonl "json --jobs 1"; do
    format=${variant%% *}
    # shellcheck disable=SC2086 # the variant's words are options
    set -- --db "$out/a.db" --all --$variant --model random --tau2 REML --ci hksj
    if [ -n "$TIME" ]; then
        "$TIME" -f '%e %U %S %M' -o "$out/analyse.time" ./srw analyse "$@" > "$out/analyses.$format"
        read -r wall user sys kb < "$out/analyse.time"
    else
        t0=$(now)
        ./srw analyse "$@" > "$out/analyses.$format"
        t1=$(now)
        wall=$(calc "$t1 - $t0") user=0 sys=0 kb=0
    fi
    cpu=$(calc "$user + $sys")
    echo "analyse --all --$variant (REML, HKSJ, PI, Q-profile tau2 CI, GRADE): $ANALYSE_OUTCOMES meta-analyses in $wall s" \
         "(CPU $cpu s, peak $((kb >> 10)) MB, $(($(wc -c < "$out/analyses.$format") >> 20)) MB written)" \
         "= $(calc "$wall * 1000 / $ANALYSE_OUTCOMES") ms each"
    [ "$variant" = json ] && srw_wall=$wall srw_cpu=$cpu
    [ "$variant" = "json --jobs 1" ] && srw1_wall=$wall
done
# Where that time goes: read, assess, JSON (CPU, bench/bench_phases.c).
if [ -x build/bench_phases ]; then
    build/bench_phases "$out/a.db"
fi
if command -v Rscript >/dev/null && Rscript -e 'suppressMessages(library(metafor))' >/dev/null 2>&1; then
    Rscript bench/metafor.R "$out/analyse.csv" "${METAFOR_OUTCOMES:-all}" | tee "$out/metafor.txt"
    m_wall=$(sed -n 's/^metafor_seconds_per_analysis=//p' "$out/metafor.txt")
    m_cpu=$(sed -n 's/^metafor_cpu_seconds_per_analysis=//p' "$out/metafor.txt")
    echo "srw analyse --all --json against metafor, per meta-analysis: srw $(calc "$srw_wall * 1000 / $ANALYSE_OUTCOMES") ms," \
         "metafor $(calc "$m_wall * 1000") ms: srw is $(awk "BEGIN { printf \"%.0f\", $m_wall * $ANALYSE_OUTCOMES / $srw_wall }") times faster" \
         "(CPU time: $(awk "BEGIN { c = $srw_cpu; if (c > 0) printf \"%.0f\", $m_cpu * $ANALYSE_OUTCOMES / c; else print \"-\" }") times;" \
         "on one thread, --jobs 1: $(awk "BEGIN { printf \"%.0f\", $m_wall * $ANALYSE_OUTCOMES / $srw1_wall }") times)"
else
    echo "metafor: not installed (apt-get install r-cran-metafor) - comparison skipped"
fi

"$out/gen" "$OUTCOMES" > "$out/workload.csv"
rows=$(($(wc -l < "$out/workload.csv") - 1))
rm -f "$out/w.db"*
./srw init --db "$out/w.db" >/dev/null
t0=$(now); ./srw import --quiet --db "$out/w.db" "$out/workload.csv"; t1=$(now)
echo "import: $rows rows ($OUTCOMES outcomes) in $(calc "$t1 - $t0") s"

if [ -x build/bench_pool ]; then
    build/bench_pool "$out/workload.csv"
fi

# srw simulate: meta-analyses of k = 10 studies per second on one core, DL-wald
# and REML-hksj pooling the same replications (srw simulate is one thread; a
# study spreads over cores as shards).  MD and OR data; the median of three
# runs, whole-process time (start-up included).
SIM_REPS=${SIM_REPS:-100000}
for measure in MD OR; do
    rates=""
    for run in 1 2 3; do
        t0=$(now)
        ./srw simulate --quiet --measure "$measure" --k 10 --true-tau2 0.1 --reps "$SIM_REPS" \
            --methods DL-wald,REML-hksj > "$out/simulate-$measure.txt"
        t1=$(now)
        rates="$rates $(awk "BEGIN { printf \"%.0f\", 2 * $SIM_REPS / ($t1 - $t0) }")"
    done
    echo "simulate ($measure, k = 10, DL-wald + REML-hksj): $((2 * SIM_REPS)) meta-analyses per run, median of 3: $(echo $rates | tr ' ' '\n' | sort -n | sed -n 2p) per second on one core (runs:$rates)"
done

# The 1M-row import, two shapes (bench/gen.c): every row a trial of its own
# (the worst case: a new study per row), and trials shared within a use as
# in a review (each trial in about 8 outcomes).  Three runs of each into a
# fresh database (the machine's other work moves a single run by 20% or
# more); the medians are the figures bench/README.md quotes.  The worst
# case once more into a database that already holds the shipped studies
# ("into a review"): there the import first reads the stored studies'
# labels into its study map before it drops the labels' index.
"$out/gen" --rows "$ROWS" > "$out/big.csv"
"$out/gen" --rows "$ROWS" --pool 2500 > "$out/shared.csv"
for shape in big shared big-into-review; do
    csv="$out/${shape%-into-review}.csv"
    rows=$(($(wc -l < "$csv") - 1))
    times=""
    for run in 1 2 3; do
        rm -f "$out/big.db"*
        ./srw init --db "$out/big.db" >/dev/null
        if [ "$shape" = big-into-review ]; then
            ./srw import --quiet --db "$out/big.db" studies/*.csv
        fi
        t0=$(now); ./srw import --quiet --db "$out/big.db" "$csv"; t1=$(now)
        t=$(calc "$t1 - $t0")
        echo "import ($shape): $rows rows in $t s (run $run of 3)"
        times="$times $t"
    done
    echo "import ($shape): $rows rows, median of 3: $(echo $times | tr ' ' '\n' | sort -n | sed -n 2p) s"
    [ "$shape" = big-into-review ] && break
    # What writing as many new bytes costs on this machine by itself: on a
    # VM whose free memory goes back to the host, fresh page-cache pages are
    # slow to come by, and an import writes its whole database into them.
    mb=$(( $(stat -c %s "$out/big.db") >> 20 ))
    sleep 5
    t0=$(now); dd if=/dev/zero of="$out/dd.tmp" bs=1M count="$mb" 2>/dev/null; t1=$(now)
    rm -f "$out/dd.tmp"
    echo "dd of the database's $mb MB into the page cache (no import), after 5 s idle: $(calc "$t1 - $t0") s"
done
