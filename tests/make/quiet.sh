#!/usr/bin/env bash
# `make` is quiet: one short line per file it builds, the full command only
# with V=1 (issue 21).  Builds one small object into a tree of its own
# ($1, default build/quiet) twice, and compares what make printed.
set -u
tree=${1:-build/quiet}
obj=$tree/src/util/text.o
fail=0
rm -rf "$tree"
quiet=$(MAKEFLAGS= MAKELEVEL= make --no-print-directory V=0 BUILD="$tree" "$obj" 2>&1)
if [ "$quiet" != "  CC      src/util/text.c" ]; then
    echo "FAIL: make printed more than one short line for one file:" >&2
    printf '%s\n' "$quiet" | sed 's/^/    /' >&2
    fail=1
fi
rm -f "$obj"
loud=$(MAKEFLAGS= MAKELEVEL= make --no-print-directory V=1 BUILD="$tree" "$obj" 2>&1)
case "$loud" in
*"-c -o $obj src/util/text.c"*) ;;
*) echo "FAIL: make V=1 did not print the compiler's command:" >&2; printf '%s\n' "$loud" | sed 's/^/    /' >&2; fail=1 ;;
esac
rm -rf "$tree"
[ $fail -eq 0 ] && echo "srw: make prints one short line per file (the command with V=1)"
exit $fail
