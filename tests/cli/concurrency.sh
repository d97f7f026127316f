# Writers that wait and crashes that lose nothing.  Sourced by
# tests/cli/run.sh (its run / contains / ok / bad helpers and counters);
# runs in its own directory under run.sh's scratch directory.
mkdir -p "$work/concurrency" && cd "$work/concurrency" || return

# --- three writers at once: every record stored, none refused ------------------
# srw add begins its transaction as a writer (BEGIN IMMEDIATE), so SQLite's
# busy timeout applies; a deferred one failed at once ("database is locked").
run "concurrency init" 0 "$SRW" init
writer() { # NAME: 50 records of its own
    local i rc=0
    for i in $(seq 1 50); do
        "$SRW" add --reviewer "$1" --use u --outcome o --study "$1 study $i" type=dichotomous exp_events=1 \
            exp_total=10 ctl_events=2 ctl_total=10 source=s < /dev/null > /dev/null 2>> "$1.err" || rc=1
    done
    return $rc
}
writer ann & a=$!
writer ben & b=$!
writer cat & c=$!
fails=0
for p in $a $b $c; do wait "$p" || fails=$((fails + 1)); done
if [ "$fails" -eq 0 ]; then ok; else bad "concurrent writers: $fails of 3 had a refused add"; cat ./*.err | head -5; fi
run "concurrent writers: list" 0 "$SRW" list records --json
n=$(grep -c '"study":' out)
if [ "$n" -eq 150 ]; then ok; else bad "concurrent writers: $n of 150 records stored"; fi

# --- an import killed at random moments: the database as before, or as after ---
# A file past the bulk threshold (16 MiB: the rollback-journal path) killed
# with SIGKILL part way: the database holds exactly what it held before, or
# the whole import (a run that finished first), never part of it.
root=${DATA%/tests/data/import}
if cc -O2 -o gen "$root/bench/gen.c" -lm 2> /dev/null; then
    ./gen --rows 140000 > big.csv
    state() { "$SRW" list --db "$1" uses --json | sha256sum; }
    run "kill: reference init" 0 "$SRW" init --db ref.db
    run "kill: reference import" 0 "$SRW" import --quiet --db ref.db "$root/studies/uses.csv" big.csv
    after=$(state ref.db)
    run "kill: init" 0 "$SRW" init --db k.db
    run "kill: a first import" 0 "$SRW" import --quiet --db k.db "$root/studies/uses.csv"
    before=$(state k.db)
    for delay in 0.3 0.8 1.5; do
        "$SRW" import --quiet --db k.db big.csv > /dev/null 2>&1 & pid=$!
        sleep "$delay"
        kill -9 "$pid" 2> /dev/null
        wait "$pid" 2> /dev/null
        now=$(state k.db)
        if [ "$now" = "$before" ]; then ok
        elif [ "$now" = "$after" ]; then ok; break # it finished before the kill
        else bad "import killed after ${delay}s: the database is neither as before nor as after"; break; fi
    done
fi

# --- analyse --all on several threads: the output of one, byte for byte ------
# Each thread reads its share of the outcomes through a connection of its
# own; the runs are written in the scan's order (src/cli/analyse_all.c).
if [ -x gen ]; then
    ./gen 200 > many.csv
    run "jobs: init" 0 "$SRW" init --db many.db
    run "jobs: import" 0 "$SRW" import --quiet --db many.db many.csv
    for fmt in --json --jsonl text; do
        f=$fmt; [ "$fmt" = text ] && f=
        "$SRW" analyse --db many.db --all $f --jobs 1 > one.out 2>&1; one=$?
        for j in 2 3 7; do
            "$SRW" analyse --db many.db --all $f --jobs $j > many.out 2>&1; got=$?
            if [ "$one" -eq 0 ] && [ "$got" -eq 0 ] && cmp -s one.out many.out; then ok
            else bad "analyse --all $fmt --jobs $j differs from --jobs 1 (exit $got, $one)"; cmp one.out many.out | head -2; fi
        done
    done
    # With another writer at work the pass runs on one thread at once, not
    # waiting for the lock.
    if cc -o hold "$root/tests/cli/hold_lock.c" $(pkg-config --cflags --libs sqlite3) 2> /dev/null; then
        "$SRW" analyse --db many.db --all --jsonl --jobs 1 > one.out 2>&1
        ./hold many.db 4 > held & h=$!
        for _ in $(seq 50); do [ -s held ] && break; sleep 0.1; done
        t0=$(date +%s)
        "$SRW" analyse --db many.db --all --jsonl --jobs 2 > many.out 2>&1; got=$?
        t1=$(date +%s)
        wait "$h"
        if [ -s held ] && [ "$got" -eq 0 ] && cmp -s one.out many.out && [ $((t1 - t0)) -lt 4 ]; then ok
        else bad "analyse --all beside a writer: exit $got, $((t1 - t0)) s"; fi
    else
        bad "jobs: cannot build tests/cli/hold_lock.c"
    fi
    # An outcome that cannot be analysed (every record awaits reconciliation)
    # stops the pass where one thread stops it: what came before, then why.
    cp many.db stop.db
    (head -1 many.csv; grep ',outcome 150,' many.csv) > second.csv
    run "jobs: a second reviewer" 0 "$SRW" import --quiet --db stop.db --reviewer ben second.csv
    for fmt in --json text; do
        f=$fmt; [ "$fmt" = text ] && f=
        "$SRW" analyse --db stop.db --all $f --jobs 1 > one.out 2> one.err; one=$?
        "$SRW" analyse --db stop.db --all $f --jobs 2 > many.out 2> many.err; got=$?
        if [ "$one" -eq 1 ] && [ "$got" -eq 1 ] && cmp -s one.out many.out && cmp -s one.err many.err &&
            grep -q "outcome 150" many.err && [ -s many.out ]; then ok
        else bad "analyse --all $fmt stopped by outcome 150: --jobs 2 (exit $got) differs from --jobs 1 (exit $one)"; cat many.err; fi
    done
    # An import committing while the threads read: each pass sees the review
    # before it or after it, never a mix (one snapshot for all threads).
    "$SRW" analyse --db many.db --all --jsonl --jobs 1 > before.out 2>&1
    ./gen 400 | sed 's/^Study /Late study /' > late.csv
    cp many.db late.db
    run "jobs: a later import" 0 "$SRW" import --quiet --db late.db late.csv
    "$SRW" analyse --db late.db --all --jsonl --jobs 1 > after.out 2>&1
    "$SRW" import --quiet --db many.db late.csv > /dev/null 2>&1 & i=$!
    mixed=0
    for _ in 1 2 3 4 5 6; do
        "$SRW" analyse --db many.db --all --jsonl --jobs 2 > during.out 2>&1
        cmp -s during.out before.out || cmp -s during.out after.out || mixed=1
    done
    wait "$i"
    if [ "$mixed" -eq 0 ]; then ok; else bad "analyse --all during an import: neither the review before nor after it"; fi
    run "jobs: 0" 2 "$SRW" analyse --db many.db --all --jobs 0
    contains "jobs: 0" err "--jobs must be a whole number from 1 to 64"
fi
cd "$work" || return
