#pragma once

#include <QStringList>

namespace thaw::cli {

// thaw-cli tree-hash: see README.md.
int runTreeHash(const QStringList &arguments);

} // namespace thaw::cli
