#pragma once

#include "downloadjournal.h"

#include <QMutex>
#include <QObject>
#include <QThreadPool>
#include <QWaitCondition>

#include <functional>
#include <optional>
#include <vector>

namespace thaw::transfer {

class PartFile;

// Makes verified chunks durable off the caller's thread: fdatasync of the .part, then the journal
// saved atomically, so a chunk is in the journal only once its bytes are on disk. One save runs at
// a time; what is asked for meanwhile is merged into the next one (the newest record wins, every
// caller is answered), so a fast download makes few saves and never waits for one. saveNow()
// is the synchronous form for the clean stops. Lives on the caller's thread; answers come there.
class JournalSaver final : public QObject
{
    Q_OBJECT

public:
    // ok, the error when not, and the .part's mtime recorded in the journal.
    using Done = std::function<void(bool ok, const QString &error, qint64 partMtimeNs)>;

    JournalSaver(PartFile *part, QString journalPath, QObject *parent = nullptr);
    ~JournalSaver() override; // waits for a save in flight

    // Saves `record` (its partModificationTimeNs is filled in) after syncing the .part; `done` is
    // called from the event loop once it is durable or failed.
    void save(DownloadJournal record, Done done);
    // Waits for a save in flight, forgets the ones asked for (their callers are not answered),
    // then, with a record, syncs the .part and saves it here and now.
    bool saveNow(DownloadJournal record, qint64 *partMtimeNs, QString *error);
    void cancel(); // waits for a save in flight and forgets the ones asked for
    bool isBusy() const { return m_inFlight; }

private:
    struct Outcome
    {
        bool ok = false;
        QString error;
        qint64 partMtimeNs = -1;
    };

    void startSave(DownloadJournal record, std::vector<Done> done);
    void onSaved(quint64 generation, const Outcome &outcome, const std::vector<Done> &done);
    Outcome saveHere(DownloadJournal record) const;
    void waitForTask();

    PartFile *m_part;
    QString m_path;
    QThreadPool m_thread;     // one thread
    quint64 m_generation = 0; // bumped by cancel(): older answers are dropped
    bool m_inFlight = false;
    std::optional<DownloadJournal> m_next;
    std::vector<Done> m_nextDone;
    QMutex m_mutex;
    QWaitCondition m_taskEnded;
    int m_tasks = 0; // started and not yet ended
};

} // namespace thaw::transfer
