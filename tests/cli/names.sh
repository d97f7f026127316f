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

# --- use and outcome names that differ only in case or spacing are one ----------------
H='study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,source'
printf '%s\nA 2001,Neck Pain,"Pain, 4 weeks",dichotomous,5,20,10,20,s\nB 2002,neck  pain,"Pain, 4 weeks",dichotomous,5,20,10,20,s\n' "$H" > fold_uses.csv
printf '%s\nA 2001,Neck Pain,"Pain, 4 weeks",dichotomous,5,20,10,20,s\nB 2002,Neck Pain,"pain, 4  Weeks",dichotomous,5,20,10,20,s\n' "$H" > fold_outcomes.csv
printf '%s\nA 2001,Neck Pain,"Pain, 4 weeks",dichotomous,5,20,10,20,s\n' "$H" > fold_one.csv
printf 'use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nNECK PAIN,"Pain, 4 weeks",R,RR,1,0.5,2,s\n' > fold_pub_use.csv
printf 'use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nNeck Pain,"PAIN, 4 weeks",R,RR,1,0.5,2,s\n' > fold_pub_outcome.csv
printf 'use,primary_outcome,source\nNeck Pain,"pain, 4 weeks",s\n' > fold_primary.csv
run "fold init" 0 "$SRW" init --db fold.db
run "two spellings of a use in one file" 1 "$SRW" import --db fold.db fold_uses.csv
same_err "two spellings of a use in one file" "srw: fold_uses.csv:3:2: use: use 'neck  pain' differs only in letter case or spacing from 'Neck Pain', which the review already holds: the same use twice? (give it one name)"
run "two spellings of an outcome in one file" 1 "$SRW" import --db fold.db fold_outcomes.csv
same_err "two spellings of an outcome in one file" "srw: fold_outcomes.csv:3:3: outcome: outcome 'pain, 4  Weeks' of 'Neck Pain' differs only in letter case or spacing from 'Pain, 4 weeks', which the use already holds: the same outcome twice? (give it one name)"
run "one spelling" 0 "$SRW" import --db fold.db fold_one.csv
before=$(cat fold.db fold.db-wal 2>/dev/null | sha256sum)
run "a published result under a second spelling of the use" 1 "$SRW" import --db fold.db fold_pub_use.csv
contains "a published result under a second spelling of the use" err "fold_pub_use.csv:2:1: use: use 'NECK PAIN' differs only in letter case or spacing from 'Neck Pain'"
run "a published result under a second spelling of the outcome" 1 "$SRW" import --db fold.db fold_pub_outcome.csv
contains "a published result under a second spelling of the outcome" err "fold_pub_outcome.csv:2:2: outcome: outcome 'PAIN, 4 weeks' of 'Neck Pain' differs only"
run "a primary outcome under a second spelling" 1 "$SRW" import --db fold.db fold_primary.csv
contains "a primary outcome under a second spelling" err "fold_primary.csv:2:2: primary_outcome: outcome 'pain, 4 weeks' of 'Neck Pain' differs only"
if [ "$(cat fold.db fold.db-wal 2>/dev/null | sha256sum)" = "$before" ]; then ok; else bad "a refused second spelling changed the database"; fi
run "fold other init" 0 "$SRW" init --db fold2.db
printf '%s\nB 2002,neck pain,"Pain, 4 weeks",dichotomous,5,20,10,20,s\n' "$H" > fold_other.csv
run "fold other import" 0 "$SRW" import --db fold2.db fold_other.csv
run "merge of a second spelling" 1 "$SRW" merge --db fold.db fold2.db
contains "merge of a second spelling" err "the review would hold uses 'Neck Pain' and 'neck pain', which differ only in letter case or spacing"

# --- srw report --out: folders made, a line per use, never a stale page ---------------
run "report into new folders" 0 "$SRW" report --out deep/a/b/c
if [ -f deep/a/b/c/index.html ]; then ok; else bad "report --out deep/a/b/c wrote no index"; fi
n_uses=$("$SRW" list uses --json | grep -c '"use": ')
if [ "$(grep -c '^deep/a/b/c/[^ ]*\.html: ' out)" -eq $((n_uses + 1)) ]; then ok; else
    bad "report did not print a line per use and one for the index"; cat out; fi
contains "a use's line" out "deep/a/b/c/low-back-pain.html: low back pain: "
files=$(ls deep/a/b/c | wc -l)
contains "the index's line" out "deep/a/b/c/index.html: the index of $n_uses uses ($files files in deep/a/b/c)"
run "report of one use, Markdown only, into the same folder" 0 "$SRW" report --out deep/a/b/c --use "LOW BACK" --format md
if [ -z "$(ls deep/a/b/c | grep -v '^low-back-pain\|^index\.md$\|^summary\.json$\|^manifest\.json$')" ] &&
   [ -f deep/a/b/c/low-back-pain.md ] && [ ! -f deep/a/b/c/low-back-pain.html ]; then ok; else
    bad "a report of one use left pages of the earlier run"; ls deep/a/b/c | sed 's/^/    /'; fi
same_err "report of one use: quiet on stderr" ""
contains "report of one use: its line" out "deep/a/b/c/low-back-pain.md: low back pain: "
contains "report of one use: the index" out "deep/a/b/c/index.md: the index of 1 use ("

# --- srw verify: every column headed where its rows print it ------------------------
run "verify init" 0 "$SRW" init --db verify.db
run "verify import" 0 "$SRW" import --quiet --db verify.db "$root/tests/data/rm5/web-fleiss.zip"
run "verify" 0 "$SRW" verify --db verify.db
col() { awk -v t="$2" 'NR == '"$1"' { print index($0, t) }' out; }
if [ "$(col 1 From)" -eq "$(col 2 RevMan)" ] && [ "$(col 1 From)" -eq "$(col 3 srw)" ] &&
   [ "$(col 1 'effect [CI]')" -eq "$(col 2 0.90)" ] && [ "$(col 1 heterogeneity)" -eq "$(col 2 tau2)" ] &&
   [ "$(col 1 verdict)" -eq "$(col 3 OK)" ] && [ "$(col 1 verdict)" -eq "$(col 4 'not comparable')" ]; then ok; else
    bad "srw verify's header does not stand over its columns"; sed 's/^/    /' out; fi

# --- wording: the shipped evidence's report and srw analyse, as a reader meets them ------
run "wording init" 0 "$SRW" init --db words.db
run "wording import" 0 "$SRW" import --quiet --db words.db "$root"/studies/*.csv
run "wording report" 0 "$SRW" report --db words.db --out words
DRY="Dry mouth (adverse event), during follow-up"
run "wording analyse" 0 "$SRW" analyse --db words.db --use "cervical dystonia (botulinum toxin type B)" --outcome "$DRY"
contains "a status said once" out "  partial: srw holds 2 of 4 trials; srw's RR"
if grep -q "partial: partial" out; then bad "analyse says 'partial: partial'"; else ok; fi
if [ "$(grep -c "needs at least 3 studies" out)" -eq 1 ]; then ok; else bad "the missing prediction interval said more than once"; cat out; fi
if grep -rq "excludes no effect" words out; then bad "a double negative: 'excludes no effect'"; grep -rl "excludes no effect" words out; else ok; fi
if grep -Eq "downgraded [0-9] levels?\. [a-z]" words/*.md; then bad "a reason starts in lower case after a full stop"; else ok; fi
if grep -q "GENERIC [0-9]" words/*.md words/*.html; then bad "an estimate named GENERIC"; else ok; fi
contains "a generic estimate" words/index.md "| 8.90 (3.60 to 14.20) |"
if grep -Eq "I² = [0-9]+\.[0-9]%" words/*.md words/*.svg out; then bad "I² written with a decimal"; grep -Eho "I² = [0-9]+\.[0-9]%" words/*.md words/*.svg | head -3; else ok; fi
contains "a summary-of-findings cell ends on a whole word" words/cervical-dystonia-botulinum-toxin-type-b.md "improvement = week 0 minus week 4 score"
verdict=$(grep -A6 '^\*\*Verdict: Not supported' words/neck-pain.md | grep '^The pooled effect')
case "$verdict" in
*"rules out"*"rules out"* | *"certainty of the evidence is"*"certainty"*) bad "the verdict states its deciding condition twice: $verdict" ;;
*"Not supported: high certainty of little to no difference: the interval rules out an important benefit"*) ok ;;
*) bad "the verdict paragraph: $verdict" ;;
esac

# --- report pages and figures: one file each, whatever the names ------------------------
# Names that keep the same letters and digits (neck pain, neck-pain, NECK_PAIN!; a/b, a-b,
# a b), that keep none (.., Greek), a use called index, and a use and outcome that meet
# another's ("a" with "b-c", "a-b" with "c").
{
    echo "$H"
    for u in "neck pain" "neck-pain" "NECK_PAIN!" "a/b" ".." "index" "a-b" "a b"; do
        echo "A 2001,$u,pain,dichotomous,5,20,10,20,s"
    done
    echo "A 2001,Ωμέγα,πόνος,dichotomous,5,23,10,20,s"
    echo "A 2001,Ελλάδα,πόνος,dichotomous,5,24,10,20,s"
    echo "A 2001,Ελλάδα,ύπνος,dichotomous,5,24,11,20,s"
    echo "A 2001,a,b-c,dichotomous,5,26,10,20,s"
    echo "A 2001,a-b,c,dichotomous,5,27,10,20,s"
} > collide.csv
run "colliding names init" 0 "$SRW" init --db collide.db
run "colliding names import" 0 "$SRW" import --db collide.db collide.csv
run "colliding names report" 0 "$SRW" report --db collide.db --out collide
pages=$(ls collide/*.html | grep -vc '/index\.html$')
if [ "$pages" -eq 11 ]; then ok; else bad "11 uses gave $pages pages"; ls collide | sed 's/^/    /'; fi
forests=$(ls collide/*-forest.svg | wc -l)
if [ "$forests" -eq 13 ]; then ok; else bad "13 outcomes gave $forests forest plots"; fi
for ext in html md; do
    links=$(grep -o "href=\"[^\"#]*\.$ext\"\|]([^)#]*\.$ext)" "collide/index.$ext" | sed 's/^href="//; s/^](//; s/[")]$//' | grep -v '^index\.' | sort)
    if [ "$(printf '%s\n' "$links" | wc -l)" -eq 11 ] && [ -z "$(printf '%s\n' "$links" | uniq -d)" ]; then ok; else
        bad "index.$ext does not link 11 distinct pages"; printf '%s\n' "$links" | sed 's/^/    /'; fi
    for l in $links; do [ -s "collide/$l" ] || bad "index.$ext links a missing $l"; done
done
contains "the first of a name keeps it" collide/neck-pain.md "# neck pain"
contains "a later one gets a suffix" collide/neck-pain-2.md "# neck-pain"
contains "a name that keeps nothing" collide/use.md "# .."
contains "a use called index" collide/index-2.md "# index"
if [ -f "collide/a-b-c-forest.svg" ] && [ -f "collide/a-b-2-c-forest.svg" ]; then ok; else
    bad "a with b-c and a-b with c did not get a figure each"; fi
run "colliding names report again" 0 "$SRW" report --db collide.db --out collide-again
if diff -r collide collide-again >/dev/null; then ok; else bad "a re-run named or wrote the files differently"; fi

# --- --use and --outcome: whole names, ids, RevMan's numbers, a unique start, "did you mean" --
RM=$root/tests/data/rm5/CD007868StatsDataOnly.rm5
U1="0 ppm F versus 1000 ppm F in adults (mature permanent dentition)"
run "ids init" 0 "$SRW" init --db ids.db
run "ids import" 0 "$SRW" import --quiet --db ids.db "$RM"
run "list uses shows names whole and ids" 0 "$SRW" list --db ids.db uses
contains "list uses: the id" out "u1   $U1"
contains "list uses: the longest name whole" out "1000 ppm F versus 2400 ppm F in children and adolescents (immature permanent dentition)  "
if grep -q '\.\.\.' out; then bad "list uses cut a name"; else ok; fi
run "list outcomes shows ids and RevMan's numbers" 0 "$SRW" list --db ids.db outcomes
contains "list outcomes: id, name and number" out "o2   $U1"
if grep "^o2 " out | grep -q '1\.2 DMFT.*continuous.* 1\.2$'; then ok; else bad "list outcomes: no analysis number"; grep "^o2 " out; fi
run "list in any case" 0 "$SRW" list --db ids.db OUTCOMES
run "the use's id" 0 "$SRW" analyse --db ids.db --use u1 --outcome o2
contains "the use's id" out "$U1: 1.2 DMFT"
run "an id in capitals, RevMan's number" 0 "$SRW" analyse --db ids.db --use U1 --outcome 1.2
contains "RevMan's number" out "$U1: 1.2 DMFT"
run "a name without its number, in any case" 0 "$SRW" analyse --db ids.db --use "0 PPM F versus 1000 ppm F in adults" --outcome dmft
contains "a unique start and a bare name" out "$U1: 1.2 DMFT"
run "a start of two names" 2 "$SRW" analyse --db ids.db --use "0 ppm F versus 1000" --outcome x
same_err "a start of two names" "srw: '0 ppm F versus 1000' is the start of 2 uses: '$U1' (u1) or '0 ppm F versus 1000 ppm F in children and adolescents (immature permanent dentition)' (u8); give more of the name, or its id"
run "did you mean" 1 "$SRW" analyse --db ids.db --use u1 --outcome DMTF
same_err "did you mean" "srw: no outcome 'DMTF' in use '$U1'; did you mean '1.2 DMFT' (o2, analysis 1.2)? (\`srw list outcomes\` shows each with its id)"
run "an outcome of another use" 1 "$SRW" analyse --db ids.db --use u1 --outcome o17
contains "an outcome of another use" err "outcome o17 is an outcome of use '0 ppm F versus 1000 ppm F in children and adolescents (immature permanent dentition)', not of '$U1'"
run "the choices, never cut within a name" 1 "$SRW" analyse --db ids.db --use zzzz --outcome x
"$SRW" list --db ids.db uses --json | sed -n 's/^ *"use": "\(.*\)",$/\1/p' > ids_names
listed=$(grep -o "'[^']*' (u[0-9]*)" err | sed "s/^'//; s/' (u[0-9]*)\$//")
if [ -n "$listed" ] && [ -z "$(printf '%s\n' "$listed" | grep -vxFf ids_names)" ]; then ok; else
    bad "the choices list cut a name"; cat err; fi
contains "the choices say how many more" err "and 13 more (\`srw list uses\`))"
run "report of one use by id" 0 "$SRW" report --db ids.db --use u2 --out ids-report
contains "report of one use by id" ids-report/index.md "0 ppm F versus 1500 ppm F in young children"
run "add names a use by another spelling" 0 "$SRW" add --db ids.db --use "0 ppm f versus 1000 ppm f in adults (mature permanent dentition)" \
    --outcome "1.2 dmft" --study "Names 2024" exp_mean=1 exp_sd=1 exp_total=10 ctl_mean=2 ctl_sd=1 ctl_total=10 source=test < /dev/null
contains "add names a use by another spelling" out "$U1 / 1.2 DMFT / Names 2024"

cd "$work" || return
