#!/usr/bin/env bash
# Performance benchmark of the release binary, run by hand (never in CI or in a timed test).
#
#   bench/run.sh            # all sections; about 15 minutes on 2 cores at today's speed
#   bench/run.sh 1 2 6      # only some sections
#
# Sections: 1 throughput on the Wikinews corpus (295 files, -j 1); 2 proselint (PyPI, in a venv
# under target/) on the same files, same run, and the ratio, with write-good (npm, under target/)
# as a second peer to place the machine; 3 linear growth 1/10/100 MB as one
# file and as many files; 4 parallel speed-up -j1 vs -j2; 5 peak RSS (/usr/bin/time -v) against
# 50 MB + 3x the largest file, including a 50 MB line without punctuation and a 16 MB sentence
# crowded with quotations; 6 start-up with all built-in rules and one 5 KB article (hyperfine);
# 7 instructions per run (valgrind callgrind, independent of machine load); 8 (only when asked: bench/run.sh 8) every report format on one
# long line of 1.35, 2.7 and 5 MB, with peak RSS. Results: bench/out/results.md.
#
# On a shared machine wall time depends on the load: section 1 also reports user CPU time, and
# section 4 measures the ceiling the machine offers (two independent -j 1 runs at once).
# BENCH_CAP=SECONDS bounds each memory run (default 600); BENCH_BIN=PATH measures that binary
# instead of building target/release/whosaid.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
W="$ROOT/target/bench"
OUT="$ROOT/bench/out"
BIN="${BENCH_BIN:-$ROOT/target/release/whosaid}" # BENCH_BIN=PATH: measure another binary
mkdir -p "$W" "$OUT"
RES="$OUT/results.md"
SECTIONS="${*:-1 2 3 4 5 6 7}"
CAP="${BENCH_CAP:-600}" # seconds allowed for one memory run (section 5)
want() { [[ " $SECTIONS " == *" $1 "* ]]; }
say() { printf '%s\n' "$*" | tee -a "$RES"; }
: >"$RES"

need_tool() { # need_tool CMD DEBIAN-PACKAGE
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "installing $2 (apt-get)" >&2
    if [ "$(id -u)" = 0 ]; then
        (apt-get update -qq && apt-get install -y -qq "$2") >/dev/null 2>&1 || true
    fi
    command -v "$1" >/dev/null 2>&1
}
need_tool /usr/bin/time time || { echo "need /usr/bin/time (apt-get install time)" >&2; exit 1; }
HAVE_HYPERFINE=1
need_tool hyperfine hyperfine || HAVE_HYPERFINE=0

if [ -z "${BENCH_BIN:-}" ]; then
    echo "building release" >&2
    cargo build --release --quiet
fi

# --- inputs ---------------------------------------------------------------------------------
gen() { # gen NAME ARGS… : runs bench/corpus.py once per input (cached in target/bench)
    local name=$1
    shift
    if [ ! -e "$W/$name.done" ]; then
        rm -rf "${W:?}/$name"
        python3 "$ROOT/bench/corpus.py" "$1" "$W/$name" "${@:2}" >/dev/null
        touch "$W/$name.done"
    fi
}
bytes_of() { if [ -d "$1" ]; then find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {print s}'; else stat -c %s "$1"; fi; }
files_of() { if [ -d "$1" ]; then find "$1" -type f | wc -l; else echo 1; fi; }
gen articles articles

CHECK=(check --format json --fail-on never --isolated)
# median wall seconds of RUNS runs of a command
time_py() { # time_py RUNS CMD…
    local runs=$1
    shift
    python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
ts = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append(time.perf_counter() - t)
ts.sort()
print(f"{ts[len(ts) // 2]:.4f}")
PY
}
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "inf" }'; }
mbps2() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.2f", b / 1e6 / s; else print "inf" }'; } # slow peers
# median user+system CPU seconds of RUNS runs of a command (/usr/bin/time)
cpu_s() { # cpu_s RUNS CMD…
    local runs=$1 i
    shift
    for ((i = 0; i < runs; i++)); do
        /usr/bin/time -f '%U %S' -o "$W/cpu.txt" "$@" >/dev/null 2>/dev/null || true
        awk '{printf "%.3f\n", $1 + $2}' "$W/cpu.txt"
    done | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
}

CORPUS="$W/articles"
CORPUS_BYTES=$(bytes_of "$CORPUS")
# start-up inputs (sections 6 and 7): an empty file, and the corpus article closest to 5,000 bytes
mkdir -p "$W/single"
: >"$W/single/empty.txt"
art=$(find "$CORPUS" -type f -printf '%s %p\n' | awk '{d = $1 - 5000; if (d < 0) d = -d; print d, $1, $2}' | sort -n | awk 'NR == 1 {print $3}')
cp "$art" "$W/single/article.txt"
say "# whosaid benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$BIN" --version))"
say ""

# --- 1 + 2: corpus throughput and proselint ---------------------------------------------------
WS_S=""
if want 1 || want 2; then
    WS_S=$(time_py 21 "$BIN" "${CHECK[@]}" -j 1 "$CORPUS")
    WS_CPU=$(cpu_s 5 "$BIN" "${CHECK[@]}" -j 1 "$CORPUS")
    say "## 1. Wikinews corpus: 295 files, $CORPUS_BYTES bytes, -j 1, --format json"
    say ""
    say "whosaid: ${WS_S} s wall, $(mbps "$CORPUS_BYTES" "$WS_S") MB/s (median of 21); ${WS_CPU} s CPU (user+sys), $(mbps "$CORPUS_BYTES" "$WS_CPU") MB/s per CPU second"
    say ""
fi
if want 2; then
    VENV="$ROOT/target/proselint-venv"
    if [ ! -x "$VENV/bin/proselint" ]; then
        echo "installing proselint from PyPI into $VENV" >&2
        python3 -m venv "$VENV"
        "$VENV/bin/pip" install --quiet proselint
    fi
    PL_VER=$("$VENV/bin/pip" show proselint 2>/dev/null | awk '/^Version/ {print $2}')
    # proselint >= 0.16: `proselint check PATHS`; older: `proselint PATHS`
    if "$VENV/bin/proselint" check --help >/dev/null 2>&1; then
        PL=("$VENV/bin/proselint" check -o json)
    else
        PL=("$VENV/bin/proselint" --json)
    fi
    mapfile -t CFILES < <(find "$CORPUS" -type f | sort)
    PL_S=$(time_py 1 "${PL[@]}" "${CFILES[@]}")
    # whosaid again right after, same conditions
    WS2_S=$(time_py 21 "$BIN" "${CHECK[@]}" -j 1 "${CFILES[@]}")
    say "## 2. proselint $PL_VER on the same 295 files (same run)"
    say ""
    say "| tool | seconds | MB/s |"
    say "|---|---:|---:|"
    say "| proselint $PL_VER | $PL_S | $(mbps2 "$CORPUS_BYTES" "$PL_S") |"
    say "| whosaid -j 1 | $WS2_S | $(mbps "$CORPUS_BYTES" "$WS2_S") |"
    say ""
    say "ratio: whosaid is $(awk -v a="$PL_S" -v b="$WS2_S" 'BEGIN {printf "%.0f", a / b}')x faster than proselint"
    say ""
    # write-good (npm), the issue's second peer (0.39 MB/s on its machine): its speed here tells
    # whether this machine is the issue's kind, independently of proselint's version.
    WG="$ROOT/target/write-good"
    if [ ! -x "$WG/node_modules/.bin/write-good" ] && command -v npm >/dev/null 2>&1; then
        echo "installing write-good from npm into $WG" >&2
        mkdir -p "$WG" && (cd "$WG" && npm install --silent --no-audit --no-fund write-good >/dev/null 2>&1) || true
    fi
    if [ -x "$WG/node_modules/.bin/write-good" ]; then
        WG_VER=$(node -p "require('$WG/node_modules/write-good/package.json').version" 2>/dev/null || echo "?")
        WG_S=$(time_py 3 "$WG/node_modules/.bin/write-good" "${CFILES[@]}")
        say "| tool (calibration) | seconds | MB/s | the issue's machine |"
        say "|---|---:|---:|---:|"
        say "| write-good $WG_VER, same files (median of 3) | $WG_S | $(mbps2 "$CORPUS_BYTES" "$WG_S") | 0.39 MB/s |"
        say "| proselint $PL_VER (above) | $PL_S | $(mbps2 "$CORPUS_BYTES" "$PL_S") | 0.34 MB/s |"
        say ""
    else
        echo "npm or write-good not available: write-good calibration skipped" >&2
    fi
fi

# --- 3: linear growth -------------------------------------------------------------------------
if want 3; then
    say "## 3. Linear growth (-j 1)"
    say ""
    say "| input | files | MB | seconds | MB/s | s per MB |"
    say "|---|---:|---:|---:|---:|---:|"
    for mb in 1 10 100; do
        gen "one-$mb.txt" one "$mb"
        gen "many-$mb" many "$mb"
        for kind in one many; do
            p="$W/many-$mb"
            [ "$kind" = one ] && p="$W/one-$mb.txt"
            b=$(bytes_of "$p")
            runs=3
            [ "$mb" = 100 ] && runs=1
            s=$(time_py "$runs" "$BIN" "${CHECK[@]}" -j 1 "$p")
            say "| $kind file$([ "$kind" = many ] && echo s) | $(files_of "$p") | $(awk -v b="$b" 'BEGIN {printf "%.1f", b / 1e6}') | $s | $(mbps "$b" "$s") | $(awk -v b="$b" -v s="$s" 'BEGIN {printf "%.3f", s / (b / 1e6)}') |"
        done
    done
    # one sentence crowded with quotations and attribution verbs: every cue and quotation in
    # the same sentence (a per-cue or per-quotation scan of the sentence is quadratic here)
    for mb in 1 4 16; do
        gen "dense-$mb.txt" dense "$mb"
        p="$W/dense-$mb.txt"
        b=$(bytes_of "$p")
        s=$(time_py 3 "$BIN" "${CHECK[@]}" -j 1 "$p")
        say "| one sentence, dense | 1 | $(awk -v b="$b" 'BEGIN {printf "%.1f", b / 1e6}') | $s | $(mbps "$b" "$s") | $(awk -v b="$b" -v s="$s" 'BEGIN {printf "%.3f", s / (b / 1e6)}') |"
    done
    say ""
fi

# --- 4: parallel speed-up ---------------------------------------------------------------------
# -j 1 and -j 2 runs alternate (so both see the same machine load) and each pair gives a ratio;
# the median ratio is the speed-up. CPU time (user + sys, from wait4) says whether the threads
# did extra work; "ceiling" is what the machine gave two independent -j 1 runs at the same time.
if want 4; then
    gen many-10 many 10
    p="$W/many-10"
    b=$(bytes_of "$p")
    read -r s1 s2 c1 c2 ratio <<<"$(python3 - 7 "$BIN" "${CHECK[@]}" "$p" <<'PY'
import os, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
def one(j):
    t = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.execv(cmd[0], cmd[:-1] + ["-j", str(j), cmd[-1]])
    _, _, ru = os.wait4(pid, 0)
    return time.perf_counter() - t, ru.ru_utime + ru.ru_stime
w1, w2, c1, c2, ratios = [], [], [], [], []
for _ in range(runs):
    a, ca = one(1)
    b, cb = one(2)
    w1.append(a); w2.append(b); c1.append(ca); c2.append(cb); ratios.append(a / b)
med = lambda v: sorted(v)[len(v) // 2]
print(f"{med(w1):.4f} {med(w2):.4f} {med(c1):.4f} {med(c2):.4f} {med(ratios):.2f}")
PY
)"
    # the machine's own ceiling: two independent -j 1 runs at the same time
    pair=$(time_py 3 bash -c '"$0" "${@:1}" >/dev/null & "$0" "${@:1}" >/dev/null; wait' "$BIN" "${CHECK[@]}" -j 1 "$p")
    # deterministic output order whatever the thread count
    "$BIN" "${CHECK[@]}" -j 1 "$p" >"$W/j1.json"
    "$BIN" "${CHECK[@]}" -j 2 "$p" >"$W/j2.json"
    same=no
    cmp -s "$W/j1.json" "$W/j2.json" && same=yes
    say "## 4. Parallel: $(files_of "$p") files, $(awk -v b="$b" 'BEGIN {printf "%.1f", b / 1e6}') MB"
    say ""
    say "| threads | wall s (median of 7) | MB/s | CPU s (user + sys) |"
    say "|---:|---:|---:|---:|"
    say "| 1 | $s1 | $(mbps "$b" "$s1") | $c1 |"
    say "| 2 | $s2 | $(mbps "$b" "$s2") | $c2 |"
    say ""
    say "speed-up: ${ratio}x (median of 7 alternating -j 1 / -j 2 pairs); CPU time -j 2 / -j 1: $(awk -v a="$c2" -v b="$c1" 'BEGIN {printf "%.2f", a / b}'); identical JSON for -j 1 and -j 2: $same"
    say ""
    say "machine ceiling: two independent -j 1 runs at once take ${pair} s, i.e. the machine gives $(awk -v a="$s1" -v b="$pair" 'BEGIN {printf "%.2f", 2 * a / b}')x the throughput of one (2.00 on two idle cores)"
    say ""
    if command -v perf >/dev/null 2>&1; then
        for j in 1 2; do
            perf stat -r 3 -e task-clock,context-switches -x, -o "$W/perf-$j.txt" \
                "$BIN" "${CHECK[@]}" -j "$j" "$p" >/dev/null 2>&1 || true
            say "perf stat -j $j: $(grep -v '^#' "$W/perf-$j.txt" | awk -F, 'NF > 2 && $1 != "" {printf "%s %s; ", $3, $1}')"
        done
        say ""
    fi
fi

# --- 5: peak memory ---------------------------------------------------------------------------
if want 5; then
    gen one-100.txt one 100
    gen many-100 many 100
    gen line-50.txt line 50
    gen dense-16.txt dense 16
    say "## 5. Peak resident memory (/usr/bin/time -v), limit 50 MB + 3x the largest file"
    say ""
    say "| input | files | largest file MB | peak RSS MB | limit MB | within | seconds |"
    say "|---|---:|---:|---:|---:|---|---:|"
    for spec in "articles:-j 1" "many-100:-j 2" "one-100.txt:-j 1" "line-50.txt:-j 1" "dense-16.txt:-j 1"; do
        name=${spec%%:*}
        args=${spec#*:}
        p="$W/$name"
        largest=$(if [ -d "$p" ]; then find "$p" -type f -printf '%s\n' | sort -n | tail -1; else stat -c %s "$p"; fi)
        # at most CAP seconds a run (a quadratic step must not stall the whole benchmark)
        # shellcheck disable=SC2086
        rc=0
        /usr/bin/time -v -o "$W/rss.txt" timeout "$CAP" "$BIN" "${CHECK[@]}" $args "$p" \
            >/dev/null 2>/dev/null || rc=$?
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$W/rss.txt" 2>/dev/null)
        secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); v = 0; for (i = 1; i <= n; i++) v = v * 60 + t[i]; print v}' "$W/rss.txt" 2>/dev/null)
        rss=$(awk -v k="${kb:-0}" 'BEGIN {printf "%.1f", k / 1024}')
        limit=$(awk -v l="$largest" 'BEGIN {printf "%.1f", 50 + 3 * l / 1048576}')
        ok=$(awk -v r="$rss" -v l="$limit" 'BEGIN {print (r <= l) ? "yes" : "NO"}')
        [ "$rc" = 124 ] && { rss="killed after $CAP s"; ok="?"; secs=$CAP; }
        say "| $name ($args) | $(files_of "$p") | $(awk -v l="$largest" 'BEGIN {printf "%.2f", l / 1048576}') | $rss | $limit | $ok | ${secs:-?} |"
    done
    say ""
fi

# --- 6: start-up and one article -------------------------------------------------------------
if want 6; then
    asize=$(stat -c %s "$W/single/article.txt")
    say "## 6. Start-up (all built-in rules loaded, validated, compiled) and one article ($asize bytes)"
    say ""
    if [ "$HAVE_HYPERFINE" = 1 ]; then
        hyperfine -N --warmup 5 --runs 50 --export-markdown "$W/startup.md" \
            -n "start-up: check an empty file" "$BIN ${CHECK[*]} -j 1 $W/single/empty.txt" \
            -n "check one 5 KB article" "$BIN ${CHECK[*]} -j 1 $W/single/article.txt" \
            -n "whosaid --version (process only)" "$BIN --version" >&2
        tee -a "$RES" <"$W/startup.md"
    else
        say "| command | median s |"
        say "|---|---:|"
        say "| start-up: check an empty file | $(time_py 31 "$BIN" "${CHECK[@]}" -j 1 "$W/single/empty.txt") |"
        say "| check one 5 KB article | $(time_py 31 "$BIN" "${CHECK[@]}" -j 1 "$W/single/article.txt") |"
        say "| whosaid --version | $(time_py 31 "$BIN" --version) |"
    fi
    say ""
fi
# --- 7: instruction counts (independent of the machine's load) -----------------------------------
if want 7; then
    if command -v valgrind >/dev/null 2>&1; then
        say "## 7. Instructions (valgrind --tool=callgrind), -j 1, --format json"
        say ""
        say "| input | instructions | instructions per byte |"
        say "|---|---:|---:|"
        for p in "$W/single/empty.txt" "$W/single/article.txt" "$CORPUS"; do
            [ -e "$p" ] || continue
            valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" "${CHECK[@]}" -j 1 "$p" \
                >/dev/null 2>"$W/cg.txt" || true
            ir=$(awk '/refs:/ {gsub(",", "", $NF); print $NF}' "$W/cg.txt")
            b=$(bytes_of "$p")
            say "| $(basename "$p") | $ir | $(awk -v i="$ir" -v b="$b" 'BEGIN { if (b > 0) printf "%.0f", i / b; else print "-" }') |"
        done
        say ""
    else
        echo "valgrind not installed: section 7 skipped" >&2
    fi
fi
echo "results written to $RES" >&2

# --- 8: every report format on one long line (run with `bench/run.sh 8`) ----------------------
# The corpus articles joined by spaces into one line (about 1.35 MB), that line twice, and
# repeated to 5 MB: one line with thousands of findings, where a report that reads a line from
# its start per finding is quadratic. CPU seconds (user + sys, median of 3) and peak RSS per
# format; "x json" is the time over the JSON time on the same input, "growth" the time on the
# 5 MB line over the time on the 1.35 MB line (the size ratio is 3.7).
if want 8; then
    python3 - "$CORPUS" "$W" <<'PY'
import pathlib, sys
corpus, w = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
arts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
one = " ".join(" ".join(a.split("\n")).replace("\r", " ") for a in arts)
def upto(n):
    s = one
    while len(s.encode()) < n:
        s += " " + one
    return s.encode()[:n].decode("utf-8", "ignore")
(w / "longline-1.txt").write_text(one, encoding="utf-8")
(w / "longline-2.txt").write_text(upto(2 * len(one.encode())), encoding="utf-8")
(w / "longline-5.txt").write_text(upto(5_000_000), encoding="utf-8")
PY
    say "## 8. Report formats on one long line (-j 1; CPU s = user + sys, median of 3; peak RSS)"
    say ""
    say "| format | 1.35 MB line s | 2.7 MB line s | 5 MB line s | x json (5 MB) | growth 1.35 -> 5 MB | peak RSS MB (5 MB) |"
    say "|---|---:|---:|---:|---:|---:|---:|"
    json5=""
    for fmt in json terminal html sarif github rdjson; do
        args=(check --format "$fmt" --fail-on never --isolated -j 1)
        s1=$(cpu_s 3 timeout "$CAP" "$BIN" "${args[@]}" "$W/longline-1.txt")
        s2=$(cpu_s 3 timeout "$CAP" "$BIN" "${args[@]}" "$W/longline-2.txt")
        s5=$(cpu_s 3 timeout "$CAP" "$BIN" "${args[@]}" "$W/longline-5.txt")
        /usr/bin/time -v -o "$W/rss.txt" timeout "$CAP" "$BIN" "${args[@]}" "$W/longline-5.txt" >/dev/null 2>&1 || true
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$W/rss.txt" 2>/dev/null)
        [ "$fmt" = json ] && json5=$s5
        say "| $fmt | $s1 | $s2 | $s5 | $(awk -v a="$s5" -v b="$json5" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }') | $(awk -v a="$s5" -v b="$s1" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }') | $(awk -v k="${kb:-0}" 'BEGIN {printf "%.1f", k / 1024}') |"
    done
    say ""
    echo "section 8 written to $RES" >&2
fi
