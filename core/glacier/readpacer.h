#pragma once

#include <QTimer>

#include <chrono>
#include <functional>

namespace thaw::glacier {

// When one reply's body may be read: paused while a sink's bandwidth limit asks for it (in steps
// of at most MaxStep, the sink asked again after each), held while the sink has no buffer free,
// and a reply that finishes meanwhile kept waiting until its buffered rest has been read.
// The unread bytes wait in the reply's bounded read buffer, so TCP slows the sender down.
class ReadPacer final
{
public:
    // How long the sink still wants reading paused, asked after each step (it may have changed).
    using DelayLeft = std::function<qint64()>;
    // Reading may go on (a pause ended, or a buffer came free).
    using Resume = std::function<void()>;

    ReadPacer(DelayLeft delayLeft, Resume resume);

    // The longest a pause runs before the sink is asked again, so that a bandwidth limit changed
    // during a long pause applies within this time.
    static constexpr std::chrono::milliseconds MaxStep{1000};

    // A new attempt or an abort: no pause, no hold, no waiting end.
    void reset();

    // The sink asked for delayMs without reading (nothing when <= 0): pauses for one step.
    void pause(qint64 delayMs);
    // The sink has no buffer free: reading waits for bufferReady().
    void holdForBuffer();
    // The sink has a buffer free again; resumes when reading waited for one.
    void bufferReady();

    bool isHeld() const { return m_timer.isActive() || m_bufferFull; }
    // The pause step running, in ms; 0 when none.
    qint64 stepMs() const { return m_timer.isActive() ? m_timer.interval() : 0; }

    // The reply finished. True when reading is held: its end then waits until takeDueFinish().
    bool deferFinish();
    // After a read: true, once, when an end waits and may go on now (reading not held, nothing
    // left in the reply's buffer).
    bool takeDueFinish(bool bytesBuffered);
    // The reply failed locally or was aborted: true, once, when an end was waiting (it goes on
    // now, whatever is buffered).
    bool takeDeferredFinish();

private:
    void onStepEnded();

    DelayLeft m_delayLeft;
    Resume m_resume;
    QTimer m_timer; // runs while the sink asked for a pause (one step of it)
    bool m_bufferFull = false;
    bool m_finishDeferred = false;
};

} // namespace thaw::glacier
