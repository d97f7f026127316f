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

# --- one reviewer rule: --reviewer, else $SRW_REVIEWER, else $USER; never "unknown" ------
NOONE="srw: who is the reviewer? give --reviewer NAME, or set SRW_REVIEWER (export SRW_REVIEWER=NAME); \$USER is not set either"
before=$(dbsum)
run "import with no reviewer" 2 env -u USER -u SRW_REVIEWER "$SRW" import "$root/doc/example/bcg.csv"
same_err "import with no reviewer" "$NOONE"
run "add with no reviewer" 2 env -u USER -u SRW_REVIEWER "$SRW" add --use "$LBP" --outcome "$LBP_O" \
    --study "Foster 2001" exp_events=10 < /dev/null
same_err "add with no reviewer" "$NOONE"
run "edit with no reviewer" 2 env -u USER -u SRW_REVIEWER "$SRW" edit --reason r --use "$LBP" \
    --outcome "$LBP_O" --study "Foster 2001" exp_events=10
same_err "edit with no reviewer" "$NOONE"
run "remove with no reviewer" 2 env -u USER -u SRW_REVIEWER "$SRW" remove --reason r --use "$LBP" \
    --outcome "$LBP_O" --study "Foster 2001"
same_err "remove with no reviewer" "$NOONE"
run "rob with no reviewer" 2 env -u USER -u SRW_REVIEWER "$SRW" rob --study "Foster 2001" sequence=low
same_err "rob with no reviewer" "$NOONE"
run "merge with no reviewer" 2 env -u USER -u SRW_REVIEWER "$SRW" merge other.db
same_err "merge with no reviewer" "$NOONE"
if [ "$(dbsum)" = "$before" ]; then ok; else bad "a refused command without a reviewer changed the database"; fi
run "SRW_REVIEWER names the reviewer" 0 env -u USER SRW_REVIEWER=ana "$SRW" import --quiet "$root/doc/example/bcg.csv"
run "SRW_REVIEWER over USER" 0 env USER=bob SRW_REVIEWER=ana "$SRW" add --use "$LBP" --outcome "$LBP_O" \
    --study "Names 2024" type=dichotomous exp_events=1 exp_total=10 ctl_events=2 ctl_total=10 source=test < /dev/null
contains "SRW_REVIEWER over USER" out "ana's record"
run "--reviewer over SRW_REVIEWER" 0 env SRW_REVIEWER=ana "$SRW" edit --reviewer tester --use "$LBP" \
    --outcome "$LBP_O" --study "Foster 2001" --reason "test" exp_events=10
run "the records' reviewers" 0 "$SRW" list extractions --json
contains "bcg's records are ana's" out '"reviewer": "ana"'
if grep -q '"reviewer": "unknown"' out; then bad "a record of reviewer 'unknown'"; else ok; fi
run "help says the rule" 0 "$SRW" add --help
contains "help says the rule" out 'default $SRW_REVIEWER, else $USER'

cd "$work" || return
