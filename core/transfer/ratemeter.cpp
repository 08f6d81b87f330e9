#include "ratemeter.h"

namespace thaw::transfer {

qint64 RateMeter::update(qint64 totalBytes)
{
    if (!m_clock.isValid())
        return m_bytesPerSecond;
    const qint64 now = m_clock.elapsed();
    if (now - m_ms >= 1000) {
        const qint64 rate = (totalBytes - m_bytes) * 1000 / qMax<qint64>(1, now - m_ms);
        m_bytesPerSecond = m_bytesPerSecond == 0 ? rate : (m_bytesPerSecond + rate) / 2;
        m_bytes = totalBytes;
        m_ms = now;
    }
    return m_bytesPerSecond;
}

} // namespace thaw::transfer
