#!/usr/bin/env bash
# Browser check of the generated report: headless Chromium loads
# reports/index.html (file://, no network) and we assert on the rendered
# DOM that the verdict table and a link to each use's page are on it, and on
# the pages it links that the forest and risk-of-bias plots are there, then
# take a screenshot of one use page into build/report.png for a human to
# look at.
# Usage: tests/browser/check.sh [REPORT_DIR]   (default: reports)
set -u
dir=${1:-reports}
browser=""
for b in chromium chromium-browser; do
    if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
    if [ -n "${SRW_BROWSER_NO_INSTALL:-}" ]; then
        echo "skipped: chromium not installed (make check-browser installs it)"
        exit 0
    fi
    if [ "$(id -u)" = 0 ]; then
        echo "srw: installing chromium for the browser check"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || {
            echo "srw: could not install chromium" >&2; exit 1; }
        browser=chromium
    else
        echo "skipped: chromium not installed"
        exit 0
    fi
fi
if [ ! -f "$dir/index.html" ]; then
    echo "srw: $dir/index.html not found; run 'make report' first" >&2
    exit 1
fi
abs=$(cd "$dir" && pwd)
profile=$(mktemp -d)
# Chromium's helpers may still write into the profile for a moment after
# the browser exits: try again before giving up on removing it.
trap 'for t in 1 2 3 4 5; do rm -rf "$profile" 2>/dev/null && break; sleep 1; done' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$profile")
dom=$("$browser" "${flags[@]}" --dump-dom "file://$abs/index.html" 2>/dev/null)
fail=0
check() { # description, extended regex
    if grep -Eq "$2" <<<"$dom"; then echo "ok: $1"; else echo "FAIL: $1" >&2; fail=1; fi
}
check "page rendered" '<h1>srw evidence report'
check "verdict table" '<table class="verdicts">'
check "a verdict in the table" '<td>(Supported|Not supported|Insufficient evidence)</td>'
check "a link to each use's page" '<a href="[^"/]*\.html">Its page</a>'
if grep -Eq '<img src="[^"]*-forest\.svg"' <<<"$dom"; then echo "FAIL: the index repeats a use's figures" >&2; fail=1
else echo "ok: the index is short (the figures are on the use pages)"; fi
nanless() { # PAGE DOM
    if grep -Eq '>[^<]*\b(nan|NaN|inf|Infinity)\b[^<]*<' <<<"$2"; then echo "FAIL: NaN/inf on $1" >&2; fail=1; fi
    if grep -Eq '<script' <<<"$2"; then echo "FAIL: script element on $1" >&2; fail=1; fi
}
nanless index.html "$dom"
# The use pages, each as the index links it: the figures are there.
pages=""
for href in $(grep -Eo '<a href="[^"/]*\.html">Its page</a>' <<<"$dom" | sed 's/^<a href="//; s/">.*//'); do
    pages="$pages$("$browser" "${flags[@]}" --dump-dom "file://$abs/$href" 2>/dev/null)"
    nanless "$href" "$pages"
done
dom=$pages
check "forest plots on the use pages" '<img src="[^"]*-forest\.svg"'
check "risk-of-bias traffic-light plot on a use page" '<img src="[^"]*-rob\.svg"'
check "risk-of-bias summary plot on a use page" '<img src="[^"]*-rob-summary\.svg"'
[ $fail -ne 0 ] || echo "ok: no NaN or inf printed"
page=$(ls "$abs"/*.html | grep -v '/index\.html$' | head -n 1)
mkdir -p build
rm -f build/report.png
"$browser" "${flags[@]}" --hide-scrollbars --screenshot="$PWD/build/report.png" --window-size=1280,2000 \
    "file://$page" >/dev/null 2>&1
if [ -s build/report.png ]; then echo "ok: screenshot of $(basename "$page") in build/report.png"
else echo "FAIL: no screenshot" >&2; fail=1; fi
exit $fail
