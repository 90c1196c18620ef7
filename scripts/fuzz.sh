#!/usr/bin/env bash
# Runs every cargo-fuzz target for a bounded time and prints the executions per target.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     # default: 60 s for each target
#
# Works with stable Rust only: cargo-fuzz needs nightly compiler flags, which RUSTC_BOOTSTRAP=1
# unlocks on a stable toolchain. Installs cargo-fuzz if missing (idempotent). Seed corpora are
# generated from tests/fixtures/ and examples/ (and rules/ for the rule loader) into
# fuzz/corpus/<target>/ (git-ignored). Crashes land in fuzz/artifacts/<target>/; the script
# then exits 1 after running the remaining targets.
#
# Environment: FUZZ_SANITIZER (default `none`: the crate forbids unsafe code, so AddressSanitizer
# adds build time and halves the speed for little; set `address` to use it), FUZZ_MAX_LEN
# (default 8192 bytes), FUZZ_PARALLEL (targets fuzzed at the same time, default 1; CI uses the
# number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECS="${1:-60}"
shift || true
SANITIZER="${FUZZ_SANITIZER:-none}"
MAX_LEN="${FUZZ_MAX_LEN:-8192}"
PARALLEL="${FUZZ_PARALLEL:-1}"
export RUSTC_BOOTSTRAP=1
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz from crates.io" >&2
    cargo install cargo-fuzz --version '^0.13' --locked
fi

cd fuzz
if [ "$#" -gt 0 ]; then
    TARGETS=("$@")
else
    mapfile -t TARGETS < <(cargo fuzz list)
fi

# --- seed corpora (regenerated each run; libFuzzer adds what it finds) -----------------------
seed() { # seed TARGET FILES...
    local dir="corpus/$1"
    shift
    mkdir -p "$dir"
    local f
    for f in "$@"; do
        [ -f "$f" ] || continue
        cp "$f" "$dir/seed-$(printf '%s' "$f" | cksum | cut -d' ' -f1)"
    done
}
# The rules target reads a selector byte before the file (see fuzz_targets/rules.rs): below
# 0x80 a classifier rule, else an editorial check (rules/checks/).
seed_prefixed() { # seed_prefixed TARGET FILES...
    local dir="corpus/$1"
    shift
    mkdir -p "$dir"
    local f b bytes
    for f in "$@"; do
        bytes="0 1"
        [[ "$f" == */checks/* ]] && bytes=$(seq 128 140)
        for b in $bytes; do
            { printf "\\$(printf '%03o' "$b")"; cat "$f"; } \
                >"$dir/seed-$b-$(printf '%s' "$f" | cksum | cut -d' ' -f1)"
        done
    done
}
prose() { # prose files under fixtures and examples with the given extensions
    local pat=()
    local e
    for e in "$@"; do pat+=(-o -name "*.$e"); done
    find "$ROOT/tests/fixtures" "$ROOT/examples" -type f \( -false "${pat[@]}" \) 2>/dev/null | sort
}
for t in "${TARGETS[@]}"; do
    case "$t" in
    segment) mapfile -t files < <(prose txt text md markdown) ;;
    markdown) mapfile -t files < <(prose md markdown txt) ;;
    html) mapfile -t files < <(prose html htm xhtml) ;;
    rules)
        mapfile -t files < <(find "$ROOT/rules" "$ROOT/tests/fixtures" -type f -name '*.toml' \
            ! -name 'whosaid.toml' ! -name '.whosaid.toml' 2>/dev/null | sort)
        seed_prefixed rules "${files[@]}"
        continue
        ;;
    config)
        # the starter file `whosaid init` writes, plus any configuration among the fixtures
        init="$ROOT/target/fuzz-seed-whosaid.toml"
        rm -f "$init"
        (cd "$ROOT" && cargo run --quiet -- init "$init" >/dev/null 2>&1) || true
        mapfile -t files < <(find "$ROOT/tests/fixtures" "$ROOT/examples" -type f \
            \( -name 'whosaid.toml' -o -name '.whosaid.toml' \) 2>/dev/null | sort)
        files+=("$init")
        ;;
    *) files=() ;;
    esac
    seed "$t" "${files[@]}"
done

# --- build all targets at once (shares the dependency build) ---------------------------------
BUILD=(--sanitizer "$SANITIZER" --debug-assertions --release)
echo "=== building ${#TARGETS[@]} fuzz targets (sanitizer: $SANITIZER)"
cargo fuzz build "${BUILD[@]}"

# --- run --------------------------------------------------------------------------------------
# The binaries are run directly (as `cargo fuzz run` would), PARALLEL targets at a time.
TRIPLE=$(rustc -vV | sed -n 's/^host: //p')
BINDIR="target/$TRIPLE/release"
mkdir -p artifacts logs
fuzz_one() { # fuzz_one TARGET: runs it, leaves logs/TARGET.log and logs/TARGET.rc
    local t=$1 rc=0
    mkdir -p "artifacts/$t"
    "$BINDIR/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" \
        -max_total_time="$SECS" -max_len="$MAX_LEN" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 >"logs/$t.log" 2>&1 || rc=$?
    echo "$rc" >"logs/$t.rc"
}
running=0
for t in "${TARGETS[@]}"; do
    echo "=== fuzzing $t for ${SECS}s"
    fuzz_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$PARALLEL" ]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait

declare -A RUNS CRASH
failed=0
for t in "${TARGETS[@]}"; do
    log="logs/$t.log"
    rc=$(cat "logs/$t.rc" 2>/dev/null || echo 1)
    # libFuzzer's final line is "Done N runs in S second(s)"
    RUNS[$t]=$( (grep -o 'Done [0-9]* runs' "$log" || true) | awk '{s+=$2} END {print s+0}')
    if [ "$rc" -ne 0 ]; then
        failed=1
        CRASH[$t]=$( (grep -o 'Test unit written to .*' "$log" || true) | sed 's/.*written to //' | head -1)
        [ -n "${CRASH[$t]}" ] || CRASH[$t]="exit $rc (see fuzz/$log)"
        echo "--- $t failed; end of fuzz/$log:" >&2
        tail -n 40 "$log" >&2
    else
        CRASH[$t]=none
    fi
done

echo
printf '%-10s %14s %8s  %s\n' target executions seconds crash
for t in "${TARGETS[@]}"; do
    printf '%-10s %14s %8s  %s\n' "$t" "${RUNS[$t]}" "$SECS" "${CRASH[$t]}"
done
exit "$failed"
