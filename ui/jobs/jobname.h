#pragma once

#include "core/glacier/jobdescription.h"

#include <QString>

#include <optional>

namespace thaw::ui {

// What a job is called in the views: the name decoded from its description (FastGlacier,
// mt-aws-glacier, CloudBerry… write the archive's path there), else the description as given,
// else the action and the start of the archive id. One place, so every view names a job alike.
QString jobDisplayName(const glacier::JobDescription &job);

// The size of a job's output: the length of RetrievalByteRange for a ranged job, the archive's
// size for a whole-archive retrieval, InventorySizeInBytes for an inventory; nullopt when the
// job does not say (yet) or RetrievalByteRange is malformed.
std::optional<qint64> jobOutputSize(const glacier::JobDescription &job);

// A file name for the job's output inside a download folder: the last part of the display name
// with characters that are unsafe in a file name replaced, never "." or "..", never a path;
// "<action>-<job id prefix>" when nothing usable is left.
QString suggestedFileName(const glacier::JobDescription &job);

} // namespace thaw::ui
