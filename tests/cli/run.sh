#!/usr/bin/env bash
# End-to-end tests of the srw command line: exit status, exact stderr, and
# what the database holds afterwards.  $SRW names the binary (default ./srw).
# Prints "N passed, N failed" and exits non-zero on any failure.
set -u
SRW=${SRW:-./srw}
case "$SRW" in /*) ;; *) SRW="$PWD/$SRW" ;; esac
DATA="$PWD/tests/data/import"
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$work" || exit 1
unset SRW_DB SRW_REVIEWER
export USER=tester
pass=0; fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# run NAME EXPECTED_STATUS CMD... ; leaves stdout in out, stderr in err
run() {
    local name=$1 want=$2; shift 2
    "$@" >out 2>err; local got=$?
    if [ "$got" -ne "$want" ]; then bad "$name: exit $got, want $want"; sed 's/^/    /' err; return 1; fi
    ok; return 0
}
same_err() { # NAME EXPECTED_STDERR
    if [ "$(cat err)" != "$2" ]; then bad "$1: stderr"; echo "    got:  $(cat err)"; echo "    want: $2"; else ok; fi
}
contains() { # NAME FILE TEXT
    if grep -qF -- "$3" "$2"; then ok; else bad "$1: $2 lacks '$3'"; sed 's/^/    /' "$2" | head -20; fi
}
dbsum() { cat review.db review.db-wal 2>/dev/null | sha256sum; }
# CLI_SUITES="main revman ..." runs only those suites (this file's own cases
# are "main", each sourced file its name); all of them when it is unset or
# empty.  make valgrind passes VALGRIND_CLI here.
suite() { [ -z "${CLI_SUITES:-}" ] || [[ " $CLI_SUITES " == *" $1 "* ]]; }
cli_suites="main revman entry rob2 walkthrough explain teaching concurrency jobs hardening locations utf8 simulate sensitivity metareg names"
for cli_suite in ${CLI_SUITES:-}; do
    [[ " $cli_suites " == *" $cli_suite "* ]] || { echo "cli: no suite '$cli_suite' (suites: $cli_suites)"; exit 2; }
done

if suite main; then
# --- usage -------------------------------------------------------------
run "no command" 2 "$SRW"
run "unknown command" 2 "$SRW" frobnicate
same_err "unknown command" "$(printf "srw: unknown command 'frobnicate'\n"; "$SRW" 2>&1 | tail -n +1)"
run "help" 0 "$SRW" --help
contains "help lists import" out "import"
run "bad option" 2 "$SRW" import --bogus x.csv
contains "bad option names it" err "srw: unknown option '--bogus'"
run "import without files" 2 "$SRW" import
same_err "import without files" "srw: import needs at least one CSV file"
run "list without database" 1 "$SRW" list
same_err "list without database" "srw: no review database at review.db (create one with \`srw init --db review.db\`)"

# --- $SRW_DB names the database when --db is not given -------------------------
run "init with SRW_DB" 0 env SRW_DB=env.db "$SRW" init
if [ -f env.db ] && [ ! -f review.db ]; then ok; else bad "SRW_DB did not choose the database"; fi
run "--db wins over SRW_DB" 0 env SRW_DB=env.db "$SRW" init --db flag.db
if [ -f flag.db ]; then ok; else bad "--db did not win over SRW_DB"; fi
rm -f env.db* flag.db*

# --- init and import -----------------------------------------------------
run "init" 0 "$SRW" init
contains "init says ready" out "review database review.db ready (schema version 14)"
run "init is idempotent" 0 "$SRW" init
run "import good" 0 "$SRW" import "$DATA/good.csv" "$DATA/crlf_bom.csv"
contains "import summary" out "records: 4 new, 0 updated, 0 unchanged"
contains "review summary" out "review: 3 uses, 4 outcomes, 4 studies, 4 records, 0 published results"
before_reimport=$(dbsum)
run "reimport" 0 "$SRW" import "$DATA/good.csv"
contains "reimport unchanged" out "records: 0 new, 0 updated, 3 unchanged"
if [ "$(dbsum)" = "$before_reimport" ]; then ok; else bad "an unchanged re-import changed the database file"; fi
run "import update" 0 "$SRW" import "$DATA/updated.csv"
contains "update reported" out "updated low back pain / Pain relief >50%, 3 weeks / Foster 2001: exp_events 11 -> 10"
run "list records json" 0 "$SRW" list records --json
contains "quoted study kept" out '"study": "Quoted, Study 2010"'
contains "multi-line outcome kept" out '"outcome": "Multi\r\nline outcome"'
contains "entered_by from USER" out '"entered_by": "tester"'
run "list outcomes text" 0 "$SRW" list outcomes
contains "aligned header" out "use                outcome"

# --- bad input: clear error, nothing written -------------------------------
before=$(dbsum)
run "events exceed total" 1 "$SRW" import "$DATA/bad_events.csv"
same_err "events exceed total" "srw: $DATA/bad_events.csv:3:5: exp_events: 31 events exceed exp_total 30"
run "unknown column" 1 "$SRW" import "$DATA/good.csv" "$DATA/bad_column.csv"
same_err "unknown column" "srw: $DATA/bad_column.csv:1:6: unknown column 'exp_totl' (a typo? see README, 'The CSV format')"
run "type conflict with database" 1 "$SRW" import "$DATA/bad_type_conflict.csv"
same_err "type conflict with database" "srw: $DATA/bad_type_conflict.csv:2:4: type: outcome 'Pain relief >50%, 3 weeks' of 'low back pain' is already in the database as dichotomous, not generic (an outcome has one type)"
run "negative participants" 1 "$SRW" import "$DATA/bad_published.csv"
same_err "negative participants" "srw: $DATA/bad_published.csv:2:11: participants: '-252' is not a non-negative whole number"
run "missing file" 1 "$SRW" import nonexistent.csv
same_err "missing file" "srw: cannot open nonexistent.csv: No such file or directory"
after=$(dbsum)
if [ "$before" = "$after" ]; then ok; else bad "a failed import changed the database file"; fi
run "counts after failures" 0 "$SRW" list uses --json
contains "no new use after failures" out '"use": "neck pain"'

# --- published results ------------------------------------------------------
run "import published" 0 "$SRW" import "$DATA/published.csv"
contains "published summary" out "published results: 1 new"
run "list published" 0 "$SRW" list published --json
contains "published estimate" out '"estimate": -0.07'
contains "published participants" out '"participants": 252'
# Errors the importer finds in a published-results file name its column too.
printf 'use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nlow back pain,"Pain relief >50%%, 3 weeks",R,MD,1,0.5,2,s\n' > pub_misfit.csv
run "published misfit" 1 "$SRW" import pub_misfit.csv
same_err "published misfit" "srw: pub_misfit.csv:2:4: measure: MD is not a measure of outcome 'Pain relief >50%, 3 weeks' of 'low back pain', which is dichotomous"
printf 'use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nu,o,R,RR,1,0.5,2,s\nu,o,R,RR,1.1,0.5,2,s\n' > pub_twice.csv
run "published twice" 1 "$SRW" import pub_twice.csv
same_err "published twice" "srw: pub_twice.csv:3:3: review: the published result of u / o / R (RR) appears twice in this import (also pub_twice.csv:2)"

# --- GRADE judgements and the per-outcome measure ---------------------------------
run "import grade judgements" 0 "$SRW" import "$DATA/grade.csv"
contains "grade summary" out "2 GRADE judgements"
run "report shows override" 0 "$SRW" report --out rep --format md
contains "override kept with computed" rep/low-back-pain.md "Override: test: the review judged this trial at low risk of bias"
# srw's reason ends its sentence before the reviewer's override begins.
if grep -qE '[^.!?] (Reviewer o|O)verride: ' rep/low-back-pain.md; then
    bad "an override follows srw's reason mid-sentence: $(grep -oE '.{30}[^.!?] (Reviewer o|O)verride: ' rep/low-back-pain.md | head -1)"
else ok; fi
contains "indirectness entered" rep/low-back-pain.md "reviewer-entered: test: a population narrower"
# A judgement's source follows it as a sentence of its own; one without a source has none.
contains "override's source shown" rep/low-back-pain.md "low risk of bias. Source: test: review A, risk of bias table."
if grep -q "narrower than the question. Source:" rep/low-back-pain.md; then bad "a judgement without a source shows one"; else ok; fi
run "export grade with its source" 0 "$SRW" export --grade grade_out.csv
contains "exported source column" grade_out.csv "use,outcome,domain,downgrade,reason,source"
contains "exported source" grade_out.csv '"test: review A, risk of bias table"'
run "bad grade level" 1 "$SRW" import "$DATA/bad_grade.csv"
same_err "bad grade level" "srw: $DATA/bad_grade.csv:2:4: downgrade: a downgrade is 0, 1 or 2 levels (got 3)"
run "import measure" 0 "$SRW" import "$DATA/measure.csv"
run "stored measure used" 0 "$SRW" analyse --use "measure test" --outcome "Pain, mixed scales" --json
contains "SMD from the outcome setting" out '"measure": "SMD"'
run "measure override on the command line" 0 "$SRW" analyse --use "measure test" --outcome "Pain, mixed scales" --measure MD --json
contains "MD when asked" out '"measure": "MD"'
run "measure must fit the type" 1 "$SRW" import "$DATA/bad_measure.csv"
same_err "measure must fit the type" "srw: $DATA/bad_measure.csv:2:9: measure: 'SMD' is not an effect measure for dichotomous records (OR, RR, RD or PETO)"

# --- analyse ------------------------------------------------------------------
run "analyse needs outcome" 2 "$SRW" analyse --use "low back pain"
run "analyse unknown outcome" 1 "$SRW" analyse --use "low back pain" --outcome "Nope"
contains "unknown outcome lists known ones" err "no outcome 'Nope' in use 'low back pain'"
run "analyse bad measure" 2 "$SRW" analyse --use "low back pain" --outcome "Pain relief >50%, 3 weeks" --measure XX
run "analyse json" 0 "$SRW" analyse --use "low back pain" --outcome "Pain relief >50%, 3 weeks" --measure RR --json
contains "analyse json measure" out '"measure": "RR"'
contains "analyse json no NaN" out '"pooled"'
# Whole words: the GRADE reasons it now carries say "information size".
if grep -qiwE 'nan|inf(inity)?' out; then bad "analyse json prints NaN/inf"; else ok; fi
# The analysis options' errors come from core's choice tables, the same
# for analyse and report.
run "analyse bad tau2" 2 "$SRW" analyse --use "low back pain" --outcome "Pain relief >50%, 3 weeks" --tau2 X
same_err "analyse bad tau2" "srw: --tau2 must be DL, REML, PM, ML, SJ, HE or EB (got 'X')"
run "report bad tau2" 2 "$SRW" report --out rep-bad --tau2 X
same_err "report bad tau2" "srw: --tau2 must be DL, REML, PM, ML, SJ, HE or EB (got 'X')"
if [ -e rep-bad ]; then bad "report with a bad option wrote files"; else ok; fi
run "report bad smd" 2 "$SRW" report --out rep-bad --smd glass
same_err "report bad smd" "srw: --smd must be hedges, hedges-exact or cohen (got 'glass')"
run "report bad level" 2 "$SRW" report --out rep-bad --level 100
same_err "report bad level" "srw: --level must be a percentage between 0 and 100 (got '100')"
run "report help lists the analysis options" 0 "$SRW" report --help
contains "report help tau2" out "--tau2 T                 DL, REML, PM, ML, SJ, HE or EB"
contains "report help max-iter" out "--max-iter N"
run "analyse at 99.99999999%" 0 "$SRW" analyse --use "low back pain" --outcome "Pain relief >50%, 3 weeks" --level 99.99999999
contains "level printed as given" out "[99.99999999% CI]"
run "analyse all" 0 "$SRW" analyse --all --json
n_all=$(grep -c '^  {$' out)
if [ "$n_all" -ge 3 ] && [ "$(head -c 1 out)" = "[" ] && [ "$(tail -n 1 out)" = "]" ]; then ok; else bad "analyse --all --json is not one array ($n_all elements)"; fi
# --jsonl: the same outcomes, one object a line.
run "analyse all jsonl" 0 "$SRW" analyse --all --jsonl
if [ "$(wc -l < out)" -eq "$n_all" ] && [ "$(grep -c '^{"use":".*}$' out)" -eq "$n_all" ]; then ok
else bad "analyse --all --jsonl: $(wc -l < out) lines for $n_all outcomes"; fi
contains "jsonl compact" out '"measure":"RR","scale":"log"'
run "analyse json and jsonl" 2 "$SRW" analyse --all --json --jsonl
same_err "analyse json and jsonl" "srw: --json and --jsonl do not go together"
run "analyse all of an unknown use" 1 "$SRW" analyse --all --use "knee pain"
contains "unknown use named" err "srw: no use 'knee pain' in the review; did you mean"
run "analyse text" 0 "$SRW" analyse --use "cervical dystonia" --outcome "TWSTRS total, week 4" --profile revman5
contains "text table" out "Brashear 1999"
contains "text profile" out "Profile revman5: MD"

# --- the shipped evidence base -------------------------------------------------
STUDIES="${DATA%/tests/data/import}/studies"
run "init studies db" 0 "$SRW" init --db studies.db
run "import studies" 0 "$SRW" import --db studies.db "$STUDIES"/*.csv
run "list published" 0 "$SRW" list --db studies.db published --json
contains "neck pain estimate" out '"estimate": -0.07,'
contains "neck pain CI" out '"ci_lower": -0.36,'
contains "neck pain trials" out '"participants": 252,'
contains "TWSTRS estimate" out '"estimate": 6.78,'
contains "TWSTRS CI" out '"ci_upper": 9.01,'
contains "TWSTRS participants" out '"participants": 316,'
contains "a source on every published row" out '"source": "'
if grep -q '"source": null' out; then bad "a published row without source"; else ok; fi
run "report on the shipped studies" 0 "$SRW" report --db studies.db --out studies-report --format md
if [ -s err ]; then bad "report wrote to stderr (no progress bar without a terminal)"; sed 's/^/    /' err; else ok; fi
# Figures: a review of up to 200 outcomes (the shipped one) gets every
# analysed outcome's, as RevMan draws a plot per analysis; every figure a
# page names is there.
figures_named() { # DIR: each figure the pages name, once, sorted
    grep -oh '[a-z0-9-]*-\(forest\|funnel\)\.svg' "$1"/*.md | sort -u
}
figures_there() { (cd "$1" && ls -- *-forest.svg *-funnel.svg 2>/dev/null | sort); }
n_default=$(ls studies-report/*-forest.svg | wc -l)
if [ "$n_default" -ge 20 ]; then ok; else bad "report: $n_default forest plots of the shipped review"; fi
if [ "$(figures_named studies-report)" = "$(figures_there studies-report)" ]; then ok; else bad "report: the pages name other figures than those written"; fi
if grep -q "No forest or funnel plot here" studies-report/*.md; then bad "a small report leaves plots out"; else ok; fi
run "report with every figure" 0 "$SRW" report --db studies.db --out studies-all --format md --all-figures
if [ "$(figures_there studies-all)" = "$(figures_there studies-report)" ]; then ok
else bad "--all-figures on a small review drew other plots than the default"; fi
# Past 200 outcomes: the primary outcome's and those rated critical, unless
# --all-figures (bench/gen.c's review: 250 outcomes, no primary outcome).
if cc -O2 -o gen_many "${DATA%/tests/data/import}/bench/gen.c" -lm 2>/dev/null; then
    ./gen_many 250 > many.csv
    run "init a review of 250 outcomes" 0 "$SRW" init --db many.db
    run "import a review of 250 outcomes" 0 "$SRW" import --db many.db --quiet many.csv
    run "report of 250 outcomes" 0 "$SRW" report --db many.db --out many-report --format md
    if ls many-report/*-forest.svg > /dev/null 2>&1; then bad "a large report without primary outcomes drew plots"; else ok; fi
    contains "report: figures' policy said" many-report/use-0.md "No forest or funnel plot here: a report of more than 200 outcomes draws them for the primary outcome and the outcomes rated critical"
    printf 'use,primary_outcome\nuse 0,outcome 0\n' > many-use.csv
    printf 'use,outcome,importance\nuse 1,outcome 1,critical\n' > many-crit.csv
    run "a primary and a critical outcome" 0 "$SRW" import --db many.db many-use.csv many-crit.csv
    run "report of 250 outcomes again" 0 "$SRW" report --db many.db --out many-report --format md
    if [ "$(figures_there many-report | grep -c forest)" -eq 2 ] && [ -s many-report/use-0-outcome-0-forest.svg ] \
        && [ -s many-report/use-1-outcome-1-forest.svg ]; then ok
    else bad "a large report drew $(figures_there many-report | grep -c forest) forest plots, not the primary's and the critical one's"; fi
    if [ "$(figures_named many-report)" = "$(figures_there many-report)" ]; then ok; else bad "large report: the pages name other figures than those written"; fi
    run "report of 250 outcomes, every figure" 0 "$SRW" report --db many.db --out many-all --format md --all-figures
    if [ "$(ls many-all/*-forest.svg | wc -l)" -eq 250 ]; then ok; else bad "--all-figures drew $(ls many-all/*-forest.svg | wc -l) of 250 forest plots"; fi
    if grep -q "No forest or funnel plot here" many-all/*.md; then bad "--all-figures still says plots are left out"; else ok; fi
else
    echo "skipped: no C compiler for bench/gen.c (the large report's figures)"
fi
# Export everything (records, published results, use settings, GRADE
# judgements, claims) and import it into a fresh file: the same report,
# byte for byte, its input-data hash included.  review.db holds GRADE
# judgements, studies.db use settings, published results, GRADE judgements
# and claims.
roundtrip() { # NAME DB
    rm -rf "rt-$1" && mkdir "rt-$1"
    run "$1: export all" 0 "$SRW" export --db "$2" --csv "rt-$1/r.csv" --published "rt-$1/p.csv" \
        --uses "rt-$1/u.csv" --grade "rt-$1/g.csv" --claims "rt-$1/c.csv" || return
    "$SRW" init --db "rt-$1/again.db" >/dev/null
    run "$1: import the export" 0 "$SRW" import --db "rt-$1/again.db" "rt-$1/r.csv" "rt-$1/p.csv" "rt-$1/u.csv" \
        "rt-$1/g.csv" "rt-$1/c.csv" || return
    "$SRW" report --db "$2" --out "rt-$1/a" --format md >/dev/null
    "$SRW" report --db "rt-$1/again.db" --out "rt-$1/b" --format md >/dev/null
    if diff -r "rt-$1/a" "rt-$1/b" >/dev/null; then ok; else bad "$1: the exported review reports otherwise"; diff -r "rt-$1/a" "rt-$1/b" | head -5; fi
}
roundtrip review review.db
contains "review: GRADE exported" rt-review/g.csv "indirectness"
roundtrip studies studies.db
# Published numbers as they were given: exponents (1e-3 was written as 0),
# trailing zeros, 18 decimals.
"$SRW" init --db odd.db >/dev/null
printf 'study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,source\nA,u,o,dichotomous,5,20,10,20,s\n' > odd_r.csv
printf 'use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nu,o,R1,OR,2e-3,1e-3,4e-3,s\nu,o,R2,RD,-0.0,-1e-5,1e-5,s\nu,o,R3,RR,0.80,0.123456789012345678,1.5e0,s\nu,o,R4,OR,2.50e-3,1.0e-3,4.00e-3,s\nu,o,R5,OR,1e-30,1e-31,1e-29,s\n' > odd_p.csv
run "odd published numbers" 0 "$SRW" import --db odd.db odd_r.csv odd_p.csv
roundtrip odd odd.db
contains "odd: the value as given" rt-odd/p.csv "u,o,R1,,,OR,,,0.002,0.001,0.004"
# The report shows them as given too: no digit they were not given with
# (0.80 with 17 decimals, not 0.80000000000000004), none of theirs lost
# (1e-30, not seventeen zeros).
contains "odd: report, 17 decimals" rt-odd/a/u.md '0.80000000000000000 \[0.12345678901234568, 1.50000000000000000\]'
contains "odd: report, 1e-30" rt-odd/a/u.md '1e-30 \[1e-31, 1e-29\]'
contains "odd: report, exponents given" rt-odd/a/u.md '0.00250 \[0.00100, 0.00400\]'
# Whole and huge published numbers as given too, in every table and in the
# verdict's basis; srw's own result beside them at two decimals at least.
"$SRW" init --db given.db >/dev/null
printf 'study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,direction,source\nA,v,x,dichotomous,20,200,40,200,lower_is_better,s\nB,v,x,dichotomous,25,200,45,200,lower_is_better,s\n' > given_r.csv
printf 'use,outcome,review,measure,model,estimate,ci_lower,ci_upper,trials,participants,source\nv,x,R1,RR,random,3,1,5,5,4000,s\nv,z,R2,MD,random,1.5,0.25,1e300,1,10,s\nv,w,R3,MD,random,40,36.5,3.802e27,1,10,s\n' > given_p.csv
printf 'use,primary_outcome,source\nv,x,s\n' > given_u.csv
run "given: import" 0 "$SRW" import --db given.db given_r.csv given_p.csv given_u.csv
run "given: report" 0 "$SRW" report --db given.db --out given --format md
contains "given: basis as given" given/v.md "Estimate RR 3 (1 to 5)"
contains "given: whole numbers as given" given/v.md '| RR | 3 \[1, 5\] |'
contains "given: srw's own at two decimals" given/v.md "srw's RR 0.53 ("
contains "given: huge, exponent form" given/v.md '1.50 \[0.25, 1e+300\]'
contains "given: no binary digits" given/v.md '40.0 \[36.5, 3.802e+27\]'
run "given: export" 0 "$SRW" export --db given.db --published given_out.csv
contains "given: export huge" given_out.csv "1.50,0.25,1e+300"
if grep -q "000000000000000000000" given/v.md given_out.csv; then bad "given: a huge number written out in full"; else ok; fi

# The report's data hash covers the decimals the report shows: 0.8 and
# 0.80 give other reports, and other hashes.
for x in 8 80; do
    "$SRW" init --db "dec$x.db" >/dev/null
    printf 'use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nu,o,R,MD,0.%s,0.1,1.5,s\n' "$x" > "dec$x.csv"
    "$SRW" import --db "dec$x.db" "dec$x.csv" >/dev/null
    "$SRW" report --db "dec$x.db" --out "dec$x" --format md >/dev/null
done
if [ "$(grep input_sha256 dec8/manifest.json)" != "$(grep input_sha256 dec80/manifest.json)" ]; then ok
else bad "the data hash does not cover the published decimals"; fi

# A reviewer's indirectness reason is shown whole wherever it is shown,
# however long (core's reason field quotes only its start).
long_why="$(printf 'the trials enrolled a narrower population than the review question names, %.0s' $(seq 12))end of the reason"
printf 'study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,source\nA,ind,o,dichotomous,5,20,10,20,s\nB,ind,o,dichotomous,6,20,9,20,s\n' > ind_r.csv
printf 'use,outcome,domain,downgrade,reason\nind,o,indirectness,1,"%s"\n' "$long_why" > ind_g.csv
"$SRW" init --db ind.db > /dev/null
run "long indirectness: import" 0 "$SRW" import --db ind.db ind_r.csv ind_g.csv
run "long indirectness: analyse" 0 "$SRW" analyse --db ind.db --use ind --outcome o --json
contains "long indirectness: JSON" out "\"reason\": \"reviewer-entered: $long_why\""
run "long indirectness: explain" 0 "$SRW" explain --db ind.db --use ind --outcome o
contains "long indirectness: explain" out "end of the reason"
run "long indirectness: report" 0 "$SRW" report --db ind.db --out ind-rep --format md
contains "long indirectness: report table" ind-rep/ind.md "end of the reason"
if [ "$(grep -c 'end of the reason' ind-rep/ind.md)" -ge 2 ]; then ok
else bad "long indirectness: the report's GRADE table and footnote do not both show the whole reason"; fi

# An outcome left without records: not exported, nor its GRADE judgement
# (the import refused the export).
printf 'use,outcome,domain,downgrade,reason\nu,o,indirectness,1,narrow\n' > odd_g.csv
run "odd grade" 0 "$SRW" import --db odd.db odd_g.csv
run "odd: remove the outcome's only record" 0 "$SRW" remove --db odd.db --use u --outcome o --study A --reason r
run "odd: export after remove" 0 "$SRW" export --db odd.db --csv odd2_r.csv --grade odd2_g.csv
"$SRW" init --db odd2.db >/dev/null
run "odd: the export imports" 0 "$SRW" import --db odd2.db odd2_r.csv odd2_g.csv
contains "studies: published exported" rt-studies/p.csv "CD008626"
contains "studies: uses exported" rt-studies/u.csv "cervical dystonia"
contains "studies: claims exported" rt-studies/c.csv "Cervical dystonia responds to Botox"
contains "studies: scope exported" rt-studies/p.csv "2 prospective observational studies"
run "export: one standard output" 2 "$SRW" export --db studies.db --csv - --published -
contains "neck pain verdict" studies-report/summary.json '"verdict": "not_supported"'
# The second edition: type A (the Botox question) and type B apart, each
# insufficient evidence on its pre-specified TWSTRS outcome; the claims
# checked open the report.
contains "dystonia type B apart" studies-report/summary.json '"use": "cervical dystonia (botulinum toxin type B)"'
if grep -q '"verdict": "supported"' studies-report/summary.json; then bad "a Supported verdict in the shipped report"; else ok; fi
contains "claims in the summary" studies-report/summary.json '"claims": ['
contains "a claim agreed" studies-report/summary.json '"agreement": "agree"'
contains "a claim partly agreed" studies-report/summary.json '"agreement": "partly_agree"'
contains "claims table first" studies-report/index.md "## Claims checked"
contains "a scoped result" studies-report/low-back-pain.md "answers another question | pools 9 studies"
contains "low back pain verdict" studies-report/summary.json '"verdict": "insufficient_evidence"'
contains "basis named" studies-report/summary.json '"basis_text": "based on the published pooled result of Cochrane CD008626, 5 trials, 252 participants'

# --- analyse --json carries core's assessment: GRADE, the MID and, for a
# --- primary outcome, the verdict and its basis, as the report gives them
LBP="low back pain"; LBP_P=">50% pain relief (VAS), 3 weeks"
run "analyse json: primary outcome" 0 "$SRW" analyse --db studies.db --use "$LBP" --outcome "$LBP_P" --json
contains "analyse json: primary" out '"primary": true'
contains "analyse json: verdict" out '"verdict": "insufficient_evidence"'
contains "analyse json: basis" out '"basis": "srw"'
# Low: risk of bias 0 from the review's judgement of Foster 2001 and
# imprecision -2, both reviewer's judgements in studies/grade.csv (srw's
# computed values, -1 and -1, are shown beside them).
contains "analyse json: grade certainty" out '"certainty": "low"'
contains "analyse json: statement" out '"statement": "Botulinum toxin A may result in a large increase in >50% pain relief (VAS), 3 weeks."'
contains "analyse json: pre-specified" out '"primary_prespecified": true'
contains "analyse json: grade domain" out '"imprecision": {'
contains "analyse json: MID source" out '"source": "default"'
# The verdict's reason and basis are the report's, word for word.
field() { sed -n "s/^ *\"$1\": \"\(.*\)\",\{0,1\}\$/\1/p" "$2" | head -1; }
grep -A9 "\"use\": \"$LBP\"" studies-report/summary.json > lbp.json
if [ -n "$(field verdict_reason out)" ] && [ "$(field verdict_reason out)" = "$(field reason lbp.json)" ]; then ok
else bad "analyse's verdict reason is not the report's"; fi
if [ -n "$(field basis_text out)" ] && [ "$(field basis_text out)" = "$(field basis_text lbp.json)" ]; then ok
else bad "analyse's basis text is not the report's"; fi
run "analyse json: published basis" 0 "$SRW" analyse --db studies.db --use "neck pain" --outcome "Pain, 4 weeks" --json
contains "analyse json: published verdict" out '"verdict": "not_supported"'
contains "analyse json: published basis" out '"basis": "published"'
contains "analyse json: no grade without trials" out '"grade": null'
run "analyse json: other outcome" 0 "$SRW" analyse --db studies.db --use "$LBP" --outcome ">50% pain relief (VAS), 8 weeks" --json
contains "analyse json: not primary" out '"primary": false'
if grep -q '"verdict"' out; then bad "a verdict on an outcome that is not the primary one"; else ok; fi
contains "analyse json: grade of any outcome" out '"grade": {'
# --- issue 18: outcome settings (importance, thresholds, baseline risks,
# --- rating up, the review's GRADE), pre-specification, generic totals
DY="cervical dystonia"; TR="TWSTRS total improvement from baseline, week 4"
run "generic totals in analyse json" 0 "$SRW" analyse --db studies.db --use "$DY" --outcome "$TR" --json
contains "generic: arm totals" out '"exp_total": 55'
contains "generic: pooled participants" out '"ctl_total": 61'
contains "generic: the outcome's MID" out '"source": "outcome"'
contains "generic: information size" out '116 participants, below the optimal information size of 400'
cp studies.db os.db
printf 'use,outcome,importance,mid,mid_measure,mid_source,large,large_source,baseline_low,baseline_high,baseline_source,upgrade,upgrade_reason,review_certainty,review_imprecision,review_imprecision_reason,review_source\n' > os.csv
printf '"%s","%s",critical,1.25,RR,test MID,2,test large,0.05,0.4,test registry,,,moderate,1,test: wide interval,test review\n' "$LBP" "$LBP_P" >> os.csv
printf '"%s",">50%% pain relief (VAS), 8 weeks",critical,,,,,,,,,,,,,,\n' "$LBP" >> os.csv
run "import outcome settings" 0 "$SRW" import --db os.db os.csv
contains "outcome settings counted" out "os.csv: settings of "
run "outcome settings: the review beside srw" 0 "$SRW" analyse --db os.db --use "$LBP" --outcome "$LBP_P" --json
contains "review grade shown" out '"review_grade": {'
contains "importance shown" out '"importance": "critical"'
contains "outcome's own MID" out '"source": "outcome_settings"'
run "outcome settings report" 0 "$SRW" report --db os.db --out os-rep --format md
contains "baseline row" os-rep/low-back-pain.md "at a low baseline risk (test registry)"
contains "robustness table" os-rep/low-back-pain.md "How robust the verdict is"
contains "robustness: other critical outcome" os-rep/summary.json '"critical_outcomes": ['
contains "review beside srw" os-rep/low-back-pain.md "The review's GRADE beside srw's"
contains "the review's reason per domain" os-rep/low-back-pain.md "-1: test: wide interval"
sed -i 's/,critical,1.25,/,important,1.25,/' os.csv
run "outcome settings change" 0 "$SRW" import --db os.db os.csv
contains "outcome settings change line" out "importance critical -> important"
run "outcome settings export" 0 "$SRW" export --db os.db --outcomes os2.csv
contains "outcome settings exported" os2.csv "test registry"
# A merge takes the other file's outcome settings and pre-specification
# where this file has none.
"$SRW" init --db os_m.db >/dev/null
printf 'use,primary_outcome,primary_source\n"%s","%s",test protocol\n' "$LBP" "$LBP_P" > os_u.csv
run "pre-specified primary" 0 "$SRW" import --db os.db os_u.csv
run "merge outcome settings" 0 "$SRW" merge --db os_m.db os.db
run "merged outcome settings exported" 0 "$SRW" export --db os_m.db --outcomes os_m.csv --uses os_mu.csv
contains "merged outcome settings" os_m.csv "test registry"
contains "merged primary_source" os_mu.csv "test protocol"
run "pre-specified in the report" 0 "$SRW" analyse --db os.db --use "$LBP" --outcome "$LBP_P"
contains "pre-specified shown" out "Primary outcome pre-specified: test protocol"
printf 'use,outcome,importance,mid\nu,o,vital,\n' > os_bad.csv
run "bad importance" 1 "$SRW" import --db os.db os_bad.csv
same_err "bad importance" "srw: os_bad.csv:2:3: importance: 'vital' is not critical, important or not important"
# A use's search date must be a date (it dates the living update).
printf 'use,primary_outcome,search_date\nu,o,2009-13\n' > bad_date.csv
run "bad search date" 1 "$SRW" import --db os.db bad_date.csv
same_err "bad search date" "srw: bad_date.csv:2:3: search_date: '2009-13' is not a date as YYYY-MM-DD, YYYY-MM or YYYY (1900 to 2100)"
# Claims: a file of its own kind, every error located, a change listed.
printf 'claim,use,asserts,source\nBotox works,neck pain,works,an article\n' > cl_bad.csv
run "bad claim" 1 "$SRW" import --db os.db cl_bad.csv
same_err "bad claim" "srw: cl_bad.csv:2:3: asserts: 'works' is not what a claim can assert: a verdict (supported, not_supported, insufficient_evidence) or a direction (benefit, harm, no_difference)"
printf 'claim,use,asserts,source\nBotox works,neck pain,benefit,an article\n' > cl.csv
run "import a claim" 0 "$SRW" import --db os.db cl.csv
contains "claims counted" out "cl.csv: 1 claim"
sed -i 's/,benefit,/,no_difference,/' cl.csv
run "change a claim" 0 "$SRW" import --db os.db cl.csv
contains "claim change line" out "asserts benefit -> no_difference"
run "report the claim" 0 "$SRW" report --db os.db --out cl-rep --format md
contains "claim judged" cl-rep/index.md "| Botox works | neck pain (Pain, 4 weeks) | no difference | an article |"

# The text shows GRADE's statement and, for the primary outcome, the
# verdict (issue 18: the statement in analyse, the summary and the report).
run "analyse text shows the statement" 0 "$SRW" analyse --db studies.db --use "$LBP" --outcome "$LBP_P"
contains "analyse text: GRADE statement" out "GRADE: low certainty. Botulinum toxin A may result in a large increase in >50% pain relief (VAS), 3 weeks."
contains "analyse text: verdict" out "Verdict: Insufficient evidence. Primary outcome pre-specified: CD008257"

# --- srw report takes analyse's options and agrees with analyse given the
# --- same ones (a primary outcome of three trials, where fixed and random differ)
"$SRW" init --db opts.db >/dev/null
"$SRW" import --quiet --db opts.db "$STUDIES"/*.csv
printf 'use,primary_outcome,source\ncervical dystonia,"Dysphagia (adverse event), during follow-up",test\n' > opts_u.csv
run "options: a primary outcome with three trials" 0 "$SRW" import --db opts.db opts_u.csv
run "report --tau2 DL --model fixed" 0 "$SRW" report --db opts.db --out opts-rep --format md --tau2 DL --model fixed
contains "report names the options given" opts-rep/index.md "Settings given for this report over the profile's defaults: model = fixed; tau2 = DL."
contains "report names the settings used" opts-rep/cervical-dystonia.md "model = fixed; method = MH; ci = wald"
contains "manifest names the options given" opts-rep/manifest.json '"tau2": "DL"'
run "analyse with the same options" 0 "$SRW" analyse --db opts.db --use "cervical dystonia" \
    --outcome "Dysphagia (adverse event), during follow-up" --tau2 DL --model fixed --json
first_pooled_estimate() { awk '/"pooled": [{]/ { p = 1 } p && /"estimate":/ { gsub(/[ ,]/, "", $2); print $2; exit }' "$1"; }
with_opts=$(first_pooled_estimate opts-rep/summary.json)
if [ -n "$with_opts" ] && [ "$(first_pooled_estimate out)" = "$with_opts" ]; then ok
else bad "report and analyse disagree with the same options: report $with_opts, analyse $(first_pooled_estimate out)"; fi
run "report with the profile's defaults" 0 "$SRW" report --db opts.db --out opts-default --format md
if [ "$(first_pooled_estimate opts-default/summary.json)" != "$with_opts" ]; then ok; else bad "--model fixed --tau2 DL changed nothing"; fi
if grep -q "Settings given" opts-default/index.md || grep -q '"options"' opts-default/manifest.json; then
    bad "a default report names options it was not given"; else ok; fi

# --- one record in two files of one import: located, nothing written ----------
run "init dup db" 0 "$SRW" init --db dup.db
run "record in two files" 1 "$SRW" import --db dup.db "$DATA/good.csv" "$DATA/good.csv"
same_err "record in two files" "srw: $DATA/good.csv:2:1: study: study 'Foster 2001' appears twice in outcome 'Pain relief >50%, 3 weeks' of 'low back pain' (also in an earlier file of this import)"
{ echo "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total"
  for i in $(seq 1 40); do echo "T$i,u,o,dichotomous,1,10,2,10"; done; } > forty.csv
run "record in two files, written 32 at a time" 1 "$SRW" import --db dup.db forty.csv forty.csv
same_err "record in two files, written 32 at a time" "srw: forty.csv:2:1: study: study 'T1' appears twice in outcome 'o' of 'u' (also in an earlier file of this import)"
run "nothing from the two files" 0 "$SRW" list --db dup.db records --json
if [ "$(tr -d ' \n' < out)" = "[]" ]; then ok; else bad "a failed import of two files kept records"; head -3 out; fi

# --- two files of one import that disagree about an outcome: located, nothing
# --- written; a setting the first row leaves blank is taken from a later one
printf 'study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,direction\nA,u,o,dichotomous,1,10,2,10,\nB,u,o,dichotomous,1,10,2,10,lower_is_better\n' > dich.csv
printf 'study,use,outcome,type,exp_mean,exp_sd,exp_total,ctl_mean,ctl_sd,ctl_total\nC,u,o,continuous,1,1,10,2,1,10\n' > cont.csv
run "two types for one outcome in two files" 1 "$SRW" import --db dup.db dich.csv cont.csv
same_err "two types for one outcome in two files" "srw: cont.csv:2:4: type: outcome 'o' of 'u' is continuous here but dichotomous in an earlier file of this import (an outcome has one type)"
run "nothing from the disagreeing files" 0 "$SRW" list --db dup.db outcomes --json
if [ "$(tr -d ' \n' < out)" = "[]" ]; then ok; else bad "a failed import of two files kept an outcome"; head -3 out; fi
run "direction from the second row" 0 "$SRW" import --db dup.db dich.csv
run "direction stored" 0 "$SRW" list --db dup.db outcomes --json
contains "direction stored" out '"direction": "lower_is_better"'

# --- a large import (16 MiB or more: rollback journal, references checked
# --- once before commit) --------------------------------------------------
GEN_SRC="${DATA%/tests/data/import}/bench/gen.c"
if cc -O2 -o gen "$GEN_SRC" -lm 2>/dev/null; then
    ./gen --rows 130000 > big.csv
    run "init big db" 0 "$SRW" init --db big.db
    run "large import" 0 "$SRW" import --db big.db big.csv
    contains "large import counted" out "big.csv: 130020 trial records"
    contains "large import new" out "records: 130020 new, 0 updated, 0 unchanged"
    if ! command -v sqlite3 >/dev/null; then
        echo "skipped: sqlite3 not installed (journal mode after a large import; test_store checks it too)"
    elif [ "$(sqlite3 big.db 'PRAGMA journal_mode')" = wal ]; then ok; else bad "large import left the database out of WAL mode"; fi
    run "large import history" 0 "$SRW" history --db big.db --study "Study 4-2" --json
    contains "large import trail row" out '"action": "import"'
    contains "large import trail values" out '"new": "type=continuous; exp_total='
    # The same file with one bad row at its end: nothing of it is kept.
    "$SRW" export --db big.db --csv - > before.csv
    if [ "$(wc -l < before.csv)" -eq 130021 ]; then ok; else bad "export of the large import: $(wc -l < before.csv) lines"; fi
    before=$(sha256sum < before.csv)
    { cat big.csv; echo "Late 2020,use 1,outcome 1,dichotomous,31,30,4,16,,,,,,,lower_is_better,s"; } > big_bad.csv
    sed -i 's/^Study 0-0,/Study 0-0 again,/' big_bad.csv
    run "large import with a bad last row" 1 "$SRW" import --db big.db big_bad.csv
    contains "bad last row located" err "big_bad.csv:130022:5: exp_events: 31 events exceed exp_total 30"
    if [ "$("$SRW" export --db big.db --csv - | sha256sum)" = "$before" ]; then ok; else bad "a failed large import changed the records"; fi
    run "large import after the failure" 0 "$SRW" list --db big.db records
else
    echo "skipped: no C compiler for bench/gen.c (large import)"
fi

fi # main

for cli_suite in ${cli_suites#main }; do
    if suite "$cli_suite"; then cd "$work" && . "${DATA%/data/import}/cli/$cli_suite.sh"; fi
done
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
