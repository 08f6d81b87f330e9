#!/usr/bin/env bash
# Why issue 5's import target (>= 5x faster than Python's json.load) is out of reach with a
# SQLite cache: times, in one run, python3's json.load of the benchmark inventory (the
# reference of tests/benchmarks/inventory.sh) and the bare SQLite bulk insert of as many rows
# shaped like the cache's (sqlitefloor.cpp: no parsing, no decoding, no indexes, no journal, no
# syncs), and prints the ratio json.load / floor: the best ratio any SQLite-cached importer could
# reach on this machine, before parsing a byte.
#
#   tests/benchmarks/sqlite-floor.sh [ARCHIVES]      (default 1000000)
#
# Needs g++ and libsqlite3-dev (packaging/install-deps.sh) and the generated inventory (made by
# inventory-generate.py when missing, as inventory.sh does). Best of RUNS (default 3).
set -euo pipefail
archives=${1:-1000000}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
tmp=${TMPDIR:-/tmp}
input=$tmp/thaw-inventory-bench-$archives.json
work=$(mktemp -d "$tmp/thaw-sqlite-floor.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [[ ! -s $input ]]; then
    echo "generating $input ($archives archives)..."
    python3 "$here/inventory-generate.py" "$input.tmp" "$archives"
    mv "$input.tmp" "$input"
fi
g++ -O2 -std=c++20 -o "$work/sqlitefloor" "$here/sqlitefloor.cpp" -lsqlite3
cat "$input" >/dev/null # into the page cache
best_load="" best_floor=""
is_less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
for ((i = 1; i <= runs; i++)); do
    start=$(date +%s%N)
    python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$input"
    end=$(date +%s%N)
    load=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    floor=$("$work/sqlitefloor" "$work/floor.sqlite" "$archives")
    rm -f "$work/floor.sqlite"
    echo "run $i: json.load $load s, SQLite bulk insert of $archives rows $floor s"
    if [[ -z $best_load ]] || is_less "$load" "$best_load"; then best_load=$load; fi
    if [[ -z $best_floor ]] || is_less "$floor" "$best_floor"; then best_floor=$floor; fi
done
echo "load average:        $(cut -d' ' -f1-3 /proc/loadavg)"
echo "json.load:           $best_load s (best of $runs)"
echo "SQLite insert floor: $best_floor s (best of $runs; no parse, no indexes, no journal)"
echo "best possible ratio: $(awk -v a="$best_load" -v b="$best_floor" 'BEGIN { printf "%.2f", a / b }')x json.load (issue 5's import target: >= 5x)"
