#pragma once

#include "core/glacier/jobdescription.h"

#include <QDateTime>

#include <chrono>
#include <optional>

namespace thaw::jobs {

// The 24 hours after completion in which a job's output can be downloaded: "After completion, a
// job does not expire for at least 24 hours, which means that you can download the output within
// the 24-hour period after the job is completed."
// https://docs.aws.amazon.com/amazonglacier/latest/dev/downloading-an-archive-two-steps.html
// Only a Succeeded job with a CompletionDate has such a window; a Failed job has no output.

// CompletionDate + 24 h, or nullopt when the job has no output (yet).
std::optional<QDateTime> outputWindowEnd(const glacier::JobDescription &job);

// Time left to download at `now`: nullopt without a window, zero once it has ended.
std::optional<std::chrono::milliseconds> remainingOutputWindow(const glacier::JobDescription &job,
                                                               const QDateTime &now);

// True from CompletionDate + 24 h on (not a millisecond before).
bool isExpired(const glacier::JobDescription &job, const QDateTime &now);

} // namespace thaw::jobs
