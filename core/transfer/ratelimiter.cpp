#include "ratelimiter.h"

namespace thaw::transfer {

RateLimiter::RateLimiter(qint64 bytesPerSecond)
    : m_rate(qMax<qint64>(1, bytesPerSecond))
    , m_tokens(double(m_rate))
{
    m_clock.start();
}

qint64 RateLimiter::take(qint64 bytes, qint64 nowMs)
{
    if (m_lastMs >= 0 && nowMs > m_lastMs)
        m_tokens = qMin(double(m_rate), m_tokens + double(nowMs - m_lastMs) * m_rate / 1000.0);
    m_lastMs = qMax(m_lastMs, nowMs);
    m_tokens -= double(bytes);
    if (m_tokens >= 0)
        return 0;
    return qint64(-m_tokens * 1000.0 / m_rate + 0.999);
}

qint64 RateLimiter::take(qint64 bytes)
{
    return take(bytes, m_clock.elapsed());
}

} // namespace thaw::transfer
