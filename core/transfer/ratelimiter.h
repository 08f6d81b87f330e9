#pragma once

#include <QElapsedTimer>
#include <QtGlobal>

namespace thaw::transfer {

// A token bucket shared by every chunk of a download: `bytesPerSecond` tokens a second, at most
// one second's worth saved up. take() charges bytes already received and says how long the
// caller must stop reading for the average to stay at the rate (the client then leaves the
// socket unread, without blocking, and TCP slows the sender down).
class RateLimiter final
{
public:
    explicit RateLimiter(qint64 bytesPerSecond);

    qint64 bytesPerSecond() const { return m_rate; }
    // Charges `bytes` at time nowMs (any monotonic clock); the pause due, in milliseconds.
    qint64 take(qint64 bytes, qint64 nowMs);
    // take() at the current time.
    qint64 take(qint64 bytes);

private:
    qint64 m_rate;
    double m_tokens;
    qint64 m_lastMs = -1;
    QElapsedTimer m_clock;
};

} // namespace thaw::transfer
