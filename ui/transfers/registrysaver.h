#pragma once

#include "core/transfer/downloadregistry.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

namespace thaw::ui {

// Saves the desktop application's DownloadRegistry as it changes, without making the GUI wait
// for the disk. A save rewrites the whole file with two fsyncs, so saves are throttled: a change
// after a quiet moment is saved at once (one restore queued by the user is on disk as soon as
// the disk allows), the changes that follow within `interval` are saved together when it ends
// (queueing 10,000 restores writes the file a few times per second, not 10,000 times). The GUI
// thread only takes a snapshot of the list (shared, not copied); a worker thread serializes,
// writes, fsyncs and renames it, one save at a time: a snapshot taken while a save is under way
// waits, and a newer one replaces it. flush() is synchronous: it waits for the save under way,
// then writes the newest state itself; it runs when the application quits and on destruction.
class RegistrySaver final : public QObject
{
    Q_OBJECT

public:
    // Writes a snapshot; called on the worker thread (and by flush() on the caller's).
    using Writer = std::function<bool(
        const QString &path, const QList<transfer::RegisteredDownload> &entries, QString *error)>;

    static constexpr std::chrono::milliseconds DefaultInterval{250};
    static constexpr std::chrono::milliseconds MaxRetryDelay{30000};

    // writer: DownloadRegistry::writeFile unless a test records what is written, and where.
    explicit RegistrySaver(transfer::DownloadRegistry &registry,
                           std::chrono::milliseconds interval = DefaultInterval, Writer writer = {},
                           QObject *parent = nullptr);
    ~RegistrySaver() override; // flush()

    // The registry changed (set()/erase()): saved at once, or when the current interval ends.
    void scheduleSave();
    // Waits for the save under way, then writes what it did not hold, on this thread. False
    // with *error when that write failed (the registry stays dirty for the next try).
    bool flush(QString *error = nullptr);

    // A change waits for the interval, or a save is queued or being written.
    bool isSavePending() const;
    // Snapshots written successfully, by the worker and by flush().
    int writeCount() const { return m_writeCount; }

Q_SIGNALS:
    // A save on the worker failed; the registry is dirty again and is saved again by itself,
    // after the interval and then twice as long each time it fails again (up to MaxRetryDelay),
    // or sooner by flush().
    void saveFailed(const QString &error);

private:
    struct Outcome
    {
        bool ok = false;
        QString error;
    };

    void saveNow();
    void startWrite(QList<transfer::RegisteredDownload> snapshot);
    void writeFinished(quint64 sequence);
    Outcome takeOutcome(); // of the finished save under way

    transfer::DownloadRegistry &m_registry;
    Writer m_writer;
    std::chrono::milliseconds m_throttle;   // the interval between saves
    std::chrono::milliseconds m_retryDelay; // after a failed save; doubles while they fail
    QTimer m_interval; // running: a save started less than `interval` ago, or a retry waits
    bool m_due = false;         // a change waits for m_interval to end
    QThreadPool m_pool;         // one thread: saves in order, one at a time
    QFuture<Outcome> m_writing; // the save under way, when m_busy
    bool m_busy = false;
    quint64 m_sequence = 0; // of the save under way; its finish notification must match
    std::optional<QList<transfer::RegisteredDownload>> m_queued; // waits for m_writing
    int m_writeCount = 0;
};

} // namespace thaw::ui
