#!/usr/bin/env bash
# The demo's thaw-emulator never outlives Thaw: `thaw --demo` (offscreen, in a throw-away HOME)
# is ended with SIGTERM — it must quit cleanly (exit 0) and stop its emulator — and with
# SIGKILL — the kernel must end the emulator (PR_SET_PDEATHSIG).
#   demo-lifetime.sh THAW THAW_EMULATOR
set -uo pipefail
thaw=${1:?usage: demo-lifetime.sh THAW THAW_EMULATOR}
export THAW_EMULATOR=${2:?usage: demo-lifetime.sh THAW THAW_EMULATOR}
command -v pgrep >/dev/null || { echo "pgrep missing (procps)"; exit 77; }
tmp=$(mktemp -d)
app=""
emulator=""
cleanup() {
    [[ -n $app ]] && kill -KILL "$app" 2>/dev/null
    [[ -n $emulator ]] && kill -KILL "$emulator" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_CACHE_HOME=$tmp/cache
export QT_QPA_PLATFORM=offscreen

gone_within() { # PID SECONDS
    for _ in $(seq 1 $(($2 * 10))); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}

for signal in TERM KILL; do
    "$thaw" --demo >"$tmp/log" 2>&1 &
    app=$!
    emulator=""
    for _ in $(seq 1 300); do
        emulator=$(pgrep -P "$app" -f thaw-emulator | head -n 1)
        [[ -n $emulator ]] && break
        sleep 0.1
    done
    if [[ -z $emulator ]]; then
        echo "SIG$signal: thaw --demo started no thaw-emulator"; cat "$tmp/log"; exit 1
    fi
    sleep 1 # the demo is up and serving
    kill "-$signal" "$app"
    wait "$app"
    status=$?
    app=""
    if [[ $signal == TERM && $status -ne 0 ]]; then
        echo "SIGTERM: thaw exited with $status instead of quitting cleanly"; cat "$tmp/log"; exit 1
    fi
    if ! gone_within "$emulator" 10; then
        echo "SIG$signal: thaw-emulator $emulator still runs after thaw ended"
        exit 1
    fi
    emulator=""
    echo "SIG$signal: thaw ended ($status), its thaw-emulator too"
done
