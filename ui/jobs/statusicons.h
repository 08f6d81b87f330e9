#pragma once

#include "core/glacier/jobdescription.h"

#include <QIcon>

namespace thaw::ui {

// The status icons of the Jobs and Transfers views: `:/icons/<name>.svg` (resources/icons,
// README there), or a QStyle standard icon when the resource is not compiled in.
enum class StatusIcon {
    InProgress,
    Succeeded,
    Failed,
    Expired,
    Paused,
    Verified,
    Waiting,
    Downloading,
    Warning,
};

QIcon statusIcon(StatusIcon icon);
QIcon jobStatusIcon(glacier::JobStatus status);

} // namespace thaw::ui
