#pragma once

#include <QStringList>

namespace thaw::cli {

// thaw-cli download --vault-name V --job-id J --out FILE [--chunk-size MIB] [--parallel N]
// [--limit-rate BYTES_PER_S] [--overwrite] [--verify-kept]: restores a job's output with the
// transfer engine (parallel verified chunks, resumable) and prints a JSON summary on stdout.
// Exit 0 only when the file is complete and verified by a server checksum.
int runDownload(const QStringList &arguments);

} // namespace thaw::cli
