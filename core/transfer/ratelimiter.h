#pragma once

#include <QElapsedTimer>
#include <QtGlobal>

#include <functional>
#include <mutex>

namespace thaw::transfer {

// A token bucket: `bytesPerSecond` tokens a second, at most one second's worth saved up. take()
// charges bytes already received and says how long the caller must stop reading for the
// average to stay at the rate (the client then leaves the socket unread, without blocking, and
// TCP slows the sender down). One bucket may be shared by every chunk of a download, or chained
// under a download's own bucket (`shared`) so that several downloads stay under one global
// limit. The rate may change at any time (setBytesPerSecond(); 0: unlimited): the next take()
// or pauseLeft() of every reader sees it, so a reader that is told to pause asks again with
// pauseLeft() at least once a second rather than sleeping the whole pause at the old rate.
class RateLimiter final
{
public:
    // Milliseconds of any monotonic clock; tests inject one.
    using Clock = std::function<qint64()>;

    // bytesPerSecond 0 (or less): unlimited. `shared`, when given, is charged too (not owned;
    // it must outlive this bucket), and the longer of the two pauses wins.
    explicit RateLimiter(qint64 bytesPerSecond, RateLimiter *shared = nullptr);

    qint64 bytesPerSecond() const;
    // The rate a reader of this bucket gets at most: the lower of its own and the shared
    // bucket's (0: unlimited by both).
    qint64 effectiveBytesPerSecond() const;
    // Takes effect at once: savings above one second at the new rate are dropped, a debt stays
    // (it is paid at the new rate). 0: unlimited.
    void setBytesPerSecond(qint64 bytesPerSecond);
    void setClock(Clock clock);

    // Charges `bytes` at time nowMs (of the clock the caller uses throughout); the pause due, in
    // milliseconds. The shared bucket, if any, is charged at its own clock's time.
    qint64 take(qint64 bytes, qint64 nowMs);
    // take() at the clock's current time.
    qint64 take(qint64 bytes);
    // The pause still due for what was charged so far, at the current rate, charging nothing
    // (take(0)): what a paused reader asks when a step of its pause ends. 0: read on.
    qint64 pauseLeft(qint64 nowMs) { return take(0, nowMs); }
    qint64 pauseLeft() { return take(0); }

    qint64 charged() const; // every byte ever charged, over all readers

private:
    qint64 takeLocked(qint64 bytes, qint64 nowMs);
    qint64 now() const;

    // Downloads on different threads may share one bucket.
    mutable std::mutex m_mutex;
    qint64 m_rate = 0; // 0: unlimited
    double m_tokens = 0;
    qint64 m_lastMs = -1;
    qint64 m_charged = 0;
    RateLimiter *m_shared;
    Clock m_clock;
    QElapsedTimer m_elapsed;
};

} // namespace thaw::transfer
