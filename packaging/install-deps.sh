#!/usr/bin/env bash
# Installs the Debian (bookworm) packages Thaw needs, and nothing else.
#   packaging/install-deps.sh          build + run the app
#   packaging/install-deps.sh --tests  also what the test suite needs
# Idempotent: when every package is already installed it does not touch apt at all.
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ pkg-config
    qt6-base-dev qtkeychain-qt6-dev libssl-dev rapidjson-dev
    libsqlite3-dev
    # run time: Qt's SQLite driver, the X11/Wayland platform plugins, SVG icons, the keychain backend
    libqt6sql6-sqlite qt6-qpa-plugins libqt6svg6 libsecret-1-0 fonts-dejavu-core
)
if [[ "${1:-}" == "--tests" ]]; then
    packages+=(
        # an independent tree-hash and SigV4 implementation to compare against
        python3 python3-botocore python3-boto3
        # a real Secret Service keychain on a private session bus
        gnome-keyring dbus-daemon
        # the benchmarks: openssl's own sha256 and curl as the references, GNU time for peak RSS
        openssl curl time
        # libFuzzer for the parser fuzz targets; appstreamcli to validate the metainfo
        clang-14 libclang-rt-14-dev appstream
        # the man pages' render check; pgrep for the demo-lifetime test
        groff-base procps
    )
fi

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "installed" ]] || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=120 update -qq
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=120 install -y --no-install-recommends "${missing[@]}"
