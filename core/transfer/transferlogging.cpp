#include "transferlogging.h"

namespace thaw::transfer {

Q_LOGGING_CATEGORY(lcTransfer, "thaw.transfer")

} // namespace thaw::transfer
