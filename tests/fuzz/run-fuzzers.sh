#!/usr/bin/env bash
# Builds every libFuzzer target with clang (THAW_BUILD_FUZZERS=ON) in <builddir>, replays each
# fuzzer's seed corpus, then fuzzes each for [seconds-per-target] (default 20). Fails if any
# input crashes, leaks, trips ASan/UBSan or breaks a fuzzer's own invariants; the crashing
# input is kept in <builddir>/fuzz-artifacts/.
#
# Fuzzers are found by their seed folders: tests/fuzz/corpus/<name>/ ↔ <builddir>/fuzzers/<name>
# (optional dictionary: tests/fuzz/corpus/<name>.dict). New inputs go to a temporary folder,
# never into the committed corpus.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 <builddir> [seconds-per-target, default 20]" >&2
    exit 2
fi
build=$1
seconds=${2:-20}
root=$(cd "$(dirname "$0")/../.." && pwd)
corpora=$root/tests/fuzz/corpus

# A folder configured with g++ (the normal build) cannot be switched: refuse before touching it.
if [[ -f $build/CMakeCache.txt ]] &&
   ! grep -q '^CMAKE_CXX_COMPILER:.*clang' "$build/CMakeCache.txt"; then
    echo "$build was configured with another compiler; libFuzzer needs clang: use a new folder" >&2
    exit 2
fi
launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
CXX=${THAW_FUZZ_CXX:-clang++-14} cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTHAW_WERROR=ON \
    -DTHAW_BUILD_TESTS=OFF -DTHAW_BUILD_FUZZERS=ON "${launcher[@]}" >/dev/null
cmake --build "$build" --target thaw-fuzzers

artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failed=()
for corpus in "$corpora"/*/; do
    name=$(basename "$corpus")
    fuzzer=$build/fuzzers/$name
    log=$work/$name.log
    if [[ ! -x $fuzzer ]]; then
        echo "FAIL  $name: no fuzzer binary $fuzzer (missing thaw_add_fuzzer line?)"
        failed+=("$name")
        continue
    fi
    dict=()
    if [[ -f $corpora/$name.dict ]]; then
        dict=(-dict="$corpora/$name.dict")
    fi
    mkdir -p "$work/$name"
    # A fixed seed by default, so CI explores the same inputs on every run and a red run means
    # a change broke something; THAW_FUZZ_SEED=0 lets libFuzzer pick a random seed.
    options=(-timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1
             -seed="${THAW_FUZZ_SEED:-1}" -artifact_prefix="$artifacts/$name-" "${dict[@]}")
    # Replay the seeds on their own first, so a regression names its seed.
    if ! "$fuzzer" "${options[@]}" -runs=0 "$corpus" >"$log" 2>&1 ||
       ! "$fuzzer" "${options[@]}" -max_total_time="$seconds" "$work/$name" "$corpus" \
            >>"$log" 2>&1; then
        echo "FAIL  $name (crash input in $artifacts):"
        tail -n 60 "$log"
        failed+=("$name")
        continue
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$')
    echo "ok    $name: ${runs:-?} inputs in ${seconds}s"
done

if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzzers failed: ${failed[*]}" >&2
    exit 1
fi
