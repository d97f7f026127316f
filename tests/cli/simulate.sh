# End-to-end tests of srw simulate: help, bad options (exit 2, exact
# message), the shapes of text, CSV and JSON, no progress bar off a
# terminal, a study run as two shards and merged giving the unsharded
# run's bytes in every format, and the SVG chart.  Sourced by
# tests/cli/run.sh, whose run / same_err / contains / ok / bad helpers and
# counters it uses; runs in its own directory under run.sh's scratch one.
mkdir -p "$work/simulate" && cd "$work/simulate" || return
same_file() { # NAME A B
    if cmp -s "$2" "$3"; then ok; else bad "$1: $2 and $3 differ"; diff "$2" "$3" | head -5 | sed 's/^/    /'; fi
}
SIM=(--k 3,5 --true-tau2 0,0.1 --reps 1500)

# --- help and bad options ------------------------------------------------
run "simulate help" 0 "$SRW" simulate --help
contains "simulate help names the settings" out "--true-tau2 LIST"
contains "simulate help names the shards" out "--shard I/N"
run "srw help lists simulate" 0 "$SRW" --help
contains "srw help lists simulate" out "simulate   a Monte Carlo study of meta-analysis methods"
run "simulate bad k" 2 "$SRW" simulate --k 5,3
same_err "simulate bad k" "srw: --k must be whole numbers from 2 to 1000, comma-separated, increasing, at most 32 (got '5,3')"
run "simulate bad measure" 2 "$SRW" simulate --measure RD
same_err "simulate bad measure" "srw: --measure must be MD, SMD, RR or OR (got 'RD')"
run "simulate bad method" 2 "$SRW" simulate --methods DL-wald,REML-knha
contains "simulate bad method" err "srw: --methods must be comma-separated TAU2-CI pairs"
run "simulate bad n" 2 "$SRW" simulate --n 50-20
same_err "simulate bad n" "srw: --n must be an arm size N or a range A-B of whole numbers from 2 to 1000000 (got '50-20')"
run "simulate bad format" 2 "$SRW" simulate --format xml
same_err "simulate bad format" "srw: --format must be text, csv or json (got 'xml')"
run "simulate bad shard" 2 "$SRW" simulate --shard 3/2
same_err "simulate bad shard" "srw: --shard must be I/N, part I of N with 1 <= I <= N <= 1000000 (got '3/2')"
run "simulate shard 0" 2 "$SRW" simulate --shard 0/8
run "simulate baseline risk with MD" 2 "$SRW" simulate --baseline-risk 0.1
same_err "simulate baseline risk with MD" "srw: --baseline-risk is for RR and OR: --measure MD draws no events"
run "simulate a file without --merge" 2 "$SRW" simulate part-1
same_err "simulate a file without --merge" "srw: srw simulate takes no file 'part-1' (to combine partial results: --merge)"
run "simulate plot of a part" 2 "$SRW" simulate --shard 1/2 --plot p.svg
same_err "simulate plot of a part" "srw: --plot needs the whole study: give it to srw simulate --merge"
run "simulate merge with settings" 2 "$SRW" simulate --merge --k 5 part-1
same_err "simulate merge with settings" "srw: --k comes from the parts with --merge (the settings they were run with)"
run "simulate merge without parts" 2 "$SRW" simulate --merge
run "simulate merge of a missing file" 1 "$SRW" simulate --merge nope
same_err "simulate merge of a missing file" "srw: nope: cannot open the partial result: No such file or directory"
if [ ! -e p.svg ]; then ok; else bad "a refused simulate wrote its plot"; fi

# --- outputs -------------------------------------------------------------
run "simulate text" 0 "$SRW" simulate "${SIM[@]}"
contains "simulate text: the study" out "srw simulate: MD (arms with SD 1), true effect 0, true tau^2 0,0.1"
contains "simulate text: columns" out "method         coverage %    PI %"
if [ "$(grep -c -E '^ +[35]  0(\.1)? +(DL-wald|REML-hksj) ' out)" = 8 ]; then ok; else bad "simulate text: 8 rows wanted"; cat out; fi
if [ -s err ]; then bad "simulate off a terminal drew a progress bar"; sed 's/^/    /' err; else ok; fi
cp out whole.txt
# On a terminal (script(1) gives one): a bar with the rate and the time left,
# none with --quiet; the output is the same either way.
if command -v script >/dev/null; then
    script -qec "$SRW simulate ${SIM[*]} --out bar.txt" /dev/null < /dev/null > tty.out 2>&1
    if grep -q '100%  6000/6000 replications  [0-9]* meta-analyses/s  [0-9:]* taken' tty.out; then ok
    else bad "simulate on a terminal: no progress bar"; cat -v tty.out | head -3; fi
    script -qec "$SRW simulate ${SIM[*]} --quiet --out quiet.txt" /dev/null < /dev/null > tty.out 2>&1
    if [ ! -s tty.out ]; then ok; else bad "simulate --quiet on a terminal drew a bar"; fi
    same_file "simulate with and without the bar" bar.txt quiet.txt
    same_file "simulate on a terminal" bar.txt whole.txt
else
    echo "skipped: script(1) not installed (simulate's progress bar on a terminal)"
fi
run "simulate csv" 0 "$SRW" simulate "${SIM[@]}" --format csv --out whole.csv
if [ ! -s out ]; then ok; else bad "simulate --out also wrote to stdout"; fi
if [ "$(head -1 whole.csv)" = "k,true_tau2,method,coverage,pi_coverage,mean_width,bias,rmse,tau2_bias,tau2_rmse,nonconverged,coverage_se,no_estimate,reps" ]; then ok; else bad "simulate csv header: $(head -1 whole.csv)"; fi
if [ "$(wc -l < whole.csv)" = 9 ] && grep -q '^5,0.1,REML-hksj,0\.9[0-9]*,' whole.csv; then ok; else bad "simulate csv rows"; cat whole.csv; fi
run "simulate json" 0 "$SRW" simulate "${SIM[@]}" --format json --plot whole.svg
cp out whole.json
if [ "$(grep -c '^  {"k": ' whole.json)" = 8 ] && [ "$(head -1 whole.json)" = "[" ] && [ "$(tail -1 whole.json)" = "]" ]; then ok; else bad "simulate json: 8 objects in an array"; cat whole.json; fi
contains "simulate json keys" whole.json '{"k": 3, "true_tau2": 0, "method": "DL-wald", "coverage": '
contains "simulate json keys in order" whole.json '"pi_coverage": 1, "mean_width": '
contains "simulate json last keys" whole.json '"nonconverged": 0, "coverage_se": '
if command -v python3 >/dev/null; then
    if python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert len(a)==8 and all(set(("k","true_tau2","method","coverage","pi_coverage","mean_width","bias","rmse","tau2_bias","tau2_rmse","nonconverged")) <= set(o) for o in a)' whole.json; then ok; else bad "simulate json does not parse with its keys"; fi
fi
if head -1 whole.svg | grep -q '^<svg xmlns="http://www.w3.org/2000/svg"' && [ "$(grep -c '<polyline class="method"' whole.svg)" = 4 ] &&
   grep -q 'class="nominal"' whole.svg && grep -q '>REML-hksj</text>' whole.svg && [ "$(tail -1 whole.svg)" = "</svg>" ]; then ok
else bad "simulate --plot: an SVG with a line per method and panel, the 95% line and the legend"; fi

# --- two shards merged give the whole run's bytes ------------------------------
run "simulate shard 1/2" 0 "$SRW" simulate "${SIM[@]}" --shard 1/2 --out part-1
run "simulate shard 2/2" 0 "$SRW" simulate "${SIM[@]}" --shard 2/2 --out part-2
if [ "$(head -1 part-1)" = "srw-simulate-part 1" ] && grep -q '^shard 2/2$' part-2; then ok; else bad "simulate shard: partial files"; fi
run "simulate merge text" 0 "$SRW" simulate --merge part-2 part-1
same_file "simulate merge text" out whole.txt
run "simulate merge csv" 0 "$SRW" simulate --merge part-1 part-2 --format csv --out merged.csv
same_file "simulate merge csv" merged.csv whole.csv
run "simulate merge json and plot" 0 "$SRW" simulate --merge part-1 part-2 --format json --plot merged.svg
same_file "simulate merge json" out whole.json
same_file "simulate merge plot" merged.svg whole.svg
run "simulate merge of one part" 1 "$SRW" simulate --merge part-1
same_err "simulate merge of one part" "srw: part 2 of 2 is missing (srw simulate --shard 2/2 with the same options)"
run "simulate merge of one part twice" 1 "$SRW" simulate --merge part-1 part-1
same_err "simulate merge of one part twice" "srw: part-1 and part-1 are both part 1 of 2"
run "simulate shard of another seed" 0 "$SRW" simulate "${SIM[@]}" --seed 7 --shard 2/2 --out other-2
run "simulate merge of two studies" 1 "$SRW" simulate --merge part-1 other-2
same_err "simulate merge of two studies" "srw: other-2: the parts are of different studies: --seed 1 in one, 7 in the other"
cd "$work" || exit 1
