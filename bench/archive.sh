#!/usr/bin/env bash
# Archive-scale run, by hand only (not in CI): builds a synthetic archive of N files (default
# 100,000, about 400 MB) by recombining paragraphs of the Wikinews corpus (CC BY 2.5, see
# benches/data/README.md) under target/bench/archive-N/, then times the release binary over it
# with /usr/bin/time -v and reports MB/s and peak resident memory.
#
#   bench/archive.sh [FILES] [MB] [JOBS]      # defaults: 100000 400 (all cores)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
N="${1:-100000}"
MB="${2:-400}"
JOBS="${3:-$(nproc)}"
W="$ROOT/target/bench"
A="$W/archive-$N"
BIN="$ROOT/target/release/whosaid"
mkdir -p "$W" "$ROOT/bench/out"
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }

cargo build --release --quiet
if [ ! -e "$A.done" ]; then
    echo "building the archive: $N files, about $MB MB, in $A" >&2
    rm -rf "$A"
    python3 "$ROOT/bench/corpus.py" archive "$A" "$N" "$MB" >/dev/null
    touch "$A.done"
fi
bytes=$(find "$A" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$A" -type f | wc -l)
largest=$(find "$A" -type f -printf '%s\n' | sort -n | tail -1)
# warm the page cache so the figure is the checker, not the first read of the disk
find "$A" -type f -print0 | xargs -0 cat >/dev/null

log="$W/archive-$N.time"
/usr/bin/time -v "$BIN" check --format json --fail-on never --isolated -j "$JOBS" "$A" \
    >"$W/archive-$N.json" 2>"$log" || true
secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$log")
kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
# one "path" key per file entry, at the indentation of the files array's objects
checked=$(grep -c '^      "path": ' "$W/archive-$N.json" || true)
{
    echo "## Archive: $files files, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB, -j $JOBS"
    echo
    echo "| files in report | seconds | MB/s | peak RSS MB | limit (50 MB + 3x largest file) |"
    echo "|---:|---:|---:|---:|---:|"
    awk -v c="$checked" -v s="$secs" -v b="$bytes" -v k="$kb" -v l="$largest" \
        'BEGIN {printf "| %d | %.1f | %.1f | %.1f | %.1f |\n", c, s, b / 1e6 / s, k / 1024, 50 + 3 * l / 1048576}'
} | tee "$ROOT/bench/out/archive.md"
