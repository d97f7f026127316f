# srw analyse --all on several threads (--jobs): the output of one thread,
# byte for byte, whatever happens around it.  Sourced by tests/cli/run.sh
# (its run / contains / ok / bad helpers and counters); runs in its own
# directory under run.sh's scratch directory.  make tsan runs this suite
# with srw built under ThreadSanitizer.
mkdir -p "$work/jobs" && cd "$work/jobs" || return
root=${DATA%/tests/data/import}
cc -O2 -o gen "$root/bench/gen.c" -lm 2> /dev/null || bad "jobs: cannot build bench/gen.c"

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
