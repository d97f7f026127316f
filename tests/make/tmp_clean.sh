#!/usr/bin/env bash
# Runs a test suite with TMPDIR set to a folder of its own and fails when
# the suite leaves anything there (a scratch directory its exit trap did
# not remove: issue 21 found 110 MB left in /tmp by every `make check`).
# Usage: tests/make/tmp_clean.sh DIR COMMAND...
set -u
dir=$1; shift
rm -rf "$dir" && mkdir -p "$dir" || exit 1
TMPDIR=$dir "$@"; rc=$?
left=$(ls -A "$dir")
if [ -n "$left" ]; then
    echo "FAIL: the suite left files in its TMPDIR ($dir):" >&2
    printf '%s\n' "$left" | head -5 | sed 's/^/    /' >&2
    [ $rc -ne 0 ] || rc=1
fi
rm -rf "$dir"
exit $rc
