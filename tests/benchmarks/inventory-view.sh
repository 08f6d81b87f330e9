#!/usr/bin/env bash
# Inventory view benchmark: with 1,000,000 archives in the inventory cache, the time from
# opening the vault to the first rows shown, and from a search keystroke to the updated view.
#
#   tests/benchmarks/inventory-view.sh BUILD_DIR [ARCHIVES]     (default 1000000)
#
# Runs thaw-inventory-view-bench (tests/benchmarks/inventoryviewbench.cpp; built with the
# tests, i.e. THAW_BUILD_TESTS=ON, the default: `cmake --build BUILD_DIR --target
# thaw-inventory-view-bench`). It generates the inventory (JSON made on the fly) and imports
# it through the core importer into ${TMPDIR:-/tmp}/thaw-inventory-view-bench-<N>.sqlite once;
# later runs reuse that cache (delete it to import again, e.g. after a schema change). Its
# search index is dropped at every run, so that its one-time build is measured too. Then a real
# InventoryView is shown (under Xvfb when xvfb-run is installed and there is no display, else the
# offscreen platform) and measured:
#   - open: setVault() → the first page of rows on screen (the count of all rows follows and is
#     printed for information);
#   - the search index: opening the inventory starts its build in the background; the time to
#     it and the bytes it adds are printed (information). "report-00123" is typed once while it
#     builds (searches scan the names then; information);
#   - search: "report-00123" (20 matches per million) typed one key at a time with the index,
#     each keystroke → its rows on screen (the worst keystroke counts; each one waits for the
#     previous query's count and 200 ms more, as a user reads), with the CPU time of each;
#   - burst: the same typed 40 ms a key without waiting (stale queries are interrupted), the
#     last keystroke → its rows on screen (information);
#   - sort by size → rows on screen (information).
# Targets: open ≤ 1 s and every keystroke ≤ 100 ms. Absolute times are printed (there is no
# reference implementation to compare with in the same run); the CPU times tell how much of a
# keystroke was work and how much waiting for a core on a busy machine. Exits 1 when a target
# is missed. A Release build gives the numbers to quote; run it on an otherwise idle machine.
set -euo pipefail

build_dir=${1:?usage: inventory-view.sh BUILD_DIR [ARCHIVES]}
archives=${2:-1000000}
me=inventory-view.sh
bench="$build_dir/tests/ui/inventory/thaw-inventory-view-bench"
[[ -x $bench ]] || {
    echo "$me: no benchmark at $bench; build it: cmake --build $build_dir --target thaw-inventory-view-bench" >&2
    exit 2
}
[[ $archives =~ ^[1-9][0-9]*$ ]] || { echo "$me: ARCHIVES must be a positive integer" >&2; exit 2; }

cache=${TMPDIR:-/tmp}/thaw-inventory-view-bench-$archives.sqlite
echo "$me: $archives archives, cache $cache, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -z ${DISPLAY:-} ]] && command -v xvfb-run >/dev/null; then
    exec xvfb-run -a -s '-screen 0 1280x800x24' "$bench" --archives "$archives" --cache "$cache"
fi
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} exec "$bench" --archives "$archives" --cache "$cache"
