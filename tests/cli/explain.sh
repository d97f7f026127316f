# srw explain: its numbers are srw analyse's.  For every measure (OR, RR,
# RD, PETO, MD, SMD, ROM, generic), every tau^2 estimator (DL, REML, PM, ML,
# SJ, HE, EB), Wald and HKSJ, the fixed-effect methods and both profiles,
# `srw explain --format text` and `srw analyse --json` run with the same
# options, and tests/cli/explain_check.awk reads every result line of the
# explanation ("  -> pooled estimate: ... = -0.71453") back against the JSON
# to the precision printed; each result the JSON has must be there.  Then
# the Markdown and HTML forms (no script, no style or resource from the
# network; in headless Chromium when it is installed), --out, and the
# errors.  Sourced by tests/cli/run.sh, whose run / contains / ok / bad
# helpers and counters it uses; runs in its own directory under run.sh's
# scratch directory.
ex_repo="${DATA%/tests/data/import}"
ex_cli="$ex_repo/tests/cli"
mkdir -p "$work/explain" && cd "$work/explain" || return

run "explain: init" 0 "$SRW" init --db ex.db
run "explain: import" 0 "$SRW" import --quiet --db ex.db "$ex_repo/doc/example/bcg.csv" "$ex_repo/doc/example/bcg-use.csv" \
    "$ex_repo/tests/data/explain/normand1999.csv" "$ex_repo/tests/data/explain/nielweise2007.csv" "$ex_repo"/studies/*.csv

# Generic records (an estimate and its SE per trial): Normand 1999's mean
# differences as srw's own MD analysis gives them.
"$SRW" analyse --db ex.db --use stroke --outcome "Length of hospital stay" --measure MD --json |
    awk -f "$ex_cli/json_flat.awk" > md.flat
{
    echo "study,use,outcome,type,estimate,se,exp_total,ctl_total,direction,source"
    awk -F '\t' '
        { v[$1] = $2 }
        END {
            for (i = 0; ("studies." i ".estimate") in v; i++) {
                s = v["studies." i ".study"]
                printf "%s,stroke,Length of hospital stay (generic),generic,%s,%s,%s,%s,lower_is_better,", s,
                       v["studies." i ".estimate"], v["studies." i ".se"], v["studies." i ".data.exp_total"],
                       v["studies." i ".data.ctl_total"]
                print "\"srw analyse --measure MD of tests/data/explain/normand1999.csv (Normand SLT, Stat Med 1999;18:321-359)\""
            }
        }' md.flat
} > generic.csv
run "explain: generic records" 0 "$SRW" import --quiet --db ex.db generic.csv

ex_checked=0
ex_runs=0
# ex_check NAME USE OUTCOME [analysis options]: explain's text against
# analyse --json with the same options.
ex_check() {
    local name=$1 use=$2 outcome=$3
    shift 3
    ex_runs=$((ex_runs + 1))
    if ! "$SRW" explain --db ex.db --use "$use" --outcome "$outcome" "$@" > ex.txt 2> ex.err; then
        bad "explain $name: exit status"; sed 's/^/    /' ex.err; return
    fi
    if ! "$SRW" analyse --db ex.db --use "$use" --outcome "$outcome" "$@" --json > an.json 2> an.err; then
        bad "explain $name: analyse failed"; sed 's/^/    /' an.err; return
    fi
    awk -f "$ex_cli/json_flat.awk" an.json > an.flat
    if LC_ALL=C awk -v json=an.flat -f "$ex_cli/explain_check.awk" ex.txt > chk.out; then
        ok
        ex_checked=$((ex_checked + $(sed -n 's/^checked //p' chk.out)))
    else
        bad "explain $name: its numbers differ from analyse --json"; head -20 chk.out
    fi
}

BCG_U="tuberculosis prevention"; BCG_O="Tuberculosis, during follow-up"
NW_U="catheters"; NW_O="Catheter-related bloodstream infection"
ST_U="stroke"; ST_O="Length of hospital stay"
for tau2 in DL REML PM ML SJ HE EB; do
    for ci in wald hksj; do
        for m in OR RR RD PETO; do
            ex_check "bcg $m $tau2 $ci" "$BCG_U" "$BCG_O" --measure $m --tau2 $tau2 --ci $ci
            ex_check "nielweise2007 $m $tau2 $ci" "$NW_U" "$NW_O" --measure $m --tau2 $tau2 --ci $ci
        done
        for m in MD SMD ROM; do
            ex_check "normand1999 $m $tau2 $ci" "$ST_U" "$ST_O" --measure $m --tau2 $tau2 --ci $ci
        done
        ex_check "generic $tau2 $ci" "$ST_U" "$ST_O (generic)" --tau2 $tau2 --ci $ci
    done
done
# Fixed effect (MH, Peto, IV), the revman5 profile, the SMD's variants.
for m in OR RR RD; do
    ex_check "bcg $m fixed MH" "$BCG_U" "$BCG_O" --measure $m --model fixed
    ex_check "nielweise2007 $m fixed MH revman5" "$NW_U" "$NW_O" --measure $m --profile revman5
    ex_check "nielweise2007 $m random revman5" "$NW_U" "$NW_O" --measure $m --profile revman5 --model random
    ex_check "bcg $m fixed IV HKSJ" "$BCG_U" "$BCG_O" --measure $m --model fixed --method IV --ci hksj
done
ex_check "nielweise2007 PETO fixed Peto" "$NW_U" "$NW_O" --measure PETO --model fixed
ex_check "normand1999 MD fixed" "$ST_U" "$ST_O" --measure MD --model fixed
for smd in hedges-exact cohen; do
    ex_check "normand1999 SMD $smd" "$ST_U" "$ST_O" --measure SMD --smd $smd
done
ex_check "bcg at 90%" "$BCG_U" "$BCG_O" --level 90
ex_check "bcg, REML stopped after 2 iterations" "$BCG_U" "$BCG_O" --max-iter 2
contains "explain: not converged" ex.txt "The estimator did not converge within 2 iterations: the last value is reported."
ex_check "normand1999 PM stopped after 1 iteration" "$ST_U" "$ST_O" --tau2 PM --max-iter 1
# The shipped review: one trial (RR, MD, generic), three trials, defaults.
ex_check "low back pain, one trial" "low back pain" ">50% pain relief (VAS), 3 weeks"
ex_check "cervical dystonia, dysphagia" "cervical dystonia" "Dysphagia (adverse event), during follow-up"
ex_check "cervical dystonia, TWSTRS" "cervical dystonia" "TWSTRS total improvement from baseline, week 4"
ex_check "neck pain, generic" "neck pain" "Pain, intermediate-term follow-up"
if [ "$ex_runs" -ge 140 ] && [ "$ex_checked" -gt 10000 ]; then ok
else bad "explain: $ex_runs runs checked only $ex_checked numbers"; fi
echo "explain: $ex_checked numbers in $ex_runs explanations read back against analyse --json"

# An outcome held only as published results: its verdict, explained.
run "explain: published only" 0 "$SRW" explain --db ex.db --use "neck pain" --outcome "Pain, 4 weeks"
contains "explain: published only, no trials" out "srw holds no trial data for this outcome: there is no analysis to walk through"
contains "explain: published only, the verdict" out "→ verdict: the cell at high certainty = Not supported"

# Zero cells: the corrected cells and why.
run "explain: zero cells" 0 "$SRW" explain --db ex.db --use "$NW_U" --outcome "$NW_O" --measure OR
contains "explain: zero cell rule" out "Zero cells: a study with a zero cell gets 0.5 added to each of its four cells"
contains "explain: corrected cells" out "A cell is zero: with 0.5 added, a = 0.5, b = 116.5, c = 3.5, d = 114.5, n₁ = 117, n₂ = 118."
contains "explain: double zero" out "Not estimable: no events in either arm."

# Markdown and HTML: the same explanation, nothing from the network.
run "explain: md" 0 "$SRW" explain --db ex.db --use "$BCG_U" --outcome "$BCG_O" --format md
contains "explain: md step" out "## Step 1. Each study's effect and its variance"
contains "explain: md result" out "- **pooled estimate**: μ = Σw\*ᵢ·yᵢ / Σw\*ᵢ = "
run "explain: html" 0 "$SRW" explain --db ex.db --use "$BCG_U" --outcome "$BCG_O" --format html --out ex.html
if [ -s ex.html ] && [ ! -s out ] && [ ! -e ex.html.tmp ]; then ok; else bad "explain --out: file, stdout or temporary wrong"; fi
contains "explain: html head" ex.html '<meta charset="utf-8">'
contains "explain: html subscript" ex.html 'ln RR<sub>1</sub> = ln((4/123) / (11/139)) = <span class="val">-0.88931</span>'
if grep -Eqi '<script|<link|<img|<iframe|@import|url\(|src="|https?://' ex.html; then
    bad "explain: the HTML refers to something outside the page"; grep -Eoi '<script|<link|<img|<iframe|@import|url\(|src="|https?://' ex.html | head -3
else ok; fi
for f in md txt html; do
    case $f in md) "$SRW" explain --db ex.db --use "$ST_U" --outcome "$ST_O" --format md > all.$f ;;
               txt) "$SRW" explain --db ex.db --use "$ST_U" --outcome "$ST_O" --tau2 EB > all.$f ;;
               html) cp ex.html all.$f ;; esac
    if grep -Eqw 'nan|NaN|inf|Infinity' all.$f; then bad "explain: NaN or inf in the $f form"; else ok; fi
done
"$SRW" explain --db ex.db --use "$BCG_U" --outcome "$BCG_O" --format html > stdout.html
if cmp -s stdout.html ex.html; then ok; else bad "explain: --out and stdout differ"; fi
run "explain: --out into a missing directory" 1 "$SRW" explain --db ex.db --use "$BCG_U" --outcome "$BCG_O" --out no/such/dir/x.txt
contains "explain: --out error" err "no/such/dir/x.txt"

# In a browser, when one is installed: the page renders with its formulas.
ex_browser=""
for b in chromium chromium-browser; do command -v "$b" >/dev/null 2>&1 && { ex_browser=$b; break; }; done
if [ -n "$ex_browser" ]; then
    ex_profile=$(mktemp -d)
    ex_flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
              --disable-component-update --disable-sync --user-data-dir="$ex_profile")
    dom=$("$ex_browser" "${ex_flags[@]}" --dump-dom "file://$PWD/ex.html" 2>/dev/null)
    if grep -q '<h1>srw explain: tuberculosis prevention' <<<"$dom" && grep -q '<sub>i</sub>' <<<"$dom"; then ok
    else bad "explain: the HTML did not render in $ex_browser"; fi
    mkdir -p "$ex_repo/build"
    "$ex_browser" "${ex_flags[@]}" --hide-scrollbars --screenshot="$ex_repo/build/explain.png" --window-size=1100,1800 \
        "file://$PWD/ex.html" >/dev/null 2>&1
    if [ -s "$ex_repo/build/explain.png" ]; then ok; else bad "explain: no screenshot"; fi
    rm -rf "$ex_profile"
else
    echo "skipped: chromium not installed (the explanation's HTML in a browser)"
fi

# Errors: as analyse words them, nothing written.
run "explain: no outcome" 2 "$SRW" explain --db ex.db --use "$BCG_U"
same_err "explain: no outcome" "srw: explain needs --use and --outcome"
run "explain: bad format" 2 "$SRW" explain --db ex.db --use "$BCG_U" --outcome "$BCG_O" --format pdf
same_err "explain: bad format" "srw: --format must be text, md or html (got 'pdf')"
run "explain: bad estimator" 2 "$SRW" explain --db ex.db --use "$BCG_U" --outcome "$BCG_O" --tau2 XX
same_err "explain: bad estimator" "srw: --tau2 must be DL, REML, PM, ML, SJ, HE or EB (got 'XX')"
run "explain: unknown outcome" 1 "$SRW" explain --db ex.db --use "low back pain" --outcome nope --out nope.txt
"$SRW" analyse --db ex.db --use "low back pain" --outcome nope 2> analyse.err
same_err "explain: unknown outcome" "$(cat analyse.err)"
if [ ! -e nope.txt ]; then ok; else bad "explain: a failed explanation wrote its file"; fi
run "explain: a measure that does not fit" 2 "$SRW" explain --db ex.db --use "$BCG_U" --outcome "$BCG_O" --measure MD
cd "$work" || return
