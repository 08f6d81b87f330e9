#include "journalsaver.h"

#include "partfile.h"

#include <QMutexLocker>

namespace thaw::transfer {

JournalSaver::JournalSaver(PartFile *part, QString journalPath, QObject *parent)
    : QObject(parent)
    , m_part(part)
    , m_path(std::move(journalPath))
{
    m_thread.setMaxThreadCount(1);
}

JournalSaver::~JournalSaver()
{
    waitForTask();
}

void JournalSaver::save(DownloadJournal record, Done done)
{
    if (m_inFlight) {
        m_next = std::move(record);
        m_nextDone.push_back(std::move(done));
        return;
    }
    startSave(std::move(record), {std::move(done)});
}

void JournalSaver::startSave(DownloadJournal record, std::vector<Done> done)
{
    m_inFlight = true;
    {
        QMutexLocker locker(&m_mutex);
        ++m_tasks; // the last one may not have left the thread yet
    }
    const quint64 generation = m_generation;
    m_thread.start([this, generation, record = std::move(record), done = std::move(done)] {
        const Outcome outcome = saveHere(record);
        QMetaObject::invokeMethod(
            this, [this, generation, outcome, done] { onSaved(generation, outcome, done); },
            Qt::QueuedConnection);
        QMutexLocker locker(&m_mutex);
        --m_tasks;
        m_taskEnded.wakeAll();
    });
}

void JournalSaver::onSaved(quint64 generation, const Outcome &outcome,
                           const std::vector<Done> &done)
{
    if (generation != m_generation)
        return; // cancelled: a later save or saveNow() took over
    m_inFlight = false;
    if (m_next) {
        // Started before the answers, which may stop the download and cancel it.
        std::optional<DownloadJournal> next = std::exchange(m_next, std::nullopt);
        startSave(std::move(*next), std::exchange(m_nextDone, {}));
    }
    for (const Done &answer : done)
        answer(outcome.ok, outcome.error, outcome.partMtimeNs);
}

JournalSaver::Outcome JournalSaver::saveHere(DownloadJournal record) const
{
    Outcome outcome;
    if (!m_part->syncData(&outcome.error))
        return outcome;
    record.partModificationTimeNs = m_part->modificationTimeNs();
    if (!record.save(m_path, &outcome.error))
        return outcome;
    outcome.ok = true;
    outcome.partMtimeNs = record.partModificationTimeNs;
    return outcome;
}

void JournalSaver::waitForTask()
{
    QMutexLocker locker(&m_mutex);
    while (m_tasks > 0)
        m_taskEnded.wait(&m_mutex);
}

void JournalSaver::cancel()
{
    waitForTask();
    ++m_generation;
    m_inFlight = false;
    m_next.reset();
    m_nextDone.clear();
}

bool JournalSaver::saveNow(DownloadJournal record, qint64 *partMtimeNs, QString *error)
{
    cancel();
    const Outcome outcome = saveHere(std::move(record));
    if (!outcome.ok) {
        *error = outcome.error;
        return false;
    }
    *partMtimeNs = outcome.partMtimeNs;
    return true;
}

} // namespace thaw::transfer
