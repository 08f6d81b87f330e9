#pragma once

#include <chrono>
#include <functional>

namespace thaw::glacier {

// When to try a failed call again: exponential backoff with full jitter
// (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), bounded in
// attempts and in total time. The random source is injectable so tests are deterministic.
struct RetryPolicy
{
    std::chrono::milliseconds baseDelay{200};
    std::chrono::milliseconds maxDelay{20'000};
    int maxAttempts = 5; // in all, the first one included
    std::chrono::milliseconds maxTotalTime{120'000};
    // Uniform in [0, 1); QRandomGenerator::global() when empty.
    std::function<double()> random;

    // The pause before retry number `retry` (1 for the first retry):
    // random() * min(maxDelay, baseDelay * 2^(retry-1)).
    std::chrono::milliseconds delayBeforeRetry(int retry) const;

    // Whether attempt number attempt + 1 may start, `elapsed` after the first one started,
    // after waiting `delay`.
    bool mayRetry(int attemptsMade, std::chrono::milliseconds elapsed,
                  std::chrono::milliseconds delay) const;

    static RetryPolicy none();
};

} // namespace thaw::glacier
