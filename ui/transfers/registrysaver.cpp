#include "registrysaver.h"

#include <QCoreApplication>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace thaw::ui {

using transfer::RegisteredDownload;

RegistrySaver::RegistrySaver(transfer::DownloadRegistry &registry,
                             std::chrono::milliseconds interval, Writer writer, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_writer(writer ? std::move(writer) : Writer(&transfer::DownloadRegistry::writeFile))
    , m_throttle(interval)
    , m_retryDelay(interval)
{
    m_pool.setMaxThreadCount(1);
    m_interval.setSingleShot(true);
    m_interval.setInterval(interval);
    connect(&m_interval, &QTimer::timeout, this, [this] {
        if (m_due)
            saveNow();
    });
    // Nothing is lost when the application quits within an interval of a change.
    if (QCoreApplication *app = QCoreApplication::instance())
        connect(app, &QCoreApplication::aboutToQuit, this, [this] { flush(); });
}

RegistrySaver::~RegistrySaver()
{
    flush();
}

void RegistrySaver::scheduleSave()
{
    if (m_interval.isActive())
        m_due = true; // saved with the others when the interval ends
    else
        saveNow();
}

void RegistrySaver::saveNow()
{
    m_due = false;
    if (!m_registry.isDirty())
        return;
    m_interval.start(m_throttle);
    startWrite(m_registry.takeSnapshot());
}

void RegistrySaver::startWrite(QList<RegisteredDownload> snapshot)
{
    if (m_busy) {
        m_queued = std::move(snapshot); // replaces an older one: this holds all it held
        return;
    }
    m_busy = true;
    const quint64 sequence = ++m_sequence;
    m_writing
        = QtConcurrent::run(&m_pool, [this, sequence, writer = m_writer, path = m_registry.path(),
                                      snapshot = std::move(snapshot)] {
              Outcome outcome;
              outcome.ok = writer(path, snapshot, &outcome.error);
              // Delivered unless flush() took the outcome first (or this object is gone, which
              // it is not before flush() has waited for this save).
              QMetaObject::invokeMethod(
                  this, [this, sequence] { writeFinished(sequence); }, Qt::QueuedConnection);
              return outcome;
          });
}

void RegistrySaver::writeFinished(quint64 sequence)
{
    if (!m_busy || sequence != m_sequence)
        return; // flush() has settled this save already
    const Outcome outcome = takeOutcome();
    if (outcome.ok) {
        m_retryDelay = m_throttle;
    } else if (!m_queued) {
        // The file still holds an older list: tried again by itself (a full disk may free up;
        // a crash before the next change must not lose the restores this save held), later
        // each time, and sooner by a change after the delay or by flush(). (A queued snapshot
        // holds all this one held, and is written next.)
        m_registry.markDirty();
        m_due = true;
        m_interval.start(std::max(m_throttle, m_retryDelay));
        m_retryDelay = std::min(m_retryDelay * 2, std::chrono::milliseconds(MaxRetryDelay));
        Q_EMIT saveFailed(outcome.error);
    }
    if (m_queued) {
        QList<RegisteredDownload> next = std::move(*m_queued);
        m_queued.reset();
        startWrite(std::move(next));
    }
}

RegistrySaver::Outcome RegistrySaver::takeOutcome()
{
    const Outcome outcome = m_writing.result();
    m_writing = {};
    m_busy = false;
    if (outcome.ok)
        ++m_writeCount;
    return outcome;
}

bool RegistrySaver::flush(QString *error)
{
    m_interval.stop();
    m_due = false;
    if (m_busy) {
        // Runs the save here when the worker has not begun it yet (QFuture's wait takes over a
        // task still queued): flush() blocks either way.
        m_writing.waitForFinished();
        if (!takeOutcome().ok)
            m_registry.markDirty(); // written again below
    }
    if (m_queued) {
        // Never written: the snapshot taken below holds everything it held.
        m_queued.reset();
        m_registry.markDirty();
    }
    if (!m_registry.isDirty())
        return true;
    const QList<RegisteredDownload> snapshot = m_registry.takeSnapshot();
    QString why;
    if (m_writer(m_registry.path(), snapshot, &why)) {
        ++m_writeCount;
        return true;
    }
    m_registry.markDirty();
    if (error)
        *error = why;
    return false;
}

bool RegistrySaver::isSavePending() const
{
    return m_due || m_busy || m_queued.has_value() || m_registry.isDirty();
}

} // namespace thaw::ui
