# srw analyse's sensitivity analyses and --sort, and the report's
# sensitivity section, end to end on the walkthrough's data (dat.bcg,
# doc/example/) and on a shipped single-study primary outcome.  Sourced by
# tests/cli/run.sh (its run / contains / same_err helpers and counters); the
# numbers themselves are checked against metafor in test_sensitivity.c.
se_repo="${DATA%/tests/data/import}"
mkdir -p "$work/sensitivity" && cd "$work/sensitivity" || return
SE_USE="tuberculosis prevention"
SE_OUT="Tuberculosis, during follow-up"
run "sensitivity init" 0 "$SRW" init --db bcg.db
run "sensitivity import" 0 "$SRW" import --quiet --db bcg.db "$se_repo/doc/example/bcg.csv" "$se_repo/doc/example/bcg-use.csv"

run "sensitivity text" 0 "$SRW" analyse --db bcg.db --use "$SE_USE" --outcome "$SE_OUT" --sensitivity
for line in \
    "Leave-one-out (each study left out in turn, the analysis's own settings)" \
    "Aronson 1948                     0.49 [0.32, 0.76]        P = 0.004      0.3362   93%" \
    "Cumulative meta-analysis (studies added by year)" \
    "TPT Madras 1980                    13  0.49 [0.33, 0.73]        P = 0.002      0.3132   92%" \
    "Influence diagnostics (Viechtbauer & Cheung 2010; the inverse-variance model)" \
    "Egger's regression test (the analysis's model): t(11) = -0.78, P = 0.45" \
    "Begg's rank correlation test: Kendall's tau = 0.026, P = 0.95 (exact)" \
    "Harbord's test: not computed (Harbord's test is for odds ratios)" \
    "Trim-and-fill (L0, missing on the right): 1 study filled; RR 0.52 [0.35, 0.77]; Tau² = 0.3313" \
    "In all, the sensitivity analyses do not change the conclusion."; do
    contains "sensitivity text" out "$line"
done

run "sensitivity json" 0 "$SRW" analyse --db bcg.db --use "$SE_USE" --outcome "$SE_OUT" --leave-one-out \
    --small-study --trim-fill --estimator R0 --side left --json
for key in '"leave_one_out": [' '"estimate_exp": ' '"small_study": {' '"egger": {' '"limit_estimate": ' \
           '"trim_fill": {' '"estimator": "R0"' '"side": "left"' '"sensitivity_conclusion": {'; do
    contains "sensitivity json" out "$key"
done
if grep -q '"cumulative"\|"influence"' out; then bad "sensitivity json: analyses not asked for are there"; else ok; fi
if grep -qi 'nan' out; then bad "sensitivity json: NaN in output"; else ok; fi

run "sensitivity cumulative by precision" 0 "$SRW" analyse --db bcg.db --use "$SE_USE" --outcome "$SE_OUT" \
    --cumulative --order precision
contains "cumulative by precision" out "Cumulative meta-analysis (studies added by precision)"
contains "cumulative by precision: most precise first" out "TPT Madras 1980                     1  1.01 [0.89, 1.14]"

# --sort: the forest rows by effect, smallest first; the analysis unchanged.
run "sort by effect" 0 "$SRW" analyse --db bcg.db --use "$SE_USE" --outcome "$SE_OUT" --sort effect
# the 13 rows under the table's header line
sort_rows() { awk '/^Study or subgroup/ { on = 1; next } on && NF == 0 { exit } on' out; }
first=$(sort_rows | sed -n 1p | cut -c1-32 | sed 's/ *$//'); last=$(sort_rows | sed -n 13p | cut -c1-32 | sed 's/ *$//')
if [ "$first" = "Vandiviere et al 1973" ] && [ "$last" = "Comstock & Webster 1969" ]; then ok; else
    bad "sort by effect: rows from '$first' to '$last'"; fi
contains "sort keeps the total" out "Total (95% CI)                   191064               166283                        0.49 [0.33, 0.73]"
run "sort json" 0 "$SRW" analyse --db bcg.db --use "$SE_USE" --outcome "$SE_OUT" --sort weight --json
contains "sort json" out '"sort": "weight"'
contains "sort json: order" out '"forest_order": ['

# Bad options: usage errors (exit 2) that name the option and its values.
run "sort unknown" 2 "$SRW" analyse --db bcg.db --use "$SE_USE" --outcome "$SE_OUT" --sort size
same_err "sort unknown" "srw: --sort must be effect, weight, year or label (got 'size')"
run "order without cumulative" 2 "$SRW" analyse --db bcg.db --use "$SE_USE" --outcome "$SE_OUT" --order year
same_err "order without cumulative" "srw: --order orders the cumulative meta-analysis: give --cumulative too"
run "side without trim-fill" 2 "$SRW" analyse --db bcg.db --use "$SE_USE" --outcome "$SE_OUT" --side left
same_err "side without trim-fill" "srw: --side is an option of trim-and-fill: give --trim-fill too"
run "estimator unknown" 2 "$SRW" analyse --db bcg.db --use "$SE_USE" --outcome "$SE_OUT" --trim-fill --estimator Q0
same_err "estimator unknown" "srw: --estimator must be L0 or R0 (got 'Q0')"
run "report sort unknown" 2 "$SRW" report --db bcg.db --out r --sort size
same_err "report sort unknown" "srw: --sort must be effect, weight, year or label (got 'size')"

# The report: the primary outcome's sensitivity section and the contour-
# enhanced funnel plot with the studies trim-and-fill adds.
run "sensitivity report" 0 "$SRW" report --db bcg.db --out rep --sort effect
contains "report section" rep/tuberculosis-prevention.md "#### Sensitivity analyses"
contains "report conclusion" rep/tuberculosis-prevention.md "In all, the sensitivity analyses do not change the conclusion."
contains "report leave-one-out row" rep/tuberculosis-prevention.md \
    "| Aronson 1948 | 0.49 (0.32 to 0.76) | P = 0.004 | 0.3362 | 93% | one side of no effect |"
contains "report influence" rep/tuberculosis-prevention.md "Influence (Viechtbauer & Cheung 2010): no study is flagged."
funnel=rep/tuberculosis-prevention-tuberculosis-during-follow-up-funnel.svg
contains "funnel contours" "$funnel" 'class="contour"'
contains "funnel filled study" "$funnel" 'class="filled"'
contains "funnel Egger" "$funnel" "regression test: t(11) = -0.78, P = 0.45"
forest=rep/tuberculosis-prevention-tuberculosis-during-follow-up-forest.svg
v=$(grep -n "Vandiviere" "$forest" | head -1 | cut -d: -f1); a=$(grep -n "Aronson 1948" "$forest" | head -1 | cut -d: -f1)
if [ -n "$v" ] && [ -n "$a" ] && [ "$v" -lt "$a" ]; then ok; else bad "report --sort effect: forest rows not sorted"; fi
contains "summary json sensitivity" rep/summary.json '"leave_one_out": ['

# One study: every analysis is a state with its reason, nothing fails.
run "one study init" 0 "$SRW" init --db one.db
run "one study import" 0 "$SRW" import --quiet --db one.db "$se_repo"/studies/*.csv
run "one study" 0 "$SRW" analyse --db one.db --use "low back pain" --outcome ">50% pain relief (VAS), 3 weeks" \
    --sensitivity
contains "one study: leave-one-out" out "leaving out the only study leaves nothing to pool"
contains "one study: Egger" out "Egger's regression test: not computed (Egger's test needs at least 3 studies)"
contains "one study: Begg" out "Begg's rank correlation test: not computed (Begg's test needs at least 3 studies)"
contains "one study: trim-and-fill" out "Trim-and-fill (L0): not computed (trim-and-fill needs at least 3 studies)"
contains "one study: conclusion" out "no sensitivity analysis applies."
run "one study json" 0 "$SRW" analyse --db one.db --use "low back pain" --outcome ">50% pain relief (VAS), 3 weeks" \
    --sensitivity --json
if grep -qi 'nan' out; then bad "one study json: NaN in output"; else ok; fi
# analyse --all streams each outcome through the JSON writer: the same
# object as one outcome's, sensitivity analyses and meta-regression included.
run "sensitivity json, one outcome" 0 "$SRW" analyse --db bcg.db --use "$SE_USE" --outcome "$SE_OUT" --sensitivity \
    --moderator latitude --sort effect --json
mv out one.json
run "sensitivity json, --all" 0 "$SRW" analyse --db bcg.db --all --sensitivity --moderator latitude --sort effect --json
sed '1d;$d;s/^  //' out > all.json
if cmp -s one.json all.json && grep -q '"meta_regression"' one.json && grep -q '"trim_fill"' one.json; then ok
else bad "analyse --all --json's element differs from analyse --json's object"; diff one.json all.json | head -5; fi
run "sensitivity jsonl, --all" 0 "$SRW" analyse --db bcg.db --all --sensitivity --moderator latitude --jsonl
if [ "$(wc -l < out)" -eq 1 ] && grep -q '"leave_one_out":\[{' out && grep -q '"meta_regression":{' out; then ok
else bad "analyse --all --jsonl: not one line with the sensitivity analyses and the meta-regression"; fi
cd "$work" || return
