#pragma once

#include <QStringList>

namespace thaw::cli {

// thaw-cli sign: see README.md.
int runSign(const QStringList &arguments);

} // namespace thaw::cli
