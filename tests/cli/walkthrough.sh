# The README's walkthrough ("A review of your own in five commands"): runs
# its commands on doc/example/ and checks that each succeeds and prints what
# the README shows of its output.  Sourced by tests/cli/run.sh, whose run /
# contains / ok / bad helpers and counters it uses; runs in its own
# directory under run.sh's scratch directory, with the README's paths.
wt_repo="${DATA%/tests/data/import}"
mkdir -p "$work/walkthrough/doc" && cd "$work/walkthrough" || return
cp -r "$wt_repo/doc/example" doc/example
WT_USE="tuberculosis prevention"
WT_OUT="Tuberculosis, during follow-up"

run "walkthrough init" 0 "$SRW" init --db bcg.db
contains "walkthrough init" out "review database bcg.db ready (schema version 13)"

run "walkthrough import" 0 "$SRW" import --db bcg.db doc/example/bcg.csv doc/example/bcg-use.csv
contains "walkthrough import: trials" out "doc/example/bcg.csv: 13 trial records"
contains "walkthrough import: settings" out "doc/example/bcg-use.csv: decision settings of 1 uses"
contains "walkthrough import: counts" out "records: 13 new, 0 updated, 0 unchanged; published results: 0 new, 0 updated, 0 unchanged"
contains "walkthrough import: review" out "review: 1 uses, 1 outcomes, 13 studies, 13 records, 0 published results"
if [ -s err ]; then bad "walkthrough import: stderr not empty"; sed 's/^/    /' err; else ok; fi

run "walkthrough analyse" 0 "$SRW" analyse --db bcg.db --use "$WT_USE" --outcome "$WT_OUT"
for line in \
    "tuberculosis prevention: Tuberculosis, during follow-up" \
    "Profile cochrane: RR, random effect (tau² REML), hksj CI, 95% level" \
    "Aronson 1948                     4/123                11/139                  5.1%  0.41 [0.13, 1.26]" \
    "Total (95% CI)                   191064               166283                        0.49 [0.33, 0.73]" \
    "Total events                     1065                 1510" \
    "Heterogeneity: Tau² = 0.3132 [0.1197, 1.1115]; Chi² = 152.23, df = 12 (P < 0.00001); I² = 92%" \
    "Test for overall effect: t(12) = 3.95 (P = 0.002)" \
    "Prediction interval: [0.13, 1.78]"; do
    contains "walkthrough analyse" out "$line"
done

run "walkthrough report" 0 "$SRW" report --db bcg.db --out bcg-report
for f in index.html index.md summary.json manifest.json tuberculosis-prevention.html tuberculosis-prevention.md \
         tuberculosis-prevention-tuberculosis-during-follow-up-forest.svg \
         tuberculosis-prevention-tuberculosis-during-follow-up-funnel.svg; do
    if [ -s "bcg-report/$f" ]; then ok; else bad "walkthrough report: no bcg-report/$f"; fi
done
contains "walkthrough report: verdict" bcg-report/index.md \
    "| tuberculosis prevention | Insufficient evidence | Tuberculosis, during follow-up | RR 0.49 (0.33 to 0.73) | 13 | 357347 | very low | srw |"
contains "walkthrough report: risk of bias -1" bcg-report/tuberculosis-prevention.md "| risk of bias | -1 | -1 |"
contains "walkthrough report: inconsistency -2" bcg-report/tuberculosis-prevention.md \
    "| inconsistency | -2 | -2 | I² = 92.1% (at least 75%) with study estimates on both sides of no effect |"

run "walkthrough list" 0 "$SRW" list --db bcg.db outcomes
contains "walkthrough list" out "tuberculosis prevention  Tuberculosis, during follow-up  dichotomous  lower_is_better"

# The README quotes these lines; they must still be there.
for line in \
    "./srw init --db bcg.db" \
    "./srw import --db bcg.db doc/example/bcg.csv doc/example/bcg-use.csv" \
    "./srw analyse --db bcg.db --use \"tuberculosis prevention\" --outcome \"Tuberculosis, during follow-up\"" \
    "./srw report --db bcg.db --out bcg-report" \
    "Prediction interval: [0.13, 1.78]" \
    "| tuberculosis prevention | Insufficient evidence | Tuberculosis, during follow-up | RR 0.49 (0.33 to 0.73) | 13 | 357347 | very low | srw |"; do
    contains "README shows the walkthrough" "$wt_repo/README.md" "$line"
done
cd "$work" || return
