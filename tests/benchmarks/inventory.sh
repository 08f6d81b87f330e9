#!/usr/bin/env bash
# Inventory benchmark: thaw-cli inventory import and export on a generated 1,000,000-archive
# inventory (about 380 MB of JSON, descriptions of every known format), against Python on the
# same file in the same run.
#
#   tests/benchmarks/inventory.sh [BUILD_DIR] [ARCHIVES]      (defaults: build-inv-rel, 1000000)
#
# Creates ${TMPDIR:-/tmp}/thaw-inventory-bench-<ARCHIVES>.json once (inventory-generate.py;
# reused by later runs). Then, RUNS times (default 3), alternating:
#   - python3 -c 'import json; json.load(open(F))'  (parse only, into Python objects);
#   - thaw-cli inventory import --cache FRESH.sqlite F  (parse, decode every description,
#     insert, build the indexes and the folder tree, commit);
#   - inventory-python-export.py F OUT  (json.load + the csv module, same columns);
#   - thaw-cli inventory export --csv OUT  (from the cache).
# Prints the best wall time of each, the ratios, the best CPU seconds (user + system) of each —
# steadier than wall time on a shared machine —, and peak RSS (GNU time's %M, the largest of
# the runs) of thaw-cli. Targets: import >= 5x faster than json.load, export >= 10x faster than the
# Python export, thaw-cli peak RSS <= 200 MB. Each target is reported as met or missed; exits 1
# when one is missed. Run it on an otherwise idle machine (the load average is printed).
set -euo pipefail

build_dir=${1:-build-inv-rel}
archives=${2:-1000000}
runs=${RUNS:-3}
me=inventory.sh
here=$(cd "$(dirname "$0")" && pwd)
cli="$build_dir/app/cli/thaw-cli"
[[ -x $cli ]] || { echo "$me: no thaw-cli at $cli; build first" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "$me: /usr/bin/time missing (apt install time)" >&2; exit 2; }
[[ $archives =~ ^[1-9][0-9]*$ ]] || { echo "$me: ARCHIVES must be a positive integer" >&2; exit 2; }

tmp=${TMPDIR:-/tmp}
input=$tmp/thaw-inventory-bench-$archives.json
work=$(mktemp -d "$tmp/thaw-inventory-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
unset THAW_INVENTORY_CACHE

if [[ ! -s $input ]]; then
    echo "generating $input ($archives archives)..."
    python3 "$here/inventory-generate.py" "$input.tmp" "$archives"
    mv "$input.tmp" "$input"
fi
echo "input: $input ($(stat -c %s "$input") bytes), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$input" >/dev/null # into the page cache, for every contender alike

# run NAME COMMAND...: wall seconds and peak KB of one run into $work/NAME.times
run() {
    local name=$1
    shift
    /usr/bin/time -f "%e %M %U %S" -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
        echo "$me: $name failed:" >&2
        cat "$work/$name.err" >&2
        exit 1
    }
    cat "$work/$name.time" >>"$work/$name.times"
}

for ((i = 1; i <= runs; i++)); do
    run py_load python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$input"
    rm -f "$work/cache.sqlite" "$work/cache.sqlite-journal"
    sync -f "$work" 2>/dev/null || true
    run thaw_import "$cli" inventory import --cache "$work/cache.sqlite" --vault-name bench "$input"
    run py_export python3 "$here/inventory-python-export.py" "$input" "$work/py.csv"
    run thaw_export "$cli" inventory export --cache "$work/cache.sqlite" --vault-name bench \
        --csv "$work/thaw.csv"
done

count=$(grep -o '"ArchiveCount": [0-9]*' "$work/thaw_import.out" | grep -o '[0-9]*$')
[[ $count == "$archives" ]] || { echo "$me: imported $count archives, expected $archives" >&2; exit 1; }
echo "imported and exported $count archives"

# What a GUI query costs on this cache (informational; includes thaw-cli's start, ~20 ms):
# a substring search (count + first page), a deep page in size order, a folder's files.
query() { # query LABEL ARGS...
    local label=$1
    shift
    local start end
    start=$(date +%s%N)
    "$cli" inventory list --cache "$work/cache.sqlite" --vault-name bench "$@" >/dev/null
    end=$(date +%s%N)
    printf '  %-44s %5d ms\n' "$label" $(((end - start) / 1000000))
}
echo "queries on $count archives (thaw-cli inventory list, process start included):"
query "first 100 by name" --limit 100
query "search 'img_00123' (count + first 100)" --filter img_00123 --limit 100
query "search 'zzz' (no match: full scan)" --filter zzz --limit 100
query "100 by size from offset 900000" --sort size --offset 900000 --limit 100
query "folder photos/2015/06, by date" --folder photos/2015/06 --sort date --limit 100

best() { sort -n "$work/$1.times" | head -1 | cut -d' ' -f1; }
cpu() { awk '{ print $3 + $4 }' "$work/$1.times" | sort -n | head -1; }
peak() { sort -n -k2 "$work/$1.times" | tail -1 | cut -d' ' -f2; }
py_load=$(best py_load)
thaw_import=$(best thaw_import)
py_export=$(best py_export)
thaw_export=$(best thaw_export)
peak_kb=$(( $(peak thaw_import) > $(peak thaw_export) ? $(peak thaw_import) : $(peak thaw_export) ))

status=0
verdict() { # verdict OK? TEXT
    if [[ $1 == 1 ]]; then echo "  [met]    $2"; else echo "  [missed] $2"; status=1; fi
}
import_ratio=$(awk -v a="$py_load" -v b="$thaw_import" 'BEGIN { printf "%.2f", a / b }')
export_ratio=$(awk -v a="$py_export" -v b="$thaw_export" 'BEGIN { printf "%.2f", a / b }')
echo "best of $runs runs (wall seconds):"
echo "  python json.load         $py_load   (CPU $(cpu py_load) s)"
echo "  thaw-cli inventory import $thaw_import   (python/thaw = ${import_ratio}x; CPU $(cpu thaw_import) s)"
echo "  python json + csv export  $py_export   (CPU $(cpu py_export) s)"
echo "  thaw-cli inventory export $thaw_export   (python/thaw = ${export_ratio}x; CPU $(cpu thaw_export) s)"
echo "  thaw-cli peak RSS        $((peak_kb / 1024)) MiB (import $(( $(peak thaw_import) / 1024 )), export $(( $(peak thaw_export) / 1024 )))"
echo "  python peak RSS          $(( $(peak py_load) / 1024 )) MiB (json.load)"
echo "targets:"
verdict "$(awk -v r="$import_ratio" 'BEGIN { print (r >= 5) }')" "import >= 5x faster than json.load (${import_ratio}x)"
verdict "$(awk -v r="$export_ratio" 'BEGIN { print (r >= 10) }')" "export >= 10x faster than the Python export (${export_ratio}x)"
verdict "$(( peak_kb <= 200 * 1024 ))" "peak RSS <= 200 MB ($((peak_kb / 1024)) MiB)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
