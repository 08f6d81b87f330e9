#!/usr/bin/env bash
# ctest packaging_install: `cmake --install <builddir>` into a temporary prefix puts every
# installed file where the desktop and man expect it, and the installed binaries run.
set -euo pipefail
build=${1:?usage: check-install.sh <builddir>}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
status=0
for f in bin/thaw bin/thaw-cli bin/thaw-emulator \
         share/applications/io.github.thaw.Thaw.desktop \
         share/metainfo/io.github.thaw.Thaw.metainfo.xml \
         share/icons/hicolor/scalable/apps/io.github.thaw.Thaw.svg \
         share/man/man1/thaw.1 share/man/man1/thaw-cli.1; do
    if [[ ! -e "$prefix/$f" ]]; then
        echo "missing after install: $f" >&2
        status=1
    fi
done
[[ $status -eq 0 ]] || exit $status
"$prefix/bin/thaw-cli" --help | grep -q '^usage: thaw-cli'
# The demo finds thaw-emulator beside thaw: it must run from there.
"$prefix/bin/thaw-emulator" --help >/dev/null 2>&1 || [[ $? -eq 2 ]]
QT_QPA_PLATFORM=offscreen "$prefix/bin/thaw" --version | grep -q 'thaw'
echo "installed and runnable under $prefix"
