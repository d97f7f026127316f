# The README's walkthrough ("A review of your own in five commands"), run
# as the README writes it: its commands are read from the README and run in
# order (./srw as $SRW; the viewer left out), each must succeed with nothing
# on stderr, and every line the README shows of their output (but "...")
# must be a line they printed, and its verdict row a line of the index.
# Then what the report holds is checked.  Sourced by tests/cli/run.sh, whose
# run / contains / ok / bad helpers and counters it uses; runs in its own
# directory under run.sh's scratch directory, with the README's paths.
wt_repo="${DATA%/tests/data/import}"
mkdir -p "$work/walkthrough/doc" && cd "$work/walkthrough" || return
cp -r "$wt_repo/doc/example" doc/example

# The README's blocks after the walkthrough's heading: 1 the commands, 2
# what they print, 3 the verdict.
wt_block() {
    awk -v want="$1" '/^## A review of your own/ { on = 1 }
        on && /^```/ { if (inside) { inside = 0; if (++n == want) exit } else inside = 1; next }
        on && inside && n + 1 == want' "$wt_repo/README.md"
}
wt_block 1 > wt_commands
wt_block 2 | grep -vx '\.\.\.' | grep -v '^$' > wt_printed
wt_block 3 > wt_verdict
if [ "$(grep -c '^\./srw ' wt_commands)" -eq 4 ]; then ok; else bad "walkthrough: the README shows no four commands"; fi
: > wt_out
while IFS= read -r line; do
    case "$line" in ./srw\ *) ;; *) continue ;; esac
    # the README's quoting, as a shell reads it
    eval "set -- ${line#./srw }"
    run "walkthrough: $line" 0 "$SRW" "$@"
    if [ -s err ]; then bad "walkthrough: $line: stderr not empty"; sed 's/^/    /' err; else ok; fi
    sed 's/[[:space:]]*$//' out >> wt_out
done < wt_commands
while IFS= read -r line; do
    if grep -qxF -- "$line" wt_out; then ok; else bad "walkthrough: the README shows '$line', not printed"; fi
done < wt_printed
if [ "$(wc -l < wt_printed)" -ge 12 ]; then ok; else bad "walkthrough: the README shows too little output"; fi
while IFS= read -r line; do
    if grep -qxF -- "$line" bcg-report/index.md; then ok; else bad "walkthrough: index.md has no line '$line'"; fi
done < wt_verdict
if [ -s wt_verdict ]; then ok; else bad "walkthrough: the README shows no verdict"; fi

for f in index.html index.md summary.json manifest.json tuberculosis-prevention.html tuberculosis-prevention.md \
         tuberculosis-prevention-tuberculosis-during-follow-up-forest.svg \
         tuberculosis-prevention-tuberculosis-during-follow-up-funnel.svg; do
    if [ -s "bcg-report/$f" ]; then ok; else bad "walkthrough report: no bcg-report/$f"; fi
done
contains "walkthrough report: risk of bias -1" bcg-report/tuberculosis-prevention.md "| risk of bias | -1 | -1 |"
contains "walkthrough report: inconsistency -2" bcg-report/tuberculosis-prevention.md \
    "| inconsistency | -2 | -2 | I² = 92% (at least 75%) with study estimates on both sides of no effect |"

# No review's published result was imported: the page says so, not that "the review did not pool it".
contains "walkthrough report: no review imported" bcg-report/tuberculosis-prevention.md \
    "No review's published result was imported for this use, so the verdict can rest only on srw's own analysis."
if grep -q "did not pool" bcg-report/tuberculosis-prevention.md; then bad "walkthrough report: a review that was never imported"; else ok; fi

run "walkthrough list" 0 "$SRW" list --db bcg.db outcomes
contains "walkthrough list" out "tuberculosis prevention  Tuberculosis, during follow-up  dichotomous  lower_is_better"
cd "$work" || return
