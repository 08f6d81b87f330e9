#include "retrypolicy.h"

#include <QRandomGenerator>

#include <algorithm>

namespace thaw::glacier {

std::chrono::milliseconds RetryPolicy::delayBeforeRetry(int retry) const
{
    const int exponent = std::clamp(retry - 1, 0, 30);
    const double ceiling
        = std::min(double(maxDelay.count()), double(baseDelay.count()) * double(1LL << exponent));
    const double unit = random ? random() : QRandomGenerator::global()->generateDouble();
    return std::chrono::milliseconds(qint64(std::clamp(unit, 0.0, 1.0) * ceiling));
}

bool RetryPolicy::mayRetry(int attemptsMade, std::chrono::milliseconds elapsed,
                           std::chrono::milliseconds delay) const
{
    return attemptsMade < maxAttempts && elapsed + delay <= maxTotalTime;
}

RetryPolicy RetryPolicy::none()
{
    RetryPolicy policy;
    policy.maxAttempts = 1;
    return policy;
}

} // namespace thaw::glacier
