#pragma once

#include <QDateTime>

#include <chrono>
#include <functional>
#include <memory>

class QTimer;

namespace thaw::jobs {

// The watcher's notion of "now", in UTC. Injected so tests move time by hand and never sleep.
using Clock = std::function<QDateTime()>;

// QDateTime::currentDateTimeUtc(): the clock of a real watcher.
QDateTime systemClock();

// A single-shot wake-up for the watcher. The watcher arms it for its next due time; tests
// substitute a fake that records the interval and fires when the test says so.
class PollTimer
{
public:
    virtual ~PollTimer() = default;

    // Called on timeout; set once by the watcher that owns the timer.
    virtual void setTimeoutHandler(std::function<void()> handler) = 0;
    // Fires once after `interval`; restarts the countdown when already running.
    virtual void start(std::chrono::milliseconds interval) = 0;
    virtual void stop() = 0;
};

// PollTimer on a QTimer, for the application.
class QtPollTimer final : public PollTimer
{
public:
    QtPollTimer();
    ~QtPollTimer() override;

    void setTimeoutHandler(std::function<void()> handler) override;
    void start(std::chrono::milliseconds interval) override;
    void stop() override;

private:
    std::unique_ptr<QTimer> m_timer;
    std::function<void()> m_handler;
};

} // namespace thaw::jobs
