# End-to-end tests of RoB 2 at the command line: srw rob --tool rob2, the
# warning for a given overall that contradicts the domains, the trail, the
# export and import of the rob2_* columns, reconcile, adjudication and
# merge.  Sourced by tests/cli/run.sh (its run / contains / same_err / ok /
# bad helpers and counters); runs in its own directory.
mkdir -p "$work/rob2" && cd "$work/rob2" || return
U="neck pain"
O="Responders, week 5"
R=(--tool rob2 --use "$U" --outcome "$O")
cat > trials.csv <<'CSV'
study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,source
Trial A,neck pain,"Responders, week 5",dichotomous,37,76,27,72,constructed test values (not a real trial)
Trial B,neck pain,"Responders, week 5",dichotomous,20,40,12,41,constructed test values (not a real trial)
CSV
run "rob2 init" 0 "$SRW" init
run "rob2 import" 0 "$SRW" import --reviewer ana trials.csv

# --- srw rob --tool rob2 ------------------------------------------------------
run "rob2 judgements" 0 "$SRW" rob --reviewer ana "${R[@]}" "Trial A" randomisation=low missing=high \
    --support "30% lost to follow-up (p. 4)"
contains "rob2 judgement said" out "Responders, week 5 / Trial A: Bias due to missing outcome data: high (ana)"
if grep -q warning out; then bad "a result without a given overall warned"; else ok; fi
run "rob2 overall low" 0 "$SRW" rob --reviewer ana "${R[@]}" --study "Trial A" rob2_overall=low
contains "rob2 contradicting overall warns" out "  warning: neck pain / Responders, week 5 / Trial A: rob2_overall: low, but rob2_deviations is not judged, rob2_missing is high, rob2_measurement is not judged, rob2_selection is not judged (the RoB 2 algorithm gives high)"
run "rob2 kept despite the warning" 0 "$SRW" list rob2 --json
contains "rob2 overall stored" out '"judgement": "low"'
run "rob2 high over some concerns" 0 "$SRW" rob --reviewer ana "${R[@]}" "Trial B" randomisation=some_concerns \
    deviations=some_concerns missing=low measurement=low selection=low overall=high
if grep -q warning out; then bad "high over some concerns only warned"; sed 's/^/    /' out; else ok; fi
run "rob2 bad value" 2 "$SRW" rob --reviewer ana "${R[@]}" "Trial A" missing=unclear
same_err "rob2 bad value" "srw: missing: 'unclear' is not low, some_concerns or high"
run "rob2 unknown domain" 2 "$SRW" rob --reviewer ana "${R[@]}" "Trial A" blinding=low
contains "rob2 unknown domain named" err "unknown RoB 2 domain 'blinding' (randomisation, deviations, missing, measurement, selection, overall)"
run "rob2 without outcome" 2 "$SRW" rob --reviewer ana --tool rob2 --use "$U" "Trial A" missing=low
same_err "rob2 without outcome" "srw: RoB 2 judges a result: --tool rob2 needs --use and --outcome"
run "rob1 with outcome" 2 "$SRW" rob --reviewer ana --outcome "$O" "Trial A" sequence=low
same_err "rob1 with outcome" "srw: RoB 1 judges a study, not a result: --use and --outcome go with --tool rob2"
run "rob unknown tool" 2 "$SRW" rob --reviewer ana --tool rob3 "Trial A" sequence=low
same_err "rob unknown tool" "srw: --tool takes rob1 or rob2 (got 'rob3')"
run "rob2 unknown study" 1 "$SRW" rob --reviewer ana "${R[@]}" "Trial Z" missing=low
same_err "rob2 unknown study" "srw: no study 'Trial Z' in the review (enter one of its records first)"
before=$(dbsum)
run "rob2 refused writes nothing" 2 "$SRW" rob --reviewer ana "${R[@]}" "Trial A" missing=low missing=high
if [ "$(dbsum)" = "$before" ]; then ok; else bad "a refused srw rob changed the database"; fi

# --- the trail, the export and an import of it -----------------------------------
run "rob2 history" 0 "$SRW" history --study "Trial A"
contains "rob2 in the trail" out "rob2_missing_support"
if grep -F "rob2_missing " out | grep -qF "Responders, week 5"; then ok; else bad "the trail's RoB 2 row lacks its outcome"; fi
run "rob2 export" 0 "$SRW" export --csv rob2.csv
contains "rob2 export header" rob2.csv "rob2_randomisation,rob2_deviations,rob2_missing,rob2_measurement,rob2_selection,rob2_overall,rob2_randomisation_support"
# --support goes with every domain the command judges (as for RoB 1).
contains "rob2 export values" rob2.csv "low,,high,,,low,30% lost to follow-up (p. 4),,30% lost to follow-up (p. 4),,"
run "rob2 export init" 0 "$SRW" init --db back.db
run "rob2 export imported" 0 "$SRW" import --db back.db --reviewer ana rob2.csv
contains "rob2 import warns too" out "warning: neck pain / Responders, week 5 / Trial A: rob2_overall: low, but"
run "rob2 list a" 0 "$SRW" list rob2
cp out list_a
run "rob2 list b" 0 "$SRW" list --db back.db rob2
if cmp -s out list_a; then ok; else bad "the export lost a RoB 2 judgement"; diff list_a out | head; fi

# --- a second reviewer: reconcile, adjudicate, merge ----------------------------
run "rob2 second reviewer" 0 "$SRW" import --reviewer ben trials.csv
run "rob2 ben" 0 "$SRW" rob --reviewer ben "${R[@]}" "Trial A" randomisation=low missing=low overall=low
run "rob2 reconcile" 0 "$SRW" reconcile --use "$U"
contains "rob2 difference listed" out "  rob2_missing: ana high | ben low"
contains "rob2 kappa" out "RoB 2 (1 result-domain judgements differ), Cohen's kappa:"
contains "rob2 kappa pair" out "ana vs ben: 3 judgements, 66.7% agree"
run "rob2 reconcile json" 0 "$SRW" reconcile --use "$U" --json
contains "rob2 json" out '"rob2_differences": 1'
run "rob2 adjudicate without outcome" 2 "$SRW" reconcile --use "$U" --study "Trial A" --set rob2_missing=high \
    --reason "table 1" --reviewer carol
same_err "rob2 adjudicate without outcome" "srw: setting rob2_missing needs --outcome: RoB 2 judges a result, not a study"
run "rob2 adjudicate" 0 "$SRW" reconcile --use "$U" --study "Trial A" --outcome "$O" --set rob2_missing=high \
    --set rob2_overall=high --reason "30 of 76 not followed up (table 1)" --reviewer carol
run "rob2 adjudicated listed" 0 "$SRW" list rob2 --json
contains "rob2 adjudicated enters analyses" out '"domain": "rob2_missing"'
run "rob2 merge init" 0 "$SRW" init --db other.db
run "rob2 merge import" 0 "$SRW" import --db other.db --reviewer dan trials.csv
run "rob2 merge rob" 0 "$SRW" rob --db other.db --reviewer dan "${R[@]}" "Trial B" selection=high
run "rob2 merge" 0 "$SRW" merge other.db
contains "rob2 merge counts" out "and 1 RoB 2 judgement merged"

# --- the report: RoB 2 figures and GRADE by RoB 2 ---------------------------------
# The records (ana's, ben's, dan's) enter analyses once adjudicated; accepting
# ana's takes her RoB 2 judgements with them.
run "rob2 adjudicate A" 0 "$SRW" reconcile --use "$U" --study "Trial A" --outcome "$O" --accept ana --reason r \
    --reviewer carol
run "rob2 adjudicate B" 0 "$SRW" reconcile --use "$U" --study "Trial B" --outcome "$O" --accept ana --reason r \
    --reviewer carol
run "rob2 report" 0 "$SRW" report --out rep
if [ -s rep/neck-pain-rob2.svg ] && [ -s rep/neck-pain-rob2-summary.svg ]; then ok; else bad "no RoB 2 figures"; ls rep; fi
if [ -e rep/neck-pain-rob.svg ]; then bad "a RoB 1 figure without RoB 1 judgements"; else ok; fi
contains "rob2 traffic light" rep/neck-pain-rob2.svg "<title>Risk of bias (RoB 2): traffic-light plot</title>"
contains "rob2 figure in the page" rep/neck-pain.html '<img src="neck-pain-rob2.svg"'
contains "rob2 GRADE names the tool" rep/neck-pain.md "(RoB 2, per result)"
contains "rob2 warning under the forest plot" rep/neck-pain.md "Trial A: rob2\\_overall: low, but rob2\\_deviations is not judged, rob2\\_missing is high"

cd "$work" || return
