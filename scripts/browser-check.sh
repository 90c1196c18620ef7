#!/usr/bin/env bash
# Renders the HTML report of examples/ in headless Chromium (Debian's `chromium` package),
# checks the DOM after the page's own script has run, and saves a screenshot to
# target/html-report.png. Run from anywhere; CI runs it from .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ]; then
  echo "browser-check: chromium not found (apt-get install -y chromium)" >&2
  exit 2
fi

cargo build --quiet
BIN=target/debug/whosaid
OUT=target/html-report.html
# Removes a Chromium profile directory once Chromium has let go of it: its helper processes
# may still be writing there for a moment after the browser itself has gone, and a failed
# `rm` must not fail the check.
remove_profile() {
  local dir=$1 i
  pkill -f -- "--user-data-dir=$dir" 2>/dev/null || true
  for i in $(seq 1 50); do
    rm -rf "$dir" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "browser-check: could not remove $dir (left behind)" >&2
}
PROFILE="$(mktemp -d)"
trap 'remove_profile "$PROFILE"' EXIT

"$BIN" check examples/ --format html --output "$OUT" --fail-on never
"$BIN" check examples/ --format json --fail-on never > target/html-report.json

FLAGS=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$PROFILE")
URL="file://$PWD/$OUT"
"$CHROMIUM" "${FLAGS[@]}" --dump-dom "$URL" 2>/dev/null > target/html-report.dom.html
"$CHROMIUM" "${FLAGS[@]}" --window-size=1200,1600 --screenshot="$PWD/target/html-report.png" "$URL" >/dev/null 2>&1

DOM=target/html-report.dom.html
fail=0
count() { grep -o -- "$1" "$2" | wc -l | tr -d ' '; }
expect() { # name, expected, actual
  if [ "$2" != "$3" ]; then echo "browser-check: $1: expected $2, got $3" >&2; fail=1;
  else echo "browser-check: $1: $3"; fi
}

files=$(find examples -type f \( -name '*.md' -o -name '*.txt' -o -name '*.html' -o -name '*.htm' -o -name '*.markdown' \) | wc -l | tr -d ' ')
expect "file sections" "$files" "$(count '<section class="file"' "$DOM")"
expect "marked sentences" "$(count '"label": "' target/html-report.json)" "$(count ' data-label="' "$DOM")"
findings=$(grep -c '"severity": "' target/html-report.json || true)
expect "findings listed" "$findings" "$(count '<li id="f[0-9]*x[0-9]*"' "$DOM")"
expect "index table" 1 "$(count '<table class="index">' "$DOM")"
# the page's script ran under file:// (it makes every index header focusable)
expect "script ran (sortable headers)" 11 "$(count '<th tabindex="0"' "$DOM")"
for label in attributed reported alleged unattributed none; do
  grep -q "class=\"s l-$label" "$DOM" || { echo "browser-check: no $label sentence marked" >&2; fail=1; }
done
# interaction (sorting, hover highlight) over the DevTools protocol, when Node.js is there
if command -v node >/dev/null; then
  IPROFILE="$(mktemp -d)"
  node --experimental-websocket --no-warnings scripts/browser-interact.mjs "$CHROMIUM" "$OUT" "$IPROFILE" || fail=1
  remove_profile "$IPROFILE"
else
  echo "browser-check: node not found; sorting and hover not checked"
fi
test -s target/html-report.png || { echo "browser-check: no screenshot" >&2; fail=1; }
[ "$fail" = 0 ] && echo "browser-check: ok (screenshot: target/html-report.png)"
exit "$fail"
