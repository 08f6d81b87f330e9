#pragma once

#include <QStringList>

namespace thaw::cli {

// thaw-cli tree-hash FILE [--range START-END]: prints the SHA-256 tree hash of a file, or of an
// inclusive byte range of it, in lower-case hex. With --output json: an object with Size (bytes
// hashed), SHA256 and SHA256TreeHash. `arguments` is argv without the command word.
int runTreeHash(const QStringList &arguments);

} // namespace thaw::cli
