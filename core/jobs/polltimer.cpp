#include "polltimer.h"

#include <QTimer>

namespace thaw::jobs {

QDateTime systemClock()
{
    return QDateTime::currentDateTimeUtc();
}

QtPollTimer::QtPollTimer()
    : m_timer(std::make_unique<QTimer>())
{
    m_timer->setSingleShot(true);
    // Polls are minutes to hours apart: a few seconds of slack lets the system batch wake-ups.
    m_timer->setTimerType(Qt::VeryCoarseTimer);
    QObject::connect(m_timer.get(), &QTimer::timeout, m_timer.get(), [this] {
        if (m_handler)
            m_handler();
    });
}

QtPollTimer::~QtPollTimer() = default;

void QtPollTimer::setTimeoutHandler(std::function<void()> handler)
{
    m_handler = std::move(handler);
}

void QtPollTimer::start(std::chrono::milliseconds interval)
{
    m_timer->start(interval);
}

void QtPollTimer::stop()
{
    m_timer->stop();
}

} // namespace thaw::jobs
