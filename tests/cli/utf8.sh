# Long non-ASCII names stay UTF-8 wherever srw cuts them to fit: the
# summary of findings and every other page of the report, what srw analyse
# and srw list print, and a RevMan study label srw shortens before it is
# stored.  Each name is long and of two-byte characters, so that a cut by
# bytes would split one.  Sourced by tests/cli/run.sh (its run / ok / bad
# helpers).
mkdir -p "$work/utf8" && cd "$work/utf8" || return
utf8_ok() { iconv -f UTF-8 -t UTF-8 "$1" > /dev/null 2>&1; }
long=$(printf '\xc3\xa9%.0s' $(seq 200))   # é x 200: 400 bytes, past every buffer a name was cut to
{
    echo "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,direction,source"
    echo "Émile 2001,ü use,$long,dichotomous,11,15,4,16,higher_is_better,s"
    echo "Ørsted 2003,ü use,$long,dichotomous,20,40,12,41,higher_is_better,s"
} > long.csv
printf 'use,primary_outcome,source\n\xc3\xbc use,%s,s\n' "$long" > uses.csv
printf 'use,outcome,importance,baseline_low,baseline_source\n\xc3\xbc use,%s,critical,0.2,%s\n' "$long" "$long" \
    > outcomes.csv
run "utf8 init" 0 "$SRW" init --db u.db
run "utf8 import of long names" 0 "$SRW" import --quiet --db u.db long.csv uses.csv outcomes.csv
run "utf8 report" 0 "$SRW" report --db u.db --out rep
n_bad=0
for f in rep/*; do utf8_ok "$f" || { n_bad=$((n_bad + 1)); echo "    not UTF-8: $f"; }; done
if [ "$n_bad" -eq 0 ]; then ok; else bad "report pages with a long non-ASCII outcome name are not UTF-8"; fi
# The summary of findings and the robustness table hold the name whole (it
# was cut at 300 bytes, mid-character), and the baseline row too.
if [ "$(grep -hcF "| $long (primary) |" rep/*.md | sort -n | tail -1)" -eq 2 ]; then ok; else
    bad "the summary of findings or robustness table cut the long outcome name"; fi
src100=$(printf '\xc3\xa9%.0s' $(seq 100))   # the baseline's source is shown to 200 bytes
if grep -qF "| $long: at a low baseline risk ($src100) |" rep/*.md; then ok; else
    bad "the baseline row cut the long outcome name"; fi
run "utf8 analyse" 0 "$SRW" analyse --db u.db --use "ü use" --outcome "$long"
if utf8_ok out; then ok; else bad "srw analyse printed a long name as invalid UTF-8"; fi
run "utf8 list" 0 "$SRW" list --db u.db records
if utf8_ok out; then ok; else bad "srw list printed a long name as invalid UTF-8"; fi

# A RevMan study label longer than srw keeps (500 bytes): cut on a character.
rm5_src="${DATA%/import}/rm5/mini.rm5"
name="x$(printf '\xe9%.0s' $(seq 300))"   # ISO-8859-1 é: two bytes each once read as UTF-8
LC_ALL=C sed "s/ID=\"STD-CDP\" NAME=\"[^\"]*\"/ID=\"STD-CDP\" NAME=\"$name\"/" "$rm5_src" > long.rm5
run "utf8 rm5 with a long study label" 0 "$SRW" import --quiet --db u.db long.rm5
run "utf8 export" 0 "$SRW" export --db u.db --csv exported.csv
if utf8_ok exported.csv; then ok; else bad "a long RevMan study label was stored cut mid-character"; fi
if grep -q "^x\(é\)\{249\}," exported.csv; then ok; else bad "the long label is not 'x' and 249 é"; fi
cd "$work" || return
