#pragma once

#include <QLoggingCategory>

namespace thaw::transfer {

// The restore engine's log lines ("thaw.transfer").
Q_DECLARE_LOGGING_CATEGORY(lcTransfer)

} // namespace thaw::transfer
