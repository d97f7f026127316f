#!/usr/bin/env bash
# The modules' layers (doc/design.md): includes across module folders run
# one way only, cli -> report -> import -> store -> io -> core, with util
# usable by all and including none of them; the store includes nothing from
# io.  A public header (include/srw/) belongs to the module MODULE_OF names.
# Prints each include that breaks the order; exits 1 if there is one.
set -euo pipefail
cd "$(dirname "$0")/../.."

rank() {
    case $1 in
        util) echo 0 ;; core) echo 1 ;; io) echo 2 ;; store) echo 3 ;;
        import) echo 4 ;; report) echo 5 ;; cli) echo 6 ;; *) echo -1 ;;
    esac
}

# The module of each public header.
module_of() {
    case $1 in
        table|error) echo util ;;
        data|record|decimal|effect|pool|grade|agreement|revman|review|assess|rob|simulate|claim|trace|sensitivity|metareg|arms) echo core ;;
        csv|rm5|input|simpart) echo io ;;
        store|entry) echo store ;;
        import) echo import ;;
        report|analysis_json|analysis_text|format|simreport|explain) echo report ;;
        *) echo unknown ;;
    esac
}

bad=0
check() { # file, its module
    local file=$1 mod=$2 inc to
    while read -r inc; do
        case $inc in
            srw/*) to=$(module_of "$(basename "$inc" .h)") ;;
            */*) to=${inc%%/*} ;;
            *) to=$mod ;; # a header beside the file
        esac
        if [ "$to" = unknown ] || [ "$(rank "$to")" -lt 0 ]; then
            echo "$file: $inc: no module known for it (tests/layers/check.sh)"; bad=1; continue
        fi
        [ "$to" = "$mod" ] && continue
        if [ "$mod" = util ] || { [ "$to" != util ] && [ "$(rank "$to")" -gt "$(rank "$mod")" ]; } ||
           { [ "$mod" = store ] && [ "$to" = io ]; }; then
            echo "$file ($mod) includes $inc ($to)"; bad=1
        fi
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file")
}

for f in src/*/*.c src/*/*.h; do
    mod=$(basename "$(dirname "$f")")
    [ "$(rank "$mod")" -ge 0 ] || { echo "$f: not in a known module folder"; bad=1; continue; }
    check "$f" "$mod"
done
for f in include/srw/*.h; do
    mod=$(module_of "$(basename "$f" .h)")
    [ "$mod" != unknown ] || { echo "$f: no module known for it (tests/layers/check.sh)"; bad=1; continue; }
    check "$f" "$mod"
done
[ "$bad" = 0 ] && echo "layers: every include runs down the module order"
exit "$bad"
