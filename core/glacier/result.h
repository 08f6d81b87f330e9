#pragma once

#include "core/common/expected.h"
#include "glaciererror.h"

namespace thaw::glacier {

// Either the typed value of a successful call or the GlacierError that ended it.
template<typename T>
using Result = Expected<T, GlacierError>;

} // namespace thaw::glacier
