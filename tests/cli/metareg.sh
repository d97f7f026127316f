# Moderators, meta-regression, --subgroup, zero cells and multi-arm trials
# end to end (issue 24, part 2).  Sourced by tests/cli/run.sh, whose run /
# same_err / contains / ok / bad helpers and counters it uses; runs in its
# own directory under run.sh's scratch directory.
#
# Data: doc/example/bcg.csv (dat.bcg, with the trials' latitude and
# allocation), tests/data/import/multiarm.csv (six placebo-controlled trials
# of dat.linde2015, three with two active arms), tests/data/import/
# zerocells.csv (dat.nielweise2007: six studies with a zero cell, one with
# none in either arm).  The numbers are checked against metafor in
# tests/unit/test_metareg.c, test_arms.c and test_zerocells.c; here the
# command line's plumbing, its states and its errors.
mr_repo="${DATA%/tests/data/import}"
mkdir -p "$work/metareg" && cd "$work/metareg" || return
BCG=(--db bcg.db --use "tuberculosis prevention" --outcome "Tuberculosis, during follow-up")
run "metareg init" 0 "$SRW" init --db bcg.db
run "metareg import moderators" 0 "$SRW" import --db bcg.db "$mr_repo/doc/example/bcg.csv"

# --- meta-regression -------------------------------------------------------------
# metafor: rma(yi, vi, mods = ~ablat, data = dat.bcg, method = "REML",
# test = "knha") (tests/unit/ref_metareg.h, case bcg/ablat/random/REML/knha):
# intercept 0.2515, ablat -0.0291 (SE 0.0082, t -3.55, P 0.0046), F(1, 11) =
# 12.59, QE 30.73, tau2 0.0763, I2 68.4%, H2 3.16, R2 75.6%.
run "metareg latitude" 0 "$SRW" analyse "${BCG[@]}" --moderator latitude
for line in \
    "Meta-regression of log RR on latitude: random effect (tau² REML), Knapp-Hartung t and F tests, 13 studies" \
    "intercept                        0.2515    0.2839     0.89      0.39  1.29 [0.69, 2.40]" \
    "latitude                        -0.0291    0.0082    -3.55     0.005  0.97 [0.95, 0.99]" \
    "Test of moderators: F(1, 11) = 12.59 (P = 0.005)" \
    "Residual heterogeneity: QE = 30.73, df = 11 (P = 0.001); Tau² = 0.0763; I² = 68%; H² = 3.16; R² = 76%"; do
    contains "metareg latitude text" out "$line"
done
run "metareg json" 0 "$SRW" analyse "${BCG[@]}" --moderator mod_latitude --moderator allocation --ci wald --json
contains "metareg json key" out '"meta_regression": {'
contains "metareg json test" out '"test": "z"'
contains "metareg json dummy" out '"name": "allocation = random"'
contains "metareg json chi-square" out '"QM_df2": null'
contains "metareg json ratio twin" out '"estimate_exp": '
run "metareg year" 0 "$SRW" analyse "${BCG[@]}" --moderator year --model fixed
contains "metareg fixed effect" out "Meta-regression of log RR on year: fixed effect, z and chi² tests, 13 studies"
# A moderator the outcome lacks is a usage error naming what there is.
run "metareg unknown moderator" 2 "$SRW" analyse "${BCG[@]}" --moderator latitud
same_err "metareg unknown moderator" "srw: --moderator latitud: outcome 'Tuberculosis, during follow-up' has no such moderator (its studies have: allocation, latitude, year)"
run "metareg moderator without a value" 2 "$SRW" analyse "${BCG[@]}" --moderator
same_err "metareg moderator without a value" "srw: option --moderator needs a value"

# --- --subgroup ------------------------------------------------------------------------
run "subgroup by a moderator" 0 "$SRW" analyse "${BCG[@]}" --subgroup allocation
contains "subgroup by a moderator: a group" out "systematic"
contains "subgroup by a moderator: the test" out "Test for subgroup differences: Chi² = 2.04, df = 2 (P = 0.36)"
run "subgroup unknown" 2 "$SRW" analyse "${BCG[@]}" --subgroup allocaton
same_err "subgroup unknown" "srw: --subgroup allocaton: outcome 'Tuberculosis, during follow-up' of 'tuberculosis prevention' has no such variable (it has: subgroup, year, allocation, latitude)"

# --- the states a fit cannot be made in ------------------------------------------------
# The first four trials were all randomised: one level.
head -5 "$mr_repo/doc/example/bcg.csv" > four.csv
run "metareg states init" 0 "$SRW" init --db four.db
run "metareg states import" 0 "$SRW" import --db four.db four.csv
F=(--db four.db --use "tuberculosis prevention" --outcome "Tuberculosis, during follow-up")
run "metareg one level" 0 "$SRW" analyse "${F[@]}" --moderator allocation
contains "metareg one level" out "Meta-regression on allocation: not fitted: moderator 'allocation' takes one value ('random') in the 4 studies with a value for every moderator: it cannot explain differences between them"
run "metareg too few" 0 "$SRW" analyse "${F[@]}" --moderator latitude --moderator year --moderator allocation --json
contains "metareg too few: state" out '"state": "one_level"'
# year and a copy of it: collinear.  Text in a numeric moderator.
awk -F, 'BEGIN{OFS=","} NR==1{print $0",mod_year2,mod_dose"; next} {print $0","$2","(NR==3?"high":NR*10)}' four.csv > four_mods.csv
run "metareg states import 2" 0 "$SRW" import --db four.db four_mods.csv
run "metareg collinear" 0 "$SRW" analyse "${F[@]}" --moderator year --moderator year2 --model fixed
contains "metareg collinear" out "not fitted: the moderators are collinear in the 4 studies fitted: 'year2' is a combination of the columns before it"
run "metareg too few studies" 0 "$SRW" analyse "${F[@]}" --moderator latitude --moderator year --moderator year2 --json
contains "metareg too few studies: state" out '"state": "too_few_studies"'
contains "metareg too few studies: reason" out "meta-regression on latitude, year, year2 needs at least 5 studies (4 coefficients and tau²), but 4 have an effect and a value for every moderator"
run "metareg not numeric" 0 "$SRW" analyse "${F[@]}" --moderator dose --json
contains "metareg not numeric: state" out '"state": "not_numeric"'
contains "metareg not numeric: reason" out "moderator 'dose' mixes numbers and text: 'high' (Ferguson & Simes 1949) is not a number, but 3 of its values are"

# --- moderator columns: import rules ------------------------------------------------------
printf 'study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,mod_dose,source\nA,u,o,dichotomous,5,20,10,20,10,s\nA,u,p,dichotomous,5,20,10,20,20,s\n' > mod_twice.csv
run "moderator differs between a study's rows" 1 "$SRW" import --db four.db mod_twice.csv
same_err "moderator differs between a study's rows" "srw: mod_twice.csv:3:9: mod_dose: study 'A' has mod_dose '20' here but '10' on line 2 (one value per study)"
printf 'study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,mod_,source\nA,u,o,dichotomous,5,20,10,20,10,s\n' > mod_bad.csv
run "moderator column without a name" 1 "$SRW" import --db four.db mod_bad.csv
same_err "moderator column without a name" "srw: mod_bad.csv:1:9: column 'mod_': a moderator column is mod_ and a name of letters, digits and '_' (at most 60)"
# A study's moderator changed by a later import is listed as a change.
sed 's/,44,random$/,45,random/' four.csv > four_moved.csv
run "moderator changed" 0 "$SRW" import --db four.db four_moved.csv
contains "moderator changed" out "study 'Aronson 1948': mod_latitude 44 -> 45"
run "moderator in the export" 0 "$SRW" export --db four.db --csv four_export.csv
contains "moderator exported" four_export.csv "mod_allocation,mod_dose,mod_latitude,mod_year2"
contains "moderator value exported" four_export.csv ",random,20,45,1948"

# --- zero cells --------------------------------------------------------------------------
Z=(--db zc.db --use "central venous catheters" --outcome "Catheter-related bloodstream infection")
run "zero cells init" 0 "$SRW" init --db zc.db
run "zero cells import" 0 "$SRW" import --db zc.db "$DATA/zerocells.csv"
run "zero cells default" 0 "$SRW" analyse "${Z[@]}" --measure OR
contains "zero cells named" out "Zero cells: 0.5 added to each cell of a study with a zero cell; studies without events (or with only events) in both arms excluded"
contains "zero cells double zero" out "Yucel 2004                       0/118                0/105                   0.0%  Not estimable (no events in either arm)"
run "zero cells tacc include" 0 "$SRW" analyse "${Z[@]}" --measure OR --cc tacc --double-zero include --json
contains "zero cells tacc named" out '"cc": "tacc"'
contains "zero cells include named" out '"double_zero": "include"'
contains "zero cells tacc increments" out "0.4979 added to each experimental and 0.5021 to each control cell of Bach 1996 (zero cell)"
run "zero cells none" 0 "$SRW" analyse "${Z[@]}" --measure RR --cc none
contains "zero cells none" out "Not estimable (a zero cell and no continuity correction (--cc none))"
run "zero cells bad constant" 2 "$SRW" analyse "${Z[@]}" --cc 2
same_err "zero cells bad constant" "srw: --cc must be a constant in (0, 1] such as 0.5, tacc or none (got '2')"
run "zero cells bad double zero" 2 "$SRW" analyse "${Z[@]}" --double-zero keep
same_err "zero cells bad double zero" "srw: --double-zero must be exclude or include (got 'keep')"

# --- multi-arm trials ----------------------------------------------------------------------
M=(--db ma.db --use "depression in primary care" --outcome "Response, end of treatment")
run "multi-arm init" 0 "$SRW" init --db ma.db
run "multi-arm import" 0 "$SRW" import --db ma.db "$DATA/multiarm.csv"
contains "multi-arm records" out "records: 9 new"
run "multi-arm combined" 0 "$SRW" analyse "${M[@]}"
contains "multi-arm combined row" out "Doogan 1994                      98/207               40/101                 20.4%  1.20 [0.90, 1.58]"
contains "multi-arm combined note" out "Correction: Doogan 1994: arms SSRI and TCA combined into one intervention group (Cochrane Handbook Table 6.5.a)"
# metafor: rma(measure = "RR", ...) of the combined arms, REML, test =
# "knha": RR 1.42 [0.96, 2.10]; split (placebo halved): 1.32 [1.06, 1.63]
# (tests/ref/README.md gives the commands).
contains "multi-arm combined total" out "Total (95% CI)                   740                  415                           1.42 [0.96, 2.10]"
run "multi-arm split" 0 "$SRW" analyse "${M[@]}" --multi-arm split
contains "multi-arm split row" out "Gastpar 2006 (Hypericum)         71/131               25.5/65                13.4%  1.38 [0.98, 1.94]"
contains "multi-arm split total" out "1.32 [1.06, 1.63]"
run "multi-arm split json" 0 "$SRW" analyse "${M[@]}" --multi-arm split --json
contains "multi-arm split named" out '"multi_arm": "split"'
printf 'study,use,outcome,type,arm,exp_events,exp_total,ctl_events,ctl_total,source\nA,u,o,dichotomous,low,5,20,10,20,s\nA,u,o,dichotomous,low,6,20,10,20,s\n' > arm_twice.csv
run "an arm twice" 1 "$SRW" import --db ma.db arm_twice.csv
same_err "an arm twice" "srw: arm_twice.csv:3:1: study: study 'A' has arm 'low' twice in outcome 'o' of 'u' (also on line 2)"
printf 'study,use,outcome,type,arm,exp_events,exp_total,ctl_events,ctl_total,source\nA,u,o,dichotomous,low,5,20,10,20,s\nA,u,o,dichotomous,,6,20,10,20,s\n' > arm_mixed.csv
run "rows with and without an arm" 1 "$SRW" import --db ma.db arm_mixed.csv
same_err "rows with and without an arm" "srw: arm_mixed.csv:3:5: arm: study 'A' has a row without an arm in outcome 'o' of 'u' and one with on line 2 (give each of a multi-arm study's rows its arm)"
# Exported and imported again: the same records, arms and all.
run "multi-arm export" 0 "$SRW" export --db ma.db --csv ma.csv
run "multi-arm re-import" 0 "$SRW" import --db ma.db ma.csv
contains "multi-arm re-import unchanged" out "records: 0 new, 0 updated, 9 unchanged"
cd "$work" || return
