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

cd "$work" || return
