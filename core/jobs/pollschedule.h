#pragma once

#include "core/glacier/jobdescription.h"

#include <chrono>

namespace thaw::jobs {

// When to ask Glacier about a job again: pure functions of the tier, the job's age and the
// errors in a row, so the policy is tested as a table.
//
// Typical completion times, from "Archive Retrieval Options" in
// https://docs.aws.amazon.com/amazonglacier/latest/dev/downloading-an-archive-two-steps.html
//   Expedited: 1–5 minutes (archives over 250 MB may take longer)
//   Standard:  3–5 hours
//   Bulk:      5–12 hours
// Describe Job costs nothing but counts against the API rate limits, so a job is not asked
// about before it can plausibly be done, then often while it typically finishes, then less
// often. A user in a hurry has JobWatcher::refreshNow().
//
//   tier       first check   while typical        after that
//   Expedited  1 min         every 1 min to 5 min every 2 min to 30 min, then every 5 min
//   Standard   3 h           every 15 min to 5 h  every 30 min
//   Bulk       5 h           every 30 min to 12 h every hour
// A job without a tier (inventory retrievals have none) follows Standard, AWS's default tier.
namespace schedule {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

struct TierSchedule
{
    seconds firstCheck;  // after creation
    seconds typicalEnd;  // end of the typical completion window
    seconds typicalStep; // between checks inside the window
    seconds lateEnd;     // Expedited only: a second, slower phase ends here
    seconds lateStep;    // between checks from typicalEnd to lateEnd
    seconds overdueStep; // between checks after that
};

// Retryable errors back off exponentially: 1, 2, 4, ... minutes, at most an hour, and never
// sooner than the tier's own schedule. Non-retryable errors (access denied, a bad signature)
// wait the full cap: they need the user, who can refresh by hand once they are fixed.
inline constexpr seconds kErrorBackoffBase = minutes(1);
inline constexpr seconds kErrorBackoffCap = hours(1);

// With this many watched jobs in one vault, one List Jobs call replaces a Describe Job per job.
inline constexpr int kListJobsThreshold = 3;

// How long after completion a job's output can be downloaded: "After completion, a job does not
// expire for at least 24 hours" (downloading-an-archive-two-steps.html, api-describe-job-get.html).
inline constexpr hours kOutputWindow = hours(24);

} // namespace schedule

// The phases of `tier`, or of Standard when the tier is unknown.
schedule::TierSchedule tierSchedule(std::optional<glacier::RetrievalTier> tier);

// The delay before the next poll of a job `elapsedSinceCreation` old (a negative age, from a
// skewed clock, counts as zero) after `consecutiveErrors` retryable errors in a row (0 after a
// good answer). Before the first check: the time left until it; after: the phase's step.
std::chrono::seconds nextPollDelay(std::optional<glacier::RetrievalTier> tier,
                                   std::chrono::seconds elapsedSinceCreation,
                                   int consecutiveErrors);

// The back-off alone: 0 without errors, else kErrorBackoffBase * 2^(errors - 1) up to the cap.
std::chrono::seconds errorBackoff(int consecutiveErrors);

} // namespace thaw::jobs
