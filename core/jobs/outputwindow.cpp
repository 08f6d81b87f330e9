#include "outputwindow.h"

#include "pollschedule.h"

#include <algorithm>

namespace thaw::jobs {

using namespace std::chrono_literals;

std::optional<QDateTime> outputWindowEnd(const glacier::JobDescription &job)
{
    if (job.statusCode != glacier::JobStatus::Succeeded || !job.completionDate
        || !job.completionDate->isValid())
        return std::nullopt;
    return job.completionDate->addDuration(schedule::kOutputWindow);
}

std::optional<std::chrono::milliseconds> remainingOutputWindow(const glacier::JobDescription &job,
                                                               const QDateTime &now)
{
    const std::optional<QDateTime> end = outputWindowEnd(job);
    if (!end)
        return std::nullopt;
    return std::max(std::chrono::milliseconds(now.msecsTo(*end)), 0ms);
}

bool isExpired(const glacier::JobDescription &job, const QDateTime &now)
{
    const std::optional<QDateTime> end = outputWindowEnd(job);
    return end && now >= *end;
}

} // namespace thaw::jobs
