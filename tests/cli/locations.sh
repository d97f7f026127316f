# Every kind of rejected input names file:line:column (README, "Exit status
# and errors"): one case per kind, the whole stderr line compared, and the
# database left as it was.  The kinds that named only file:line before
# (issue 22, item 7) are marked "was file:line".  Also the messages a user
# can act on: a directory given for a file, XML nested too deep.  Sourced
# by tests/cli/run.sh (its run / same_err / ok / bad helpers).
mkdir -p "$work/locations" && cd "$work/locations" || return
rm5_dir="${DATA%/import}/rm5"
run "locations init" 0 "$SRW" init --db loc.db
loc_before=$(cat loc.db loc.db-wal 2>/dev/null | sha256sum)

# rejected NAME FILE EXPECTED_STDERR [IMPORT_OPTION]: exit 1, exactly this line
rejected() {
    local name=$1 file=$2 want=$3 opt=${4:-}
    if [ -n "$opt" ]; then run "$name" 1 "$SRW" import --db loc.db "$opt" "$file"; else
        run "$name" 1 "$SRW" import --db loc.db "$file"; fi
    same_err "$name" "$want"
}

# --- srw's CSV files ---------------------------------------------------------------
H='study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,source'
printf '%s\nA,u,o,dichotomous,1,10,2,10\n' "$H" > short.csv
rejected "row with fields missing (was file:line)" short.csv \
    "srw: short.csv:2:9: the row has 8 fields but the header has 9"
printf '%s\nA,u,o,dichotomous,1,10,2,10,s,extra\n' "$H" > long.csv
rejected "row with fields over (was file:line)" long.csv \
    "srw: long.csv:2:10: the row has 10 fields but the header has 9"
: > empty.csv
rejected "empty file (was file:line)" empty.csv "srw: empty.csv:1:1: the file is empty (a header row is required)"
printf 'name,value\nA,1\n' > nokind.csv
rejected "header of no kind (was file:line)" nokind.csv \
    "srw: nokind.csv:1:1: the header names no 'study' (trial records), 'review' (published results), 'primary_outcome' (use settings), 'domain' (GRADE judgements), 'importance' (outcome settings) or 'claim' (claims) column"
printf 'study,use,outcome,exp_events\nA,u,o,1\n' > noreq.csv
rejected "header without a required column (was file:line)" noreq.csv \
    "srw: noreq.csv:1:1: the header has no 'type' column, which is required"
printf 'study,use,outcome,type,exp_total,ctl_events,ctl_total,source\nA,u,o,dichotomous,10,2,10,s\n' > needs.csv
rejected "a type's field the header lacks (was file:line)" needs.csv \
    "srw: needs.csv:2:4: exp_events: a dichotomous record needs exp_events, but the header has no 'exp_events' column"
printf '%s\nA,u,o,dichotomous,0x31,10,2,10,s\n' "$H" > hex.csv
rejected "a field's value" hex.csv "srw: hex.csv:2:5: exp_events: '0x31' is not a number"

# --- RevMan 5 files: libxml2's column, or the tag's or attribute's ------------------------
sed 's/YEAR="1974"/YEAR="99999999999"/' "$rm5_dir/mini.rm5" > year.rm5
rejected "rm5 attribute (was file:line)" year.rm5 \
    "srw: year.rm5:5:55: study 'MRC-1': YEAR: '99999999999' is not a non-negative whole number"
sed 's/EVENTS_1="49"/EVENTS_1="700"/' "$rm5_dir/mini.rm5" > rule.rm5
rejected "rm5 record rule (was file:line)" rule.rm5 \
    "srw: rule.rm5:25:12: analysis 1.1, study 'MRC-1': exp_events: 700 events exceed exp_total 615"
sed 's/EVENTS_1="49" //' "$rm5_dir/mini.rm5" > needs.rm5
rejected "rm5 missing attribute: its element (was file:line)" needs.rm5 \
    "srw: needs.rm5:25:1: analysis 1.1, study 'MRC-1': exp_events: a dichotomous record needs exp_events"
LC_ALL=C sed 's/ID="STD-CDP" NAME="[^"]*"/ID="STD-CDP" NAME="MRC-1"/' "$rm5_dir/mini.rm5" > samename.rm5
rejected "rm5 two studies of one name (was file:line)" samename.rm5 \
    "srw: samename.rm5:6:39: included studies 'STD-MRC_x002d_1' and 'STD-CDP' have the same name 'MRC-1'"
rejected "rm5 element out of place (was file:line)" "$rm5_dir/unknown_outcome.rm5" \
    "srw: $rm5_dir/unknown_outcome.rm5:40:1: unknown outcome type <SURV_OUTCOME> (RevMan 5 has DICH, CONT, IV, IPD and OTHER outcomes)"
rejected "rm5 root element (was file:line)" "$rm5_dir/not_revman.rm5" \
    "srw: $rm5_dir/not_revman.rm5:2:1: not a RevMan 5 file: the root element is <html>, not <COCHRANE_REVIEW>" --rm5
rejected "rm5 not well-formed: libxml2's column" "$rm5_dir/truncated.rm5" \
    "srw: $rm5_dir/truncated.rm5:31:41: not a readable RevMan file: Premature end of data in tag COMPARISON line 21"
{ echo '<?xml version="1.0"?>'; printf '<COCHRANE_REVIEW>\n'; for i in $(seq 120); do printf '<P>'; done; echo
  for i in $(seq 120); do printf '</P>'; done; echo '</COCHRANE_REVIEW>'; } > deep.rm5
rejected "rm5 nested deeper than srw reads" deep.rm5 \
    "srw: deep.rm5:3:298: elements nested more than 100 deep, srw's limit for a RevMan file (RevMan's own files nest about 10): is this a RevMan 5 file?"
{ echo '<?xml version="1.0"?>'; printf '<COCHRANE_REVIEW>'; for i in $(seq 300); do printf '<P>'; done; echo; } > deeper.rm5
rejected "rm5 nested deeper than libxml2 parses: no XML_PARSE_HUGE" deeper.rm5 \
    "srw: deeper.rm5:2:786: elements nested more than 100 deep, srw's limit for a RevMan file (RevMan's own files nest about 10): is this a RevMan 5 file?"

# --- RevMan 5's CSV export and RevMan Web ----------------------------------------------
: > empty_export.csv
rejected "revman-csv empty (was file:line)" empty_export.csv \
    "srw: empty_export.csv:1:1: the file is empty (RevMan's header row is required)" --revman-csv
printf 'Comparison Number,Outcome Number,Name\n1,0,x\n' > nocol.csv
rejected "revman-csv without a column (was file:line)" nocol.csv \
    "srw: nocol.csv:1:1: not a RevMan \"Data and analyses\" CSV: no 'Subgroup Number' column" --revman-csv
E='Comparison Number,Outcome Number,Subgroup Number,Name,Data Type,Statistical Method,Effect Measure,Analysis Model,Events 1,Total 1,Events 2,Total 2'
printf '%s\n1,0,0,Aspirin,,,,,,,,\n1,1,0,Death,DIC,MH,OR,Fixed,,,,\n1,1,0,MRC-1,,,,,68,615,67,6\n' "$E" > export_rule.csv
rejected "revman-csv record rule (was file:line)" export_rule.csv \
    "srw: export_rule.csv:4:11: analysis 1.1, study 'MRC-1': ctl_events: 67 events exceed ctl_total 6" --revman-csv
printf '%s\n1,0,0,Peto,,,,,,,,\n1,1,0,Death,OE,PETO,PETO_OR,Fixed,,,,\n1,1,0,MRC-1,,,,,,,,\n' "$E" > export_ipd.csv
rejected "revman-csv O-E without variance (was file:line)" export_ipd.csv \
    "srw: export_ipd.csv:4:4: analysis 1.1: study 'MRC-1' needs O-E and a positive variance" --revman-csv
mkdir -p web && cp "$rm5_dir"/web-fleiss/*.csv web/
o=web/921923100913455418-overall-estimates-and-settings.csv
{ cat "$o"; tail -n 1 "$o"; } > web/twice.tmp && mv web/twice.tmp "$o"
rejected "revman-web analysis twice (was file:line)" web \
    "srw: web/921923100913455418-overall-estimates-and-settings.csv:4:2: analysis 1.2 appears twice" --revman-web
cp "$rm5_dir"/web-fleiss/*.csv web/
printf 'Judgement\nlow\n' > web/921923100913455418-risk-of-bias.csv
rejected "revman-web risk of bias without a Study column (was file:line)" web \
    "srw: web/921923100913455418-risk-of-bias.csv:1:1: no 'Study' column" --revman-web

# --- a directory where a file belongs --------------------------------------------------
mkdir -p folder
rejected "directory of CSV files" folder \
    "srw: folder is a directory, and no RevMan Web data package (no *-overall-estimates-and-settings.csv and *-data-rows.csv up to four levels down): to import the CSV files in it, name them (srw import folder/*.csv)"
rejected "directory as --revman-csv" folder \
    "srw: folder is a directory, not a CSV file: to import the CSV files in it, name them (srw import folder/*.csv)" --revman-csv
rejected "directory as --rm5" folder "srw: folder is a directory, not a RevMan 5 file (.rm5)" --rm5

if [ "$(cat loc.db loc.db-wal 2>/dev/null | sha256sum)" = "$loc_before" ]; then ok; else
    bad "a rejected input changed the database"; fi
cd "$work" || return
