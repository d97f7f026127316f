# End-to-end tests of RevMan interoperability: import --rm5 / --revman-csv /
# --revman-web (directory, package zip, data zip; and by content), verify, malformed files, and the round trip
# through `srw export`.  Sourced by tests/cli/run.sh, whose run / ok / bad /
# same_err / contains helpers and pass / fail counters it uses; runs in its
# own directory and leaves the caller's review.db alone.
# RevMan's fixtures live outside the repository ($SRW_REVMAN_FIXTURES, else
# ../shared/fixtures/revman next to the repository); without them only the
# tests on tests/data/rm5 run.
rm5_data="${DATA%/import}/rm5"
rm5_fix=""
for d in "${SRW_REVMAN_FIXTURES:-}" "${DATA%/tests/data/import}/../shared/fixtures/revman" /work/shared/fixtures/revman; do
    if [ -n "$d" ] && [ -f "$d/Fleiss1993.rm5" ]; then rm5_fix=$d; break; fi
done
rm5_here=$PWD
mkdir -p revman && cd revman || exit 1
rmsum() { cat rm.db rm.db-wal 2>/dev/null | sha256sum; }

# --- malformed files: clear error with the line, nothing written ----------------
run "rm5 init" 0 "$SRW" init --db rm.db
before=$(rmsum)
run "rm5 truncated" 1 "$SRW" import --db rm.db --rm5 "$rm5_data/truncated.rm5"
same_err "rm5 truncated" "srw: $rm5_data/truncated.rm5:31:41: not a readable RevMan file: Premature end of data in tag COMPARISON line 21"
run "rm5 wrong encoding" 1 "$SRW" import --db rm.db "$rm5_data/wrong_encoding.rm5"
same_err "rm5 wrong encoding" "srw: $rm5_data/wrong_encoding.rm5:6:50: not a readable RevMan file: Input is not proper UTF-8, indicate encoding ! (the encoding the file declares does not match its bytes)"
run "rm5 unknown outcome type" 1 "$SRW" import --db rm.db --rm5 "$rm5_data/unknown_outcome.rm5"
same_err "rm5 unknown outcome type" "srw: $rm5_data/unknown_outcome.rm5:40:1: unknown outcome type <SURV_OUTCOME> (RevMan 5 has DICH, CONT, IV, IPD and OTHER outcomes)"
run "rm5 missing study" 1 "$SRW" import --db rm.db --rm5 "$rm5_data/missing_study.rm5"
same_err "rm5 missing study" "srw: $rm5_data/missing_study.rm5:28:40: analysis 1.1: data row names study 'STD-Elwood', which is not among the included studies"
run "rm5 with a good CSV: all or nothing" 1 "$SRW" import --db rm.db "$DATA/good.csv" "$rm5_data/bad_number.rm5"
same_err "rm5 bad number" "srw: $rm5_data/bad_number.rm5:28:12: DICH_DATA EVENTS_1: '4x4' is not a number"
run "revman-web wants a zip or a directory" 2 "$SRW" import --db rm.db --revman-web "$rm5_data/mini.rm5"
contains "revman-web says what to give" err "is neither a zip nor a directory"
run "revman-web truncated zip" 1 "$SRW" import --db rm.db --revman-web "$rm5_data/truncated.zip"
same_err "revman-web truncated zip" "srw: $rm5_data/truncated.zip: not a readable zip archive: Not a zip archive (truncated or corrupt? download the package again)"
run "revman-web zip without the data" 1 "$SRW" import --db rm.db --revman-web "$rm5_data/no-data.zip"
same_err "revman-web zip without the data" "srw: $rm5_data/no-data.zip: no RevMan Web data package in this zip (neither CSV nor a *-data.zip): it needs *-overall-estimates-and-settings.csv and *-data-rows.csv, or the *-data.zip holding them"
run "revman-web data zip in a data zip" 1 "$SRW" import --db rm.db --revman-web "$rm5_data/nested.zip"
contains "revman-web nested names both" err "nested.zip!web-fleiss/921923100913455418-files/921923100913455418-data.zip: 921923100913455418-data.zip is a data zip inside a data zip"
run "revman-web zip bomb" 1 "$SRW" import --db rm.db "$rm5_data/bomb.zip"
contains "revman-web zip bomb" err "would unpack to 68157440 bytes, more than srw's limit of 64 MiB (a zip bomb?)"
run "revman-web bad number in a zip" 1 "$SRW" import --db rm.db --revman-web "$rm5_data/bad-number-data.zip"
same_err "revman-web bad number in a zip" "srw: $rm5_data/bad-number-data.zip!921923100913455418-analysis-data/921923100913455418-data-rows.csv:2:12: Experimental cases: '2x6' is not a number"
if [ "$before" = "$(rmsum)" ]; then ok; else bad "a failed RevMan import changed the database"; fi
run "verify bad tolerance" 2 "$SRW" verify --db rm.db --tolerance abc
same_err "verify bad tolerance" "srw: --tolerance must be a number from 0 to 1 (got 'abc')"

# --- every outcome type, by content --------------------------------------------
run "rm5 mini by content" 0 "$SRW" import --db rm.db "$rm5_data/mini.rm5"
contains "rm5 mini summary" out "mini.rm5: RevMan review 'Mini review (srw reader tests)' (rm5): 4 analyses (0 with RevMan's results), 5 trial records, 3 risk-of-bias entries"
run "rm5 mini verify" 0 "$SRW" verify --db rm.db
contains "rm5 mini nothing to compare" out "3 analyses: 0 agree, 0 differ, 3 not comparable (3 RevMan left the results empty)"
run "rm5 mini analyse uses the stored measure" 0 "$SRW" analyse --db rm.db --use "Aspirin versus placebo" --outcome "1.1 Death" --profile revman5 --json
contains "rm5 mini measure OR" out '"measure": "OR"'
# The review again without one of an analysis's trials: an import only adds
# and updates, so the stored trial stays and is pooled; it says so.
sed '/STUDY_ID="STD-CDP" TOTAL_1="758"/d' "$rm5_data/mini.rm5" > mini-dropped.rm5
run "rm5 a trial dropped" 0 "$SRW" import --db rm.db --rm5 mini-dropped.rm5
contains "rm5 a dropped trial is named" out "warning: mini-dropped.rm5: Aspirin versus placebo / 1.1 Death / CDP Müller is stored but not in this file, and is pooled"
# A trial that a CSV of the same import adds to one of the file's analyses
# was not dropped by the review: no warning names it.
printf 'study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,source\nExtra 2000,Aspirin versus placebo,1.1 Death,dichotomous,3,30,5,30,s\n' > extra.csv
run "rm5 with a CSV init" 0 "$SRW" init --db rmx.db
run "rm5 with a CSV" 0 "$SRW" import --db rmx.db --rm5 "$rm5_data/mini.rm5" extra.csv
if grep -q "Extra 2000 is stored but not in this file" out; then bad "rm5 warns of a trial the same import adds"; else ok; fi
run "rm5 again, the CSV's trial stored before" 0 "$SRW" import --db rmx.db --rm5 "$rm5_data/mini.rm5"
contains "rm5 names a stored trial it lacks" out "Extra 2000 is stored but not in this file"
# The same file (one path) again, its analysis 1.2 dropped, its analysis
# 1.3 renamed: both outcomes stay, and are pooled; it says so, once each.
run "rm5 same file init" 0 "$SRW" init --db rmd.db
cp "$rm5_data/mini.rm5" mini-same.rm5
run "rm5 same file" 0 "$SRW" import --db rmd.db --rm5 mini-same.rm5
if grep -q "was imported from this file before" out; then bad "rm5 first import warns of dropped analyses"; else ok; fi
sed -e '/<IV_OUTCOME/,/<\/IV_OUTCOME>/d' -e 's|<NAME>Death (O-E and variance)</NAME>|<NAME>Death (Peto)</NAME>|' \
    "$rm5_data/mini.rm5" > mini-same.rm5
run "rm5 same file, analyses dropped" 0 "$SRW" import --db rmd.db --rm5 mini-same.rm5
contains "rm5 a dropped analysis is named" out "warning: mini-same.rm5: analysis 1.2, Aspirin versus placebo / 1.2 Death (log odds ratios), was imported from this file before but is not in it now; its records are kept and pooled"
contains "rm5 a renamed analysis is named" out "warning: mini-same.rm5: analysis 1.3, Aspirin versus placebo / 1.3 Death (O-E and variance), was imported from this file before"
# Another review in a file of the same name (another directory): its
# analyses are of other uses, and nothing is said of the first review's.
mkdir -p other
sed -e '/<IV_OUTCOME/,/<\/IV_OUTCOME>/d' -e 's|<NAME>Aspirin versus placebo</NAME>|<NAME>Another comparison</NAME>|' \
    "$rm5_data/mini.rm5" > other/mini-same.rm5
(cd other && run "rm5 another review, same file name" 0 "$SRW" import --db ../rmd.db --rm5 mini-same.rm5)
if grep -q "was imported from this file before" other/out; then bad "rm5 warns of another review's analyses"; else ok; fi

# --- public Cochrane files in the repository (tests/data/rm5/README.md) ------------
# CD013210: 13 analyses with TOTALS="SUB" and no subgroups, which RevMan
# stores as not estimable: "no total", not differences.
run "rm5 public init" 0 "$SRW" init --db pub.db
run "rm5 public import" 0 "$SRW" import --db pub.db --rm5 "$rm5_data/CD013210StatsDataOnly.rm5" "$rm5_data/CD007868StatsDataOnly.rm5"
contains "rm5 public two rows" out "study 'Cardoso 2014' has 2 data rows in subgroup 'ANC'"
run "rm5 public verify" 0 "$SRW" verify --db pub.db
contains "rm5 public verify summary" out "109 analyses: 77 agree, 0 differ, 0 not comparable, 32 no total"

# --- RevMan Web data package (unpacked, in the repository) ------------------------
run "revman-web init" 0 "$SRW" init --db web.db
run "revman-web import" 0 "$SRW" import --db web.db --revman-web "$rm5_data/web-fleiss"
contains "revman-web summary" out "2 analyses (1 with RevMan's results), 12 trial records, 12 risk-of-bias entries"
run "revman-web verify" 0 "$SRW" verify --db web.db
contains "revman-web verify summary" out "2 analyses: 1 agree, 0 differ, 1 not comparable (1 RevMan left the results empty)"
# The same package again: nothing changes, nothing is written (settings,
# results, risk of bias and OTHER rows were all rewritten under the new
# importer's name).
websum() { cat web.db web.db-wal 2>/dev/null | sha256sum; }
before_web=$(websum)
run "revman-web again" 0 "$SRW" import --db web.db --revman-web "$rm5_data/web-fleiss"
if [ "$(websum)" = "$before_web" ]; then ok; else bad "an unchanged RevMan package changed the database"; fi
# The same CSVs zipped as RevMan Web ships them, and as the inner data zip.
run "revman-web zip init" 0 "$SRW" init --db webzip.db
run "revman-web zip import" 0 "$SRW" import --db webzip.db --revman-web "$rm5_data/web-fleiss.zip"
contains "revman-web zip summary" out "web-fleiss.zip: RevMan review (revman-web): 2 analyses (1 with RevMan's results), 12 trial records, 12 risk-of-bias entries"
run "revman-web zip verify" 0 "$SRW" verify --db webzip.db
contains "revman-web zip verify summary" out "2 analyses: 1 agree, 0 differ, 1 not comparable (1 RevMan left the results empty)"
run "revman-web data zip init" 0 "$SRW" init --db webdata.db
run "revman-web data zip by content" 0 "$SRW" import --db webdata.db "$rm5_data/web-fleiss-data.zip"
contains "revman-web data zip summary" out "2 analyses (1 with RevMan's results), 12 trial records, 12 risk-of-bias entries"
if [ -n "$rm5_fix" ] && [ -f "$rm5_fix/Fleiss1993.zip" ]; then
    # RevMan Web's own export, unchanged: verify says what it says of the CSVs.
    run "revman-web package init" 0 "$SRW" init --db pkg.db
    run "revman-web package import" 0 "$SRW" import --db pkg.db --revman-web "$rm5_fix/Fleiss1993.zip"
    contains "revman-web package summary" out "Fleiss1993.zip: RevMan review (revman-web): 2 analyses (1 with RevMan's results), 12 trial records, 12 risk-of-bias entries"
    run "revman-web package verify" 0 "$SRW" verify --db pkg.db
    contains "revman-web package verify summary" out "2 analyses: 1 agree, 0 differ, 1 not comparable (1 RevMan left the results empty)"
    "$SRW" verify --db web.db > dir.out 2>&1
    "$SRW" verify --db pkg.db > pkg.out 2>&1
    if cmp -s dir.out pkg.out; then ok; else bad "revman-web: verify of the zip differs from the directory's"; diff dir.out pkg.out | head -5; fi
else
    echo "cli: Fleiss1993.zip not found; RevMan Web package test skipped"
fi

if [ -n "$rm5_fix" ]; then
    # --- the fixtures: RevMan 5.2.11 and 5.0.23 files ---------------------------
    run "rm5 fixtures init" 0 "$SRW" init --db fx.db
    run "rm5 fixtures import" 0 "$SRW" import --db fx.db --rm5 "$rm5_fix/antibiotics-for-sore-throat.rm5" "$rm5_fix/Fleiss1993.rm5"
    contains "rm5 sore throat summary" out "antibiotics-for-sore-throat.rm5: RevMan review 'Antibiotics for sore throat' (rm5): 21 analyses (21 with RevMan's results), 217 trial records, 162 risk-of-bias entries"
    contains "rm5 fixtures counts" out "review: 5 uses, 23 outcomes, 47 studies, 229 records, 0 published results"
    run "rm5 fixtures verify" 0 "$SRW" verify --db fx.db
    contains "rm5 fixtures verify summary" out "23 analyses: 22 agree, 0 differ, 1 not comparable (1 RevMan left the results empty)"
    contains "rm5 verify row" out "0.90 [0.84, 0.96]"
    run "rm5 verify with zero tolerance differs" 1 "$SRW" verify --db fx.db --tolerance 0
    contains "rm5 DIFF line" out "DIFF max rel"
    # Round trip: import, export as CSV, re-import: the same records.
    run "rm5 export" 0 "$SRW" export --db fx.db --csv fx.csv
    run "rm5 round-trip init" 0 "$SRW" init --db rt.db
    run "rm5 round-trip import" 0 "$SRW" import --db rt.db fx.csv
    run "rm5 round-trip export" 0 "$SRW" export --db rt.db --csv rt.csv
    if cmp -s fx.csv rt.csv; then ok; else bad "rm5 round trip: exported records differ"; diff fx.csv rt.csv | head -5; fi

    if [ -f "$rm5_fix/CD008625StatsDataOnly.rm5" ]; then
        # Cochrane CD008625 as the Cochrane Library exports it: studies with
        # two or three rows in one subgroup are imported as their arms and
        # pooled as RevMan pools them, each named in a warning.
        run "rm5 cholera init" 0 "$SRW" init --db ch.db
        run "rm5 cholera import" 0 "$SRW" import --db ch.db --rm5 "$rm5_fix/CD008625StatsDataOnly.rm5"
        contains "rm5 cholera summary" out "74 analyses (74 with RevMan's results), 689 trial records"
        contains "rm5 cholera two rows" out "analysis 1.1, Antimicrobial versus placebo/no treatment / 1.1 Diarrhoea duration: study 'Dutta 1996 IND' has 2 data rows in subgroup 'Norfloxacin', imported as its arms 'row 1' and 'row 2' and pooled as RevMan pools them: a control arm they share is counted twice unless its participants were split between them (a unit-of-analysis error, Cochrane Handbook 23.3.4; srw analyse --multi-arm combine or split avoids it)"
        contains "rm5 cholera three rows" out "study 'Islam 1987 BGD' has 3 data rows in subgroup 'Tetracycline', imported as its arms 'row 1', 'row 2' and 'row 3'"
        # The rows are one study's arms: pooled as RevMan pools them (each
        # against its own control) by default, combined on request; Dutta's
        # two rows give different controls (9 and 10: split already), which
        # cannot be combined, and say so.
        dd=(--db ch.db --use "Antimicrobial versus placebo/no treatment" --outcome "1.1 Diarrhoea duration")
        run "rm5 cholera arms as RevMan" 0 "$SRW" analyse "${dd[@]}"
        contains "rm5 arms as RevMan: row 2" out "Islam 1987 BGD (row 2)           37.40 (17.00) 25     85.40 (28.00) 8"
        contains "rm5 arms as RevMan: note" out "Correction: Islam 1987 BGD: arms row 1, row 2 and row 3 each pooled as given, as RevMan 5 pools a study's rows: a control they share is counted 3 times"
        run "rm5 cholera arms combined" 0 "$SRW" analyse "${dd[@]}" --multi-arm combine --json
        contains "rm5 arms combined: rule named" out '"multi_arm": "combine"'
        contains "rm5 arms combined: different controls" out "Dutta 1996 IND: arms row 1 and row 2 each pooled as given: its arms give different control groups, so they cannot be combined or split"
        # Every analysis RevMan computed agrees; the two it reports no
        # total for are said to have none, as RevMan does.
        run "rm5 cholera verify" 0 "$SRW" verify --db ch.db
        contains "rm5 cholera verify summary" out "74 analyses: 72 agree, 0 differ, 0 not comparable, 2 no total"
        contains "rm5 cholera subtotals only" out "0.35 [0.26, 0.45]        tau2 0.5355  Chi2 70.64    df 17  I2  76%  Z 7.62   OK"
        contains "rm5 cholera no total" out 'RevMan no total (TOTALS="NO")'
        contains "rm5 cholera no total verdict" out "no total (as in RevMan); studies agree"
        if grep -q DIFF out; then bad "rm5 cholera: an analysis differs"; else ok; fi
        # srw analyse takes the review's model, method and totals: no total,
        # and why, unless --total asks for one.
        cf=(--db ch.db --use "Azithromycin versus erythromycin" --outcome "7.4 Clinical failure")
        run "rm5 cholera analyse no total" 0 "$SRW" analyse "${cf[@]}"
        contains "rm5 analyse says the review's analysis" out "The review's analysis (CD008625StatsDataOnly.rm5, analysis 7.4): fixed effect, MH, subtotals only; used unless options say otherwise"
        contains "rm5 analyse no total" out "no total: the review reports no total for this analysis (--total pools one)"
        if grep -qiw 'nan' out; then bad "rm5 analyse printed nan"; else ok; fi
        run "rm5 cholera analyse no total json" 0 "$SRW" analyse "${cf[@]}" --json
        contains "rm5 json pooled null" out '"pooled": null'
        contains "rm5 json no_total_reason" out '"no_total_reason": "the review reports no total for this analysis"'
        contains "rm5 json stored analysis" out '"totals": "subtotals only"'
        run "rm5 cholera analyse --total" 0 "$SRW" analyse "${cf[@]}" --total
        contains "rm5 --total pools one" out "Total (95% CI)                   63                   60                            1.43 [0.63, 3.25]"
        run "rm5 cholera analyse stored random" 0 "$SRW" analyse --db ch.db --use "Antimicrobial versus placebo/no treatment" --outcome "1.4 Clinical failure" --profile revman5
        contains "rm5 analyse stored model" out "Profile revman5: RR, random effect (tau² DL), wald CI, 95% level"
        contains "rm5 analyse reproduces RevMan" out "0.21 [0.13, 0.34]"
        run "rm5 cholera analyse --model overrides" 0 "$SRW" analyse --db ch.db --use "Antimicrobial versus placebo/no treatment" --outcome "1.4 Clinical failure" --profile revman5 --model fixed
        contains "rm5 --model overrides the stored model" out "Profile revman5: RR, fixed effect (MH), wald CI, 95% level"
        # An MH pool without events (1.3 under the cochrane profile's
        # Sato-Greenland-Robins variance) is "not estimable" with its reason.
        run "rm5 cholera analyse MH not estimable" 0 "$SRW" analyse --db ch.db --use "Antimicrobial versus placebo/no treatment" --outcome "1.3 Deaths"
        contains "rm5 not estimable says why" out "  pooled estimate not estimable (no events in an arm across studies)"
        if grep -qiw 'nan' out; then bad "rm5 analyse 1.3 printed nan"; else ok; fi
    fi

    run "revman-csv init" 0 "$SRW" init --db csv.db
    run "revman-csv import" 0 "$SRW" import --db csv.db --revman-csv "$rm5_fix/Fleiss1993_CR.csv"
    run "revman-csv verify" 0 "$SRW" verify --db csv.db
    contains "revman-csv verify summary" out "2 analyses: 2 agree, 0 differ, 0 not comparable"
    contains "revman-csv precision stated" out "to the 8 decimals RevMan kept"
else
    echo "cli: RevMan fixtures not found; fixture tests skipped"
fi
cd "$rm5_here" || exit 1
