#!/usr/bin/env bash
# Screenshots of Thaw for the README: runs the app in demo mode (a local thaw-emulator with
# sample vaults; nothing is saved) on a virtual 1280x800 X screen, once per view, and saves
# docs/<name>.png with ImageMagick's `import -window root`.
#   docs/screenshots.sh <builddir>      e.g. docs/screenshots.sh build
# Needs xvfb-run (xvfb, xauth), import (imagemagick), fonts-wqy-microhei (the demo has CJK file
# names) and a built thaw + thaw-emulator.
set -euo pipefail
build=${1:?usage: docs/screenshots.sh <builddir>}
docs=$(cd "$(dirname "$0")" && pwd)
thaw=$(cd "$build" && pwd)/app/thaw
[[ -x "$thaw" ]] || { echo "screenshots: no $thaw (build the thaw target first)" >&2; exit 2; }
for tool in xvfb-run import; do
    command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing" >&2; exit 2; }
done

# One run per view: start the app, wait for its "SCREENSHOT-READY <view>" line, capture.
shoot() {
    local view=$1 out=$2
    xvfb-run -a -s '-screen 0 1280x800x24' bash -c '
        set -euo pipefail
        log=$(mktemp)
        "$1" --screenshot-view "$2" >"$log" 2>/dev/null &
        app=$!
        for _ in $(seq 1 300); do
            grep -q "^SCREENSHOT-READY" "$log" && break
            kill -0 "$app" 2>/dev/null || { echo "screenshots: thaw exited early" >&2; exit 1; }
            sleep 0.1
        done
        grep -q "^SCREENSHOT-READY" "$log" || { echo "screenshots: $2 never got ready" >&2; kill "$app"; exit 1; }
        import -window root "$3"
        kill "$app"; wait "$app" 2>/dev/null || true
        rm -f "$log"
    ' bash "$thaw" "$view" "$out"
    echo "screenshots: $out"
}

# XDG dirs of their own, so a run never touches the user's settings or keychain.
export XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_CACHE_HOME=$tmp/cache
XDG_RUNTIME_DIR=$tmp/runtime
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

shoot jobs "$docs/screenshot-jobs.png"
shoot inventory "$docs/screenshot-inventory.png"
shoot transfers "$docs/screenshot-transfers.png"
shoot account-dialog "$docs/screenshot-account.png"
