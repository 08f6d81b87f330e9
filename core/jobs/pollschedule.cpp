#include "pollschedule.h"

#include <algorithm>

namespace thaw::jobs {

using namespace std::chrono_literals;

schedule::TierSchedule tierSchedule(std::optional<glacier::RetrievalTier> tier)
{
    switch (tier.value_or(glacier::RetrievalTier::Standard)) {
    case glacier::RetrievalTier::Expedited:
        return {1min, 5min, 1min, 30min, 2min, 5min};
    case glacier::RetrievalTier::Standard:
        return {3h, 5h, 15min, 5h, 30min, 30min};
    case glacier::RetrievalTier::Bulk:
        return {5h, 12h, 30min, 12h, 1h, 1h};
    }
    return {3h, 5h, 15min, 5h, 30min, 30min};
}

std::chrono::seconds errorBackoff(int consecutiveErrors)
{
    if (consecutiveErrors <= 0)
        return 0s;
    std::chrono::seconds delay = schedule::kErrorBackoffBase;
    for (int i = 1; i < consecutiveErrors && delay < schedule::kErrorBackoffCap; ++i)
        delay *= 2;
    return std::min(delay, schedule::kErrorBackoffCap);
}

std::chrono::seconds nextPollDelay(std::optional<glacier::RetrievalTier> tier,
                                   std::chrono::seconds elapsedSinceCreation, int consecutiveErrors)
{
    const schedule::TierSchedule s = tierSchedule(tier);
    const std::chrono::seconds elapsed = std::max(elapsedSinceCreation, 0s);

    std::chrono::seconds scheduled;
    if (elapsed < s.firstCheck)
        scheduled = s.firstCheck - elapsed;
    else if (elapsed < s.typicalEnd)
        scheduled = s.typicalStep;
    else if (elapsed < s.lateEnd)
        scheduled = s.lateStep;
    else
        scheduled = s.overdueStep;

    return std::max(scheduled, errorBackoff(consecutiveErrors));
}

} // namespace thaw::jobs
