# Outputs that cannot be turned against the user, inputs read once, and
# runs killed part way that leave nothing half done.  Sourced by
# tests/cli/run.sh (its run / contains / same_err / ok / bad helpers).
mkdir -p "$work/hardening" && cd "$work/hardening" || return
root=${DATA%/tests/data/import}
run "hardening init" 0 "$SRW" init
run "hardening import" 0 "$SRW" import --quiet "$root/studies/botox-low-back-pain.csv" "$root/studies/uses.csv"

# --- output files: links are never followed, devices never replaced -----------
printf 'precious\n' > victim
ln -s victim out.csv.tmp             # the temporary's old fixed name
run "export past a planted link" 0 "$SRW" export --csv out.csv
if [ "$(cat victim)" = precious ] && [ -L out.csv.tmp ]; then ok; else bad "export wrote through out.csv.tmp"; fi
rm -f out.csv out.csv.tmp
ln -s victim out.csv                 # a link at the output's place
run "export onto a link" 0 "$SRW" export --csv out.csv
if [ "$(cat victim)" = precious ] && [ -f out.csv ] && [ ! -L out.csv ]; then ok; else
    bad "export followed the link at out.csv"; fi
contains "export onto a link: the records" out.csv "Foster 2001"
mkfifo pipe
cat pipe > from_pipe & reader=$!
run "export into a FIFO" 0 "$SRW" export --csv pipe
wait "$reader"
if [ -p pipe ]; then ok; else bad "the FIFO was replaced by a file"; fi
contains "export into a FIFO: the records" from_pipe "Foster 2001"
run "export to standard output" 0 "$SRW" export --csv -
contains "export to standard output" out "Foster 2001"

# --- a full disk: exit 1 and one message, on one thread or several -----------
if [ -w /dev/full ]; then
    for args in "list uses" "analyse --all --json --jobs 1" "analyse --all --json --jobs 2" "analyse --all --jobs 1" \
        "analyse --all --jobs 2"; do
        # shellcheck disable=SC2086 # the words are the command's
        "$SRW" $args > /dev/full 2> full.err; got=$?
        if [ "$got" -eq 1 ] && [ "$(cat full.err)" = "srw: error writing the output" ]; then ok
        else bad "srw $args onto a full disk: exit $got, stderr: $(cat full.err)"; fi
    done
fi

# --- inputs read once: standard input, a pipe, a process substitution ---------
run "init for inputs" 0 "$SRW" init --db in.db
# What each file holds, read by name first: standard input must read the same.
run "named init" 0 "$SRW" init --db named.db
run "named files" 0 "$SRW" import --db named.db "$root/studies/botox-neck-pain.csv" "$root/studies/uses.csv" "$root/studies/published.csv"
n_records=$(sed -n 's/.*botox-neck-pain\.csv: \([0-9]* trial records\).*/\1/p' out)
n_uses=$(sed -n 's/.*uses\.csv: \(decision settings of [0-9]* uses\).*/\1/p' out)
n_published=$(sed -n 's/.*published\.csv: \([0-9]* published results\).*/\1/p' out)
run "import -" 0 sh -c "'$SRW' import --db in.db - < '$root/studies/botox-neck-pain.csv'"
contains "import -: the records" out "-: ${n_records:-?}"
run "import /dev/stdin from a pipe" 0 sh -c "cat '$root/studies/uses.csv' | '$SRW' import --db in.db /dev/stdin"
contains "import /dev/stdin" out "/dev/stdin: ${n_uses:-?}"
run "import a process substitution" 0 bash -c "'$SRW' import --db in.db <(cat '$root/studies/published.csv')"
contains "import <(...)" out ": ${n_published:-?}"
run "import a RevMan file from a pipe" 0 sh -c "cat '$root/tests/data/rm5/mini.rm5' | '$SRW' import --db in.db -"
contains "RevMan from a pipe" out "RevMan review"

# --- the report: folders made, no stale pages, nothing but a report replaced ---
run "report into new folders" 0 "$SRW" report --out a/b/c
if [ -f a/b/c/index.html ] && [ -f a/b/c/manifest.json ]; then ok; else bad "report --out a/b/c wrote no report"; fi
run "report of one use into it" 0 "$SRW" report --out a/b/c --use "low back pain"
if [ -f a/b/c/low-back-pain.html ] && [ ! -f a/b/c/neck-pain.html ]; then ok; else
    bad "a report of one use left another use's pages beside it"; fi
if [ -z "$(ls -A a/b | grep -v '^c$')" ]; then ok; else bad "the report left folders beside its own: $(ls -A a/b)"; fi
mkdir mine && echo note > mine/notes.txt
run "report into a folder of other files" 2 "$SRW" report --out mine
contains "report refuses a foreign folder" err "is not an srw report (no manifest.json)"
if [ "$(cat mine/notes.txt)" = note ]; then ok; else bad "the foreign folder was touched"; fi

# --- merge: nothing left in TMPDIR, a killed merge's copy cleared --------------
mkdir tmp
run "merge init" 0 "$SRW" init --db other.db
run "merge import" 0 "$SRW" import --db other.db --reviewer bob "$root/studies/botox-low-back-pain.csv"
mkdir -p tmp/srw-merge-999999-AbCdEf && echo x > tmp/srw-merge-999999-AbCdEf/other.db # a dead merge's copy
run "merge" 0 env TMPDIR="$PWD/tmp" "$SRW" merge other.db
if [ -z "$(ls -A tmp)" ]; then ok; else bad "merge left in TMPDIR: $(ls -A tmp)"; fi

# --- a report or a merge killed part way -----------------------------------------
# A report killed part way leaves the folder as it was (or, finished first,
# the whole new report); a merge killed part way leaves the database as it
# was, and its copy of the other file goes with the next merge.
if cc -O2 -o gen "$root/bench/gen.c" -lm 2> /dev/null; then
    ./gen 400 > work400.csv
    run "kill: init" 0 "$SRW" init --db big.db
    run "kill: import" 0 "$SRW" import --quiet --db big.db work400.csv
    run "kill: first report" 0 "$SRW" report --db big.db --out r
    old=$(cd r && sha256sum ./* | sha256sum)
    run "kill: more data" 0 "$SRW" import --quiet --db big.db "$root/studies/botox-low-back-pain.csv"
    run "kill: the report it would write" 0 "$SRW" report --db big.db --out r2
    new=$(cd r2 && sha256sum ./* | sha256sum)
    for delay in 0.2 0.6 1.2; do
        "$SRW" report --db big.db --out r > /dev/null 2>&1 & pid=$!
        sleep "$delay"
        kill -9 "$pid" 2> /dev/null
        wait "$pid" 2> /dev/null
        now=$(cd r && sha256sum ./* | sha256sum)
        if [ "$now" = "$old" ]; then ok; elif [ "$now" = "$new" ]; then ok; break; else
            bad "report killed after ${delay}s: the folder mixes old and new pages"; break; fi
    done
    run "kill: other file" 0 "$SRW" init --db big2.db
    run "kill: other import" 0 "$SRW" import --quiet --db big2.db --reviewer zed work400.csv
    before=$("$SRW" list --db big.db extractions --json | sha256sum)
    cp big.db ref.db
    run "kill: the merge it would make" 0 env TMPDIR="$PWD/tmp" "$SRW" merge --db ref.db big2.db
    after=$("$SRW" list --db ref.db extractions --json | sha256sum)
    for delay in 0.1 0.4 0.9; do
        env TMPDIR="$PWD/tmp" "$SRW" merge --db big.db big2.db > /dev/null 2>&1 & pid=$!
        sleep "$delay"
        kill -9 "$pid" 2> /dev/null
        wait "$pid" 2> /dev/null
        now=$("$SRW" list --db big.db extractions --json | sha256sum)
        if [ "$now" = "$before" ]; then ok; elif [ "$now" = "$after" ]; then ok; break; else
            bad "merge killed after ${delay}s: the database is neither as before nor as after"; break; fi
    done
    run "kill: a merge after" 0 env TMPDIR="$PWD/tmp" "$SRW" merge --db big.db other.db
    if [ -z "$(ls -A tmp)" ]; then ok; else bad "killed merges left in TMPDIR: $(ls -A tmp)"; fi
fi
cd "$work" || return
