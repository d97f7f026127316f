# What a new user meets first (issue 21): names as people type them, option
# values in any letter case, the reviewer rule, report folders and what
# srw report prints.  Sourced by tests/cli/run.sh (its run / contains /
# same_err / ok / bad helpers).
mkdir -p "$work/names" && cd "$work/names" || return
root=${DATA%/tests/data/import}
run "names init" 0 "$SRW" init
run "names import" 0 "$SRW" import --quiet "$root/studies/botox-low-back-pain.csv" "$root/studies/uses.csv"
LBP="low back pain"; LBP_O=">50% pain relief (VAS), 3 weeks"

# --- option values in any letter case ------------------------------------------
run "lower-case option values" 0 "$SRW" analyse --use "$LBP" --outcome "$LBP_O" --tau2 reml --measure rr \
    --model Random --ci HKSJ --profile Cochrane --method iv
contains "lower-case option values: the settings" out "Profile cochrane: RR, random effect (tau² REML), hksj CI"
run "upper-case format" 0 "$SRW" report --out case-report --format MD
if [ -f case-report/index.md ] && [ ! -f case-report/index.html ]; then ok; else bad "--format MD did not write Markdown only"; fi
run "lower-case simulate measure" 0 "$SRW" simulate --measure rr --k 3 --reps 2 --format JSON
contains "lower-case simulate measure" out '"method": "REML-hksj"'
run "a value that is no choice" 2 "$SRW" analyse --use "$LBP" --outcome "$LBP_O" --tau2 remll
same_err "a value that is no choice" "srw: --tau2 must be DL, REML, PM, ML, SJ, HE or EB (got 'remll')"

cd "$work" || return
