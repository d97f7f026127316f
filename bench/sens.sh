#!/usr/bin/env bash
# One outcome of 30 studies (bench/lau1992.csv, the first 30 trials of Lau
# et al. 1992), its analysis and every sensitivity analysis: srw's time per
# outcome (build/bench_sens), metafor's for the same calls when R and metafor
# are installed (bench/sens_metafor.R, in the same run), their ratio, and
# `srw analyse --sensitivity --json` end to end (process, database, JSON).
# Prints figures; asserts nothing.  Needs ./srw and build/bench_sens (make).
#   bash bench/sens.sh [SRW_ROUNDS] [R_ROUNDS] [CLI_RUNS]    (defaults 2000 20 20)
set -euo pipefail
cd "$(dirname "$0")/.."
# Imports record who made them (srw refuses to guess): the benchmark.
export SRW_REVIEWER="${SRW_REVIEWER:-${USER:-bench}}"
csv=bench/lau1992.csv
out=bench/out
mkdir -p "$out"
srw_rounds=${1:-2000}; r_rounds=${2:-20}; cli_runs=${3:-20}
srw_line=$(build/bench_sens "$csv" "$srw_rounds")
echo "$srw_line" | grep -v '^SRW_US_PER_OUTCOME='
us=$(echo "$srw_line" | sed -n 's/^SRW_US_PER_OUTCOME=//p')

rm -f "$out/sens.db"*
./srw init --db "$out/sens.db" >/dev/null
./srw import --quiet --db "$out/sens.db" "$csv"
t0=$(date +%s.%N)
for _ in $(seq "$cli_runs"); do
    ./srw analyse --db "$out/sens.db" --use "acute myocardial infarction" --outcome "Death, during follow-up" \
        --sensitivity --json > "$out/sens.json"
done
t1=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v n="$cli_runs" 'BEGIN { printf "srw analyse --sensitivity --json, end to end (a process each: start, database, JSON): %.2f ms per run (%d runs)\n", 1000 * (b - a) / n, n }'

if command -v Rscript >/dev/null && Rscript -e 'suppressMessages(library(metafor))' >/dev/null 2>&1; then
    r_line=$(Rscript bench/sens_metafor.R "$csv" "$r_rounds")
    echo "$r_line" | grep -v '^METAFOR_MS_PER_OUTCOME='
    ms=$(echo "$r_line" | sed -n 's/^METAFOR_MS_PER_OUTCOME=//p')
    awk -v us="$us" -v ms="$ms" 'BEGIN { printf "ratio: metafor / srw = %.0f (srw %.3f ms, metafor %.1f ms per outcome)\n", 1000 * ms / us, us / 1000, ms }'
else
    echo "metafor: not installed (apt-get install r-cran-metafor) - comparison skipped"
fi
