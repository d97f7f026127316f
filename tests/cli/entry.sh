# End-to-end tests of reviewer data entry (srw add / edit / remove / rob /
# export / history / reconcile / merge).  Sourced by tests/cli/run.sh, whose
# run / contains / same_err / ok / bad helpers and counters it uses; runs in
# its own directory under run.sh's scratch directory.
mkdir -p "$work/entry" && cd "$work/entry" || return
U="low back pain"
O="Pain relief >50%, 3 weeks"
OC="Pain, 4 weeks"
A=(--use "$U" --outcome "$O")

run "entry init" 0 "$SRW" init

# --- add from arguments; piped input never prompts ----------------------------
run "add alice" 0 "$SRW" add --reviewer alice "${A[@]}" --study "Foster 2001" type=dichotomous \
    exp_events=11 exp_total=15 ctl_events=4 ctl_total=16 year=2001 direction=higher_is_better \
    source="Foster L et al. Neurology 2001;56(10):1290-3" < /dev/null
contains "add says added" out "low back pain / Pain relief >50%, 3 weeks / Foster 2001: alice's record added"
# A label with a space after it is the same study (as in a CSV field): the
# change keeps the record's other fields (it used to clear them).
run "add, label with a trailing space" 0 "$SRW" add --reviewer alice "${A[@]}" --study "Foster 2001 " \
    exp_events=12 < /dev/null
contains "trailing space: same record" out "Foster 2001: alice's record changed"
run "trailing space: source kept" 0 "$SRW" export --csv -
contains "trailing space: source kept" out 'Foster L et al. Neurology 2001;56(10):1290-3'
run "add, back to 11" 0 "$SRW" add --reviewer alice "${A[@]}" --study "Foster 2001" exp_events=11 < /dev/null
# The key is not a field: study= (or outcome=, use=) used to add a copy of
# the record under the new key and keep the old one, pooled twice.
before_key=$(cat review.db review.db-wal 2>/dev/null | sha256sum)
run "edit study= refused" 2 "$SRW" edit --reviewer alice "${A[@]}" --study "Foster 2001" --reason r study=Foo
same_err "edit study= refused" "srw: study: the study names the record (--study) and is not one of its fields; to move a record, remove it (srw remove) and add it under the other study"
run "add outcome= refused" 2 "$SRW" add --reviewer alice "${A[@]}" --study "Foster 2001" outcome=Other < /dev/null
if [ "$(cat review.db review.db-wal 2>/dev/null | sha256sum)" = "$before_key" ]; then ok; else bad "a refused key field changed the database"; fi
run "add, a label that shows as nothing" 1 "$SRW" add --reviewer alice "${A[@]}" --study $'\u200b' type=dichotomous \
    exp_events=1 exp_total=15 ctl_events=4 ctl_total=16 source=s < /dev/null
contains "add, a label that shows as nothing" err "shows as nothing (only spaces or invisible characters)"
# The same trial under a label differing only in case or spacing, in the
# same outcome: refused (it became a second study, pooled twice), for
# another reviewer too; nothing written.
before_case=$(cat review.db review.db-wal 2>/dev/null | sha256sum)
run "add, label in other case" 1 "$SRW" add --reviewer bob "${A[@]}" --study "foster  2001" type=dichotomous \
    exp_events=11 exp_total=15 ctl_events=4 ctl_total=16 source=s < /dev/null
same_err "add, label in other case" "srw: entry: study: study 'foster  2001' in outcome 'Pain relief >50%, 3 weeks' of 'low back pain' differs only in letter case or spacing from 'Foster 2001', which the outcome already holds: the same trial twice? (give it one label)"
if [ "$(cat review.db review.db-wal 2>/dev/null | sha256sum)" = "$before_case" ]; then ok; else bad "a refused label variant changed the database"; fi
# A blank does not clear a study's or an outcome's setting (kept for every
# reviewer): refused, where it used to say "unchanged" and keep the value.
run "edit year= refused" 2 "$SRW" edit --reviewer alice "${A[@]}" --study "Foster 2001" --reason r year=
same_err "edit year= refused" "srw: year: a blank does not clear the study's year (2001): it is kept for every reviewer; give another value to change it"
run "edit type= refused" 1 "$SRW" edit --reviewer alice "${A[@]}" --study "Foster 2001" --reason r type=
same_err "edit type= refused" "srw: type: type must be dichotomous, continuous or generic"
run "edit year=' ' refused" 2 "$SRW" edit --reviewer alice "${A[@]}" --study "Foster 2001" --reason r "year= "
contains "edit year=' ' refused" err "a blank does not clear the study's year"
run "edit direction= refused" 2 "$SRW" edit --reviewer alice "${A[@]}" --study "Foster 2001" --reason r direction=
contains "edit direction= refused" err "does not clear the outcome's direction (higher_is_better)"
run "add missing field, piped" 1 "$SRW" add --reviewer alice "${A[@]}" --study "Jabbari 2006" \
    exp_events=5 exp_total=10 ctl_events=2 < /dev/null
same_err "add missing field, piped" "srw: ctl_total: a dichotomous record needs ctl_total"
run "add no fields, piped" 1 "$SRW" add --reviewer alice "${A[@]}" --study "Jabbari 2006" < /dev/null
same_err "add no fields, piped" "srw: exp_events: a dichotomous record needs exp_events"
run "add breaks a rule" 1 "$SRW" add --reviewer alice "${A[@]}" --study "Jabbari 2006" \
    exp_events=31 exp_total=30 ctl_events=2 ctl_total=9 < /dev/null
same_err "add breaks a rule" "srw: exp_events: 31 events exceed exp_total 30"
run "add bad number" 1 "$SRW" add --reviewer alice "${A[@]}" --study "Jabbari 2006" \
    exp_events=five exp_total=30 ctl_events=2 ctl_total=9 < /dev/null
same_err "add bad number" "srw: exp_events: 'five' is not a number"
run "add unknown field" 2 "$SRW" add --reviewer alice "${A[@]}" --study "Jabbari 2006" exp_evnts=5 < /dev/null
contains "add unknown field named" err "unknown field 'exp_evnts'"
run "add type conflict" 1 "$SRW" add --reviewer alice "${A[@]}" --study "Jabbari 2006" type=generic \
    estimate=0.5 se=0.2 < /dev/null
contains "add type conflict" err "already in the database as dichotomous"
run "add without study" 2 "$SRW" add --reviewer alice "${A[@]}" exp_events=1

# --- the prompt, driven through a pseudo-terminal ------------------------------
cat > pty_add.py <<'PY'
# Run argv[1:] on a pseudo-terminal, answering each prompt ("...: ") with
# the next line of the ANSWERS environment variable; print the transcript.
# When the answers run out, the next prompt gets end of input (Ctrl-D).
import os, pty, signal, sys, select
answers = os.environ["ANSWERS"].split("\n")
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
sent = 0
while True:
    r, _, _ = select.select([fd], [], [], 10)
    if not r:
        os.kill(pid, signal.SIGKILL)  # hung: fail rather than block the suite
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
    if out.rstrip(b" ").endswith(b":"):
        if sent < len(answers):
            os.write(fd, (answers[sent] + "\n").encode())
            sent += 1
            out += b"\n"
        else:
            os.write(fd, b"\x04")
            out += b"^D\n"
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
PY
if command -v python3 >/dev/null; then
    # a bad answer (events above the total) is refused at once and asked again
    ANSWERS=$'5\n3\n10\n2\n9\n2006\n\n\n\n\n\n\n\n\nSpine 2006 table 2\n' \
        run "add prompts on a terminal" 0 python3 pty_add.py "$SRW" add --reviewer alice "${A[@]}" --study "Jabbari 2006"
    contains "prompt shows the type" out "Outcome type dichotomous: events and total per arm"
    contains "prompt refuses a bad answer" out "not accepted: exp_events: 5 events exceed exp_total 3; try again"
    contains "prompt record added" out "Jabbari 2006: alice's record added"
    run "prompted record stored" 0 "$SRW" export --reviewer alice --csv alice.csv
    contains "prompted values" alice.csv "Jabbari 2006,2006,low back pain,\"Pain relief >50%, 3 weeks\",dichotomous,,,,,5,10,2,9,"
    contains "prompted source" alice.csv "Spine 2006 table 2"
    ANSWERS=$'7\n' run "prompt ended early" 1 python3 pty_add.py "$SRW" add --reviewer alice "${A[@]}" --study "Brin 2009"
    contains "prompt ended early says so" out "srw: input ended before the record was complete; nothing written"
    run "nothing written after an ended prompt" 0 "$SRW" export --reviewer alice --csv alice1.csv
    if grep -q "Brin 2009" alice1.csv; then bad "an abandoned prompt wrote a record"; else ok; fi
else
    echo "skip: python3 missing, the pseudo-terminal prompt test did not run"
fi

# --- a second reviewer: side by side, not overwritten ---------------------------
run "add bob" 0 "$SRW" add --reviewer bob "${A[@]}" --study "Foster 2001" \
    exp_events=12 exp_total=15 ctl_events=4 ctl_total=16 < /dev/null
run "rob alice" 0 "$SRW" rob --reviewer alice --study "Foster 2001" sequence=low rob_allocation=unclear \
    --support "computer-generated list (p. 1291)"
run "rob bob" 0 "$SRW" rob --reviewer bob --study "Foster 2001" sequence=low allocation=low
run "rob bad judgement" 2 "$SRW" rob --reviewer bob --study "Foster 2001" sequence=maybe
same_err "rob bad judgement" "srw: sequence: 'maybe' is not low, high or unclear"
run "rob a domain twice" 2 "$SRW" rob --reviewer bob --study "Foster 2001" sequence=low sequence=high
same_err "rob a domain twice" "srw: sequence is judged twice in one command"
# A judgement changed without --support keeps the support it had (the
# trail has the judgement's change and no change of the support); then
# back as it was.
run "rob alice, allocation changed" 0 "$SRW" rob --reviewer alice --study "Foster 2001" allocation=high
run "support kept" 0 "$SRW" history --study "Foster 2001"
if [ "$(grep -cF "rob_allocation_support" out)" = 1 ] && grep -F "rob_allocation " out | grep -qF "high"; then ok
else bad "support cleared by a rob without --support"; grep -F rob_allocation out; fi
run "rob alice, allocation back" 0 "$SRW" rob --reviewer alice --study "Foster 2001" allocation=unclear
# An empty --support clears the text, with its row in the trail; the
# judgement, unchanged, gets none.
run "rob alice, support cleared" 0 "$SRW" rob --reviewer alice --study "Foster 2001" allocation=unclear --support ""
run "support cleared in the trail" 0 "$SRW" history --study "Foster 2001"
if [ "$(grep -cF "rob_allocation_support" out)" = 2 ]; then ok; else bad "a cleared support left no trail row"; grep -F rob_allocation out; fi
run "rob alice, support back" 0 "$SRW" rob --reviewer alice --study "Foster 2001" allocation=unclear \
    --support "computer-generated list (p. 1291)"
run "rob unknown study" 1 "$SRW" rob --reviewer bob --study "Nobody 1999" sequence=low
run "list shows both" 0 "$SRW" list extractions --json
contains "alice kept" out '"reviewer": "alice"'
contains "bob kept" out '"reviewer": "bob"'
contains "awaiting status" out '"status": "awaiting reconciliation"'
run "analyse leaves out the disputed record" 0 "$SRW" analyse --use "$U" --outcome "$O" --json
if grep -q "Foster 2001" out; then bad "a record awaiting reconciliation entered the analysis"; else ok; fi

# --- reconcile: differences, agreement, adjudication ----------------------------
run "reconcile lists" 0 "$SRW" reconcile --use "$U"
contains "reconcile counts" out "1 awaiting reconciliation"
contains "reconcile field" out "  exp_events: alice 11 | bob 12"
contains "reconcile rob" out "  rob_allocation: alice unclear | bob low"
contains "reconcile agreement" out "exp_events     0/1    0.0%"
contains "reconcile kappa" out "alice vs bob: 2 judgements, 50.0% agree, kappa 0.00"
run "reconcile json" 0 "$SRW" reconcile --use "$U" --json
contains "reconcile json kappa" out '"kappa": 0'
run "adjudicate needs reason" 2 "$SRW" reconcile --use "$U" --study "Foster 2001" --outcome "$O" --accept alice
run "adjudicate unknown reviewer" 1 "$SRW" reconcile --use "$U" --study "Foster 2001" --outcome "$O" \
    --accept zed --reason x
contains "adjudicate unknown reviewer" err "zed has no extraction of 'Foster 2001'"
run "adjudicate without deciding" 1 "$SRW" reconcile --use "$U" --study "Foster 2001" --outcome "$O" \
    --set source=x --reason x --reviewer carol
contains "undecided field named" err "the reviewers differ on exp_events (alice: 11, bob: 12)"
run "adjudicate record" 0 "$SRW" reconcile --use "$U" --study "Foster 2001" --outcome "$O" \
    --accept alice --reason "table 2 gives 11 of 15" --reviewer carol
run "adjudicate rob" 0 "$SRW" reconcile --use "$U" --study "Foster 2001" --set allocation=unclear \
    --reason "method of concealment not described" --reviewer carol
run "reconciled" 0 "$SRW" reconcile --use "$U"
contains "nothing awaiting" out "0 awaiting reconciliation"
run "analyse takes the adjudicated record" 0 "$SRW" analyse --use "$U" --outcome "$O" --json
contains "adjudicated record analysed" out "Foster 2001"
run "edit after adjudication" 0 "$SRW" edit --reviewer bob "${A[@]}" --study "Foster 2001" exp_events=11 \
    --reason "rechecked"
run "reconcile flags the change" 0 "$SRW" reconcile --use "$U"
if grep -A1 -F "Changed since adjudication" out | grep -qxF "Pain relief >50%, 3 weeks / Foster 2001"; then ok
else bad "reconcile does not flag an extraction changed after adjudication"; sed 's/^/    /' out; fi
run "re-adjudicate" 0 "$SRW" reconcile --use "$U" --study "Foster 2001" --outcome "$O" --accept bob \
    --reason "both now agree" --reviewer carol
run "re-adjudicated" 0 "$SRW" reconcile --use "$U"
if grep -q "Changed since adjudication" out; then bad "a re-adjudicated record is still flagged"; else ok; fi

# --- edit and remove keep the earlier values in the trail ------------------------
run "edit" 0 "$SRW" edit --reviewer alice "${A[@]}" --study "Jabbari 2006" --reason "misread table" ctl_events=3
contains "edit reported" out "ctl_events 2 -> 3"
run "edit missing record" 1 "$SRW" edit --reviewer dave "${A[@]}" --study "Jabbari 2006" ctl_events=3
run "remove needs reason" 2 "$SRW" remove --reviewer alice "${A[@]}" --study "Jabbari 2006"
same_err "remove needs reason" "srw: remove needs --reason TEXT (kept in the audit trail)"
run "remove" 0 "$SRW" remove --reviewer alice "${A[@]}" --study "Jabbari 2006" --reason "not randomised"
run "removed record gone" 0 "$SRW" export --reviewer alice --csv alice2.csv
if grep -q "Jabbari" alice2.csv; then bad "a removed record is still exported"; else ok; fi
run "history" 0 "$SRW" history --study "Jabbari 2006" --json
contains "history edit old" out '"old": "2"'
contains "history edit new" out '"new": "3"'
contains "history edit reason" out '"reason": "misread table"'
contains "history removal reason" out '"reason": "not randomised"'
contains "history removed values" out '"old": "type=dichotomous; exp_events=5; exp_total=10; ctl_events=3; ctl_total=9; source=Spine 2006 table 2"'
run "history adjudication" 0 "$SRW" history --study "Foster 2001"
contains "history adjudicator" out "carol"
if sqlite3 -version >/dev/null 2>&1; then
    if sqlite3 review.db "DELETE FROM audit" 2>/dev/null; then bad "the audit trail accepted a DELETE"; else ok; fi
fi

# --- export / import round trip ---------------------------------------------------
# A record with the warning fields (srw add reads them like the import).
run "add with randomised, scale, measured_as" 0 "$SRW" add --reviewer alice --use "$U" --outcome "Disability, 6 weeks" \
    --study "Foster 2001" type=continuous exp_mean=10 exp_sd=4 exp_total=15 ctl_mean=12.5 ctl_sd=4.5 ctl_total=16 \
    randomised=31 scale_min=0 scale_max=24 measured_as=final < /dev/null
run "add bad measured_as" 1 "$SRW" add --reviewer alice --use "$U" --outcome "Disability, 6 weeks" \
    --study "Jabbari 2006" type=continuous exp_mean=10 exp_sd=4 exp_total=15 ctl_mean=12 ctl_sd=4 ctl_total=16 \
    measured_as=baseline < /dev/null
same_err "add bad measured_as" "srw: measured_as: 'baseline' is not change or final"
run "export csv" 0 "$SRW" export --csv all.csv
contains "export writes the new columns" all.csv ",rob_source,randomised,scale_min,scale_max,measured_as"
contains "export writes the new values" all.csv ",31,0,24,final"
run "export json" 0 "$SRW" export --json all.json
contains "export json value" all.json '"exp_events": 11'
run "round trip init" 0 "$SRW" init --db copy.db
run "round trip import" 0 "$SRW" import --db copy.db all.csv
run "round trip export" 0 "$SRW" export --db copy.db --csv again.csv
if cmp -s all.csv again.csv; then ok; else bad "import(export(db)) differs"; diff all.csv again.csv | head; fi

# --- risk-of-bias support text: imported, exported, imported again -------------
H="study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,rob_allocation,rob_allocation_support,source"
printf '%s\nS1,u,o,dichotomous,1,10,2,10,low,"sealed envelopes, p. 3",s\nS1,u,o2,dichotomous,1,10,2,10,low,,s\n' "$H" > sup.csv
run "support init" 0 "$SRW" init --db sup.db
run "support import" 0 "$SRW" import --db sup.db sup.csv
run "support export" 0 "$SRW" export --db sup.db --csv sup_out.csv
contains "support exported" sup_out.csv '"sealed envelopes, p. 3"'
run "support again init" 0 "$SRW" init --db sup2.db
run "support again import" 0 "$SRW" import --db sup2.db sup_out.csv
run "support again export" 0 "$SRW" export --db sup2.db --csv sup_out2.csv
if cmp -s sup_out.csv sup_out2.csv; then ok; else bad "support: import(export(db)) differs"; diff sup_out.csv sup_out2.csv | head; fi
# The same re-import changes nothing; another text is a listed change with
# its row in the trail; a row without the text keeps it.
before_sup=$(cat sup.db sup.db-wal 2>/dev/null | sha256sum)
run "support re-import" 0 "$SRW" import --db sup.db sup.csv
if [ "$(cat sup.db sup.db-wal 2>/dev/null | sha256sum)" = "$before_sup" ]; then ok; else bad "an unchanged support re-import wrote"; fi
printf '%s\nS1,u,o,dichotomous,1,10,2,10,low,"opaque envelopes, p. 4",s\n' "$H" > sup_b.csv
run "support changed" 0 "$SRW" import --db sup.db sup_b.csv
contains "support change listed" out "risk of bias of 'S1', Allocation concealment: support changed"
run "support trail" 0 "$SRW" history --db sup.db --study S1
contains "support trail row" out "opaque envelopes, p. 4"
# Refused: a support without its judgement; two texts in one file; two
# texts in two files of one import.
printf '%s\nS2,u,o,dichotomous,1,10,2,10,,"no judgement",s\n' "$H" > sup_c.csv
run "support without judgement" 1 "$SRW" import --db sup.db sup_c.csv
same_err "support without judgement" "srw: sup_c.csv:2:10: rob_allocation_support: support for a judgement that the row does not give: fill in rob_allocation"
printf '%s\nS3,u,o,dichotomous,1,10,2,10,low,one,s\nS3,u,o2,dichotomous,1,10,2,10,low,two,s\n' "$H" > sup_d.csv
run "two supports in one file" 1 "$SRW" import --db sup.db sup_d.csv
same_err "two supports in one file" "srw: sup_d.csv:3:10: rob_allocation_support: study 'S3' has another support for its Allocation concealment judgement here than on line 2 (one text per study and domain)"
printf '%s\nS3,u,o,dichotomous,1,10,2,10,low,one,s\n' "$H" > sup_e.csv
printf '%s\nS3,u,o2,dichotomous,1,10,2,10,low,two,s\n' "$H" > sup_f.csv
before_sup=$(cat sup.db sup.db-wal 2>/dev/null | sha256sum)
run "two supports in two files" 1 "$SRW" import --db sup.db sup_e.csv sup_f.csv
same_err "two supports in two files" "srw: sup_f.csv:2:10: rob_allocation_support: study 'S3' has another support for its Allocation concealment judgement here than in an earlier file of this import (one text per study and domain)"
if [ "$(cat sup.db sup.db-wal 2>/dev/null | sha256sum)" = "$before_sup" ]; then ok; else bad "a refused support import wrote"; fi

# Another support text for the same judgement in the other file is another
# version: a conflict, kept under the other file's name for reconciliation.
printf '%s\nS1,u,o,dichotomous,1,10,2,10,low,"computer list, p. 3",s\n' "$H" > sup_m.csv
run "support merge: init" 0 "$SRW" init --db supm.db
run "support merge: import" 0 "$SRW" import --db supm.db --reviewer alice sup_m.csv
run "support merge: init other" 0 "$SRW" init --db supm2.db
run "support merge: import other" 0 "$SRW" import --db supm2.db --reviewer alice sup.csv
run "support merge" 0 "$SRW" merge --db supm.db supm2.db
contains "support merge: a conflict" out "1 conflict (see srw reconcile)"
if sqlite3 -version >/dev/null 2>&1; then
    if [ "$(sqlite3 supm.db "SELECT count(*) FROM rob WHERE support = 'sealed envelopes, p. 3' AND reviewer LIKE 'alice@%'")" = 1 ]; then ok
    else bad "support merge: the other file's text was not kept"; fi
fi

# Two reviewers' support texts: the adjudication takes the accepted one's,
# or the one set with --set rob_<domain>_support, each with its trail row.
printf '%s\nS1,u,o,dichotomous,1,10,2,10,low,"text A",s\n' "$H" > sup_ra.csv
printf '%s\nS1,u,o,dichotomous,1,10,2,10,low,"text B",s\n' "$H" > sup_rb.csv
run "support reconcile: init" 0 "$SRW" init --db supr.db
run "support reconcile: alice" 0 "$SRW" import --db supr.db --reviewer alice sup_ra.csv
run "support reconcile: bob" 0 "$SRW" import --db supr.db --reviewer bob sup_rb.csv
run "support reconcile: accept bob" 0 "$SRW" reconcile --db supr.db --use u --study S1 --accept bob --reason "p. 4" --reviewer carol
run "support reconcile: the record" 0 "$SRW" reconcile --db supr.db --use u --study S1 --outcome o --accept bob --reason same --reviewer carol
run "support reconcile: export" 0 "$SRW" export --db supr.db --csv supr.csv
contains "support reconcile: bob's text adjudicated" supr.csv ',text B,'
run "support reconcile: set" 0 "$SRW" reconcile --db supr.db --use u --study S1 --set rob_allocation_support="text C" --reason own --reviewer carol
run "support reconcile: export after set" 0 "$SRW" export --db supr.db --csv supr2.csv
contains "support reconcile: the text set" supr2.csv ',text C,'
run "support reconcile: trail" 0 "$SRW" history --db supr.db --study S1
contains "support reconcile: trail row" out "text C"
printf '%s\nS9,u,o,dichotomous,1,10,2,10,low,"two\nlines",s\n' "$H" > sup_nl.csv
run "support: a line break" 0 "$SRW" import --db supr.db sup_nl.csv
run "support: history of a line break" 0 "$SRW" history --db supr.db --study S9
contains "support: the line break shown as a space" out "two lines"
# An adjudicated support cleared (no text set, none shared) has its trail
# row; a judgement set other than the accepted reviewer's takes none of
# their text; a reviewer without judgements cannot be accepted.
run "support reconcile: clear" 0 "$SRW" reconcile --db supr.db --use u --study S1 --accept alice \
    --set rob_allocation_support= --reason clear --reviewer carol
run "support reconcile: trail of the clearing" 0 "$SRW" history --db supr.db --study S1 --json
contains "support reconcile: cleared in the trail" out '"old": "text C"'
run "support reconcile: set against the accepted" 0 "$SRW" reconcile --db supr.db --use u --study S1 --accept alice \
    --set rob_allocation=high --reason other --reviewer carol
run "support reconcile: export" 0 "$SRW" export --db supr.db --csv supr3.csv
if grep -q "text A" supr3.csv; then bad "support reconcile: alice's text went with a judgement she did not make"; else ok; fi
run "support reconcile: accept nobody" 1 "$SRW" reconcile --db supr.db --use u --study S1 --accept nobody \
    --set rob_allocation=low --reason x --reviewer carol
same_err "support reconcile: accept nobody" "srw: nobody has no risk-of-bias judgement of 'S1' to accept"
run "support: a blank in an edit" 2 "$SRW" edit --db supr.db --use u --outcome o --study S1 --reviewer alice \
    rob_allocation_support= --reason r < /dev/null
same_err "support: a blank in an edit" "srw: rob_allocation_support: a blank does not clear rob_allocation_support (text A): a blank means not stated, as in an import; give another value to change it (srw rob)"

# --- two reviewers on two machines: merge ---------------------------------------
run "merge init a" 0 "$SRW" init --db a.db
run "merge init b" 0 "$SRW" init --db b.db
run "merge add a" 0 "$SRW" add --db a.db --reviewer alice --use "$U" --outcome "$OC" --study "Ojala 2006" \
    type=continuous exp_mean=4.1 exp_sd=2.2 exp_total=15 ctl_mean=4.9 ctl_sd=2.4 ctl_total=16 < /dev/null
run "merge add b" 0 "$SRW" add --db b.db --reviewer bob --use "$U" --outcome "$OC" --study "Ojala 2006" \
    type=continuous exp_mean=4.1 exp_sd=2.2 exp_total=15 ctl_mean=4.9 ctl_sd=2.5 ctl_total=16 < /dev/null
run "merge add b2" 0 "$SRW" add --db b.db --reviewer bob --use "$U" --outcome "$OC" --study "Wicks 2008" \
    type=continuous exp_mean=3.0 exp_sd=1.1 exp_total=20 ctl_mean=3.2 ctl_sd=1.0 ctl_total=20 < /dev/null
run "merge" 0 "$SRW" merge --db a.db b.db
contains "merge counts" out "2 records and 0 risk-of-bias judgements merged"
before_merge=$(cat a.db a.db-wal 2>/dev/null | sha256sum)
run "merge again" 0 "$SRW" merge --db a.db b.db
contains "merge idempotent" out "0 records and 0 risk-of-bias judgements merged, 2 already here"
if [ "$(cat a.db a.db-wal 2>/dev/null | sha256sum)" = "$before_merge" ]; then ok; else bad "a merge that brought nothing changed the file"; fi
run "merged conflict shows" 0 "$SRW" reconcile --db a.db --use "$U"
contains "merged difference" out "  ctl_sd: alice 2.4 | bob 2.5"
run "merged single-reviewer record analysed" 0 "$SRW" analyse --db a.db --use "$U" --outcome "$OC" --json
contains "single reviewer analysed" out "Wicks 2008"
run "merge missing file" 1 "$SRW" merge --db a.db nonexistent.db

# --- the single-reviewer policy ------------------------------------------------------
run "policy not allowed" 0 "$SRW" reconcile --db a.db --single-reviewer not-allowed
# Ojala awaits reconciliation and Wicks has one reviewer only: nothing left.
run "policy analyse" 1 "$SRW" analyse --db a.db --use "$U" --outcome "$OC" --json
contains "policy leaves out the single-reviewer record" err "records to analyse"
run "policy allowed again" 0 "$SRW" reconcile --db a.db --single-reviewer allowed
before_policy=$(cat a.db a.db-wal 2>/dev/null | sha256sum)
run "policy allowed, as it is" 0 "$SRW" reconcile --db a.db --single-reviewer allowed
if [ "$(cat a.db a.db-wal 2>/dev/null | sha256sum)" = "$before_policy" ]; then ok; else bad "setting the policy it has changed the file"; fi
run "policy bad value" 2 "$SRW" reconcile --db a.db --single-reviewer maybe

# --- warnings: entered, but flagged ---------------------------------------------------
run "add an SD that looks like an SE" 0 "$SRW" add --db a.db --reviewer alice --use "$U" --outcome "$OC" \
    --study "Small 2010" type=continuous exp_mean=4.0 exp_sd=0.4 exp_total=30 ctl_mean=4.5 ctl_sd=2.3 \
    ctl_total=30 < /dev/null
contains "warning at entry" out "warning: low back pain / Pain, 4 weeks / Small 2010: exp_sd: 0.4 looks like a standard error"
run "warning in list" 0 "$SRW" list --db a.db extractions --json
contains "warning listed" out '"warnings": "exp_sd: 0.4 looks like a standard error (SD x sqrt(30) = 2.19 is close to the outcome'"'"'s typical SD 2.2)"'

# The other three warnings, from one import (the context includes the batch).
cat > warn.csv <<'CSV'
study,year,use,outcome,type,exp_mean,exp_sd,exp_total,ctl_mean,ctl_sd,ctl_total,randomised,scale_min,scale_max,measured_as,source
Test A,,neck pain,"NDI, 8 weeks",continuous,12.5,6.1,20,14.0,6.3,20,45,0,50,final,constructed test values (not a real trial)
Test B,,neck pain,"NDI, 8 weeks",continuous,52.5,6.8,25,15.0,6.2,25,,0,50,final,constructed test values (not a real trial)
Test C,,neck pain,"NDI, 8 weeks",continuous,-4.0,5.9,30,-1.5,6.0,30,60,0,50,change,constructed test values (not a real trial)
CSV
run "import with warnings init" 0 "$SRW" init --db w.db
run "import with warnings" 0 "$SRW" import --db w.db warn.csv
contains "warning: randomised" out "warning: neck pain / NDI, 8 weeks / Test A: exp_total + ctl_total: 20 + 20 = 40 differs from the 45 randomised in the study"
contains "warning: scale" out "warning: neck pain / NDI, 8 weeks / Test B: exp_mean: 52.5 is outside the outcome's scale range 0 to 50"
contains "warning: change vs final" out "warning: neck pain / NDI, 8 weeks / Test C: measured_as: change, but the outcome mixes change scores (1 study) with final values (2 studies)"
run "warnings in list" 0 "$SRW" list --db w.db extractions --json
contains "listed: randomised" out '"warnings": "exp_total + ctl_total: 20 + 20 = 40 differs from the 45 randomised in the study"'
contains "listed: scale" out '"warnings": "exp_mean: 52.5 is outside the outcome'"'"'s scale range 0 to 50"'
contains "listed: change vs final" out '"warnings": "measured_as: change, but the outcome mixes change scores (1 study) with final values (2 studies)"'
run "report shows warnings" 0 "$SRW" report --db w.db --out wrep
contains "report (Markdown) lists the warnings" wrep/neck-pain.md "- Test B: exp\\_mean: 52.5 is outside the outcome's scale range 0 to 50"
contains "report (HTML) lists the warnings" wrep/neck-pain.html "<li>Test C: measured_as: change, but the outcome mixes change scores (1 study) with final values (2 studies)</li>"
printf '%s\n' 'study,use,outcome,type,exp_mean,exp_sd,exp_total,ctl_mean,ctl_sd,ctl_total,measured_as' \
    'Test D,neck pain,"NDI, 8 weeks",continuous,10,6,20,12,6,20,finale' > badm.csv
run "bad measured_as" 1 "$SRW" import --db w.db badm.csv
same_err "bad measured_as" "srw: badm.csv:2:11: measured_as: 'finale' is not change or final"
printf '%s\n' 'study,use,outcome,type,exp_mean,exp_sd,exp_total,ctl_mean,ctl_sd,ctl_total,scale_min,scale_max' \
    'Test D,neck pain,"NDI, 8 weeks",continuous,10,6,20,12,6,20,50,0' > bads.csv
run "scale_min >= scale_max" 1 "$SRW" import --db w.db bads.csv
same_err "scale_min >= scale_max" "srw: bads.csv:2:11: scale_min: scale_min 50 must be below scale_max 0"
# merge carries randomised, the scale and measured_as (the warnings come along)
run "merge warning fields init" 0 "$SRW" init --db w2.db
run "merge warning fields" 0 "$SRW" merge --db w2.db w.db
run "merge warning fields export a" 0 "$SRW" export --db w.db --csv w1.csv
run "merge warning fields export b" 0 "$SRW" export --db w2.db --csv w2.csv
if cmp -s w1.csv w2.csv; then ok; else bad "merge lost a warning field"; diff w1.csv w2.csv | head; fi
run "merged warnings in list" 0 "$SRW" list --db w2.db extractions --json
contains "merged: randomised" out '"warnings": "exp_total + ctl_total: 20 + 20 = 40 differs from the 45 randomised in the study"'

cd "$work" || return
