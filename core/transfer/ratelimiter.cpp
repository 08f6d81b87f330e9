#include "ratelimiter.h"

namespace thaw::transfer {

RateLimiter::RateLimiter(qint64 bytesPerSecond, RateLimiter *shared)
    : m_rate(qMax<qint64>(0, bytesPerSecond))
    , m_tokens(double(m_rate))
    , m_shared(shared)
{
    m_elapsed.start();
}

qint64 RateLimiter::bytesPerSecond() const
{
    const std::lock_guard lock(m_mutex);
    return m_rate;
}

qint64 RateLimiter::effectiveBytesPerSecond() const
{
    const qint64 own = bytesPerSecond();
    const qint64 shared = m_shared ? m_shared->effectiveBytesPerSecond() : 0;
    if (own == 0 || shared == 0)
        return qMax(own, shared);
    return qMin(own, shared);
}

void RateLimiter::setBytesPerSecond(qint64 bytesPerSecond)
{
    const std::lock_guard lock(m_mutex);
    const qint64 rate = qMax<qint64>(0, bytesPerSecond);
    if (rate == m_rate)
        return;
    if (m_rate == 0)
        m_tokens = double(rate); // from unlimited: a full bucket, as a new one starts
    else if (rate == 0)
        m_tokens = 0; // unlimited: no debt is carried over
    else
        m_tokens = qMin(m_tokens, double(rate));
    m_rate = rate;
}

void RateLimiter::setClock(Clock clock)
{
    const std::lock_guard lock(m_mutex);
    m_clock = std::move(clock);
    m_lastMs = -1;
}

qint64 RateLimiter::now() const
{
    return m_clock ? m_clock() : m_elapsed.elapsed();
}

qint64 RateLimiter::takeLocked(qint64 bytes, qint64 nowMs)
{
    m_charged += bytes;
    if (m_rate == 0) {
        m_lastMs = qMax(m_lastMs, nowMs);
        return 0;
    }
    if (m_lastMs >= 0 && nowMs > m_lastMs)
        m_tokens = qMin(double(m_rate), m_tokens + double(nowMs - m_lastMs) * m_rate / 1000.0);
    m_lastMs = qMax(m_lastMs, nowMs);
    m_tokens -= double(bytes);
    if (m_tokens >= 0)
        return 0;
    return qint64(-m_tokens * 1000.0 / m_rate + 0.999);
}

qint64 RateLimiter::take(qint64 bytes, qint64 nowMs)
{
    qint64 delay = 0;
    {
        const std::lock_guard lock(m_mutex);
        delay = takeLocked(bytes, nowMs);
    }
    if (m_shared)
        delay = qMax(delay, m_shared->take(bytes));
    return delay;
}

qint64 RateLimiter::take(qint64 bytes)
{
    qint64 nowMs = 0;
    {
        const std::lock_guard lock(m_mutex);
        nowMs = now();
    }
    return take(bytes, nowMs);
}

qint64 RateLimiter::charged() const
{
    const std::lock_guard lock(m_mutex);
    return m_charged;
}

} // namespace thaw::transfer
