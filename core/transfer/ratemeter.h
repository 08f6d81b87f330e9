#pragma once

#include <QElapsedTimer>
#include <QtGlobal>

namespace thaw::transfer {

// The download rate for progress reports: measured over a second or more and smoothed, so that
// the ETA does not jump about.
class RateMeter final
{
public:
    void start() { m_clock.start(); }
    // Takes the bytes received so far; the current rate in bytes per second (0 until known).
    qint64 update(qint64 totalBytes);
    qint64 bytesPerSecond() const { return m_bytesPerSecond; }

private:
    QElapsedTimer m_clock;
    qint64 m_bytes = 0;
    qint64 m_ms = 0;
    qint64 m_bytesPerSecond = 0;
};

} // namespace thaw::transfer
