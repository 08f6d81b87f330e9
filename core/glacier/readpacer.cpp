#include "readpacer.h"

#include <utility>

namespace thaw::glacier {

ReadPacer::ReadPacer(DelayLeft delayLeft, Resume resume)
    : m_delayLeft(std::move(delayLeft))
    , m_resume(std::move(resume))
{
    m_timer.setSingleShot(true);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { onStepEnded(); });
}

void ReadPacer::reset()
{
    m_timer.stop();
    m_bufferFull = false;
    m_finishDeferred = false;
}

void ReadPacer::pause(qint64 delayMs)
{
    if (delayMs <= 0)
        return;
    m_timer.start(int(qMin<qint64>(delayMs, MaxStep.count())));
}

void ReadPacer::holdForBuffer()
{
    m_bufferFull = true;
}

void ReadPacer::bufferReady()
{
    if (!m_bufferFull)
        return;
    m_bufferFull = false;
    m_resume(); // and finishes a reply that ended meanwhile
}

void ReadPacer::onStepEnded()
{
    // The sink is asked again rather than trusted for the whole pause it first asked for: its
    // limit may have been raised, lifted or lowered since.
    const qint64 left = m_delayLeft ? m_delayLeft() : 0;
    if (left > 0) {
        pause(left);
        return;
    }
    m_resume(); // and finishes a reply that ended meanwhile
}

bool ReadPacer::deferFinish()
{
    if (!isHeld())
        return false;
    m_finishDeferred = true;
    return true;
}

bool ReadPacer::takeDueFinish(bool bytesBuffered)
{
    if (!m_finishDeferred || isHeld() || bytesBuffered)
        return false;
    m_finishDeferred = false;
    return true;
}

bool ReadPacer::takeDeferredFinish()
{
    return std::exchange(m_finishDeferred, false);
}

} // namespace thaw::glacier
