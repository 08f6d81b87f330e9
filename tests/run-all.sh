#!/usr/bin/env bash
# Installs what the tests need, builds Thaw with warnings as errors, and runs every test —
# inside a private D-Bus session with an unlocked gnome-keyring, so the keychain tests use a
# real Secret Service and nothing can ever prompt.
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/install-deps.sh --tests

build=${THAW_TEST_BUILD_DIR:-build-tests}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTHAW_WERROR=ON >/dev/null
cmake --build "$build"

export QT_QPA_PLATFORM=offscreen
keyring_data=$(mktemp -d)
keyring_runtime=$(mktemp -d)
trap 'rm -rf "$keyring_data" "$keyring_runtime"' EXIT
XDG_DATA_HOME=$keyring_data XDG_RUNTIME_DIR=$keyring_runtime \
    dbus-run-session -- sh -c \
    'echo -n ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null &&
     ctest --test-dir "$1" --output-on-failure -j2' sh "$build"

# libFuzzer targets (clang build in its own folder): seeds replayed, then ~20 s of fuzzing per
# target, about two minutes in all.
tests/fuzz/run-fuzzers.sh "${THAW_FUZZ_BUILD_DIR:-build-fuzz}" "${THAW_FUZZ_SECONDS:-20}"
