#pragma once

#include <QString>

namespace thaw {

// The version of this build, e.g. "0.1.0", from the top-level CMake project().
QString versionString();

} // namespace thaw
