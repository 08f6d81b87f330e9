#include "transfermanager.h"

#include "ui/clientprovider.h"
#include "ui/jobs/jobname.h"
#include "ui/jobs/jobwatchers.h"

#include "core/glacier/glacierclient.h"
#include "core/transfer/downloadengine.h"
#include "core/transfer/downloadqueue.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

namespace thaw::ui {

using namespace Qt::StringLiterals;
using transfer::DownloadState;
using transfer::RegisteredDownload;

TransferManager::TransferManager(ClientProvider &clients, TransferSettings settings,
                                 QString registryPath, QObject *parent)
    : QObject(parent)
    , m_clients(clients)
    , m_settings(std::move(settings))
    , m_registry(std::move(registryPath))
    , m_saver(m_registry)
    , m_queue(std::make_unique<transfer::DownloadQueue>(nullptr, m_settings.globalParallel))
    , m_watchers(std::make_unique<JobWatchers>(clients))
{
    connect(m_queue.get(), &transfer::DownloadQueue::stateChanged, this,
            &TransferManager::onStateChanged);
    connect(m_queue.get(), &transfer::DownloadQueue::progressChanged, this,
            &TransferManager::onProgress);
    connect(m_queue.get(), &transfer::DownloadQueue::downloadFinished, this,
            &TransferManager::onFinished);
    connect(m_watchers.get(), &JobWatchers::jobCompleted, this,
            [this](const VaultRef &, const glacier::JobDescription &job) {
                onJobReady(job.jobId, job);
            });
    connect(m_watchers.get(), &JobWatchers::jobFailed, this,
            [this](const VaultRef &, const glacier::JobDescription &job) {
                onJobGone(job.jobId,
                          tr("The job failed: %1").arg(job.statusMessage.value_or(QString())));
            });
    connect(m_watchers.get(), &JobWatchers::jobExpired, this,
            [this](const VaultRef &, const QString &jobId) {
                onJobGone(jobId, tr("The job's output is no longer available: it expired or "
                                    "Glacier does not know the job. Request it again."));
            });
    connect(&m_saver, &RegistrySaver::saveFailed, this, [this](const QString &error) {
        Q_EMIT errorOccurred(tr("Cannot remember the downloads: %1").arg(error));
    });
    m_queue->setBandwidthLimit(m_settings.limitRate);
    restore();
}

TransferManager::~TransferManager()
{
    // The engines stop where they are; their journals hold every verified chunk and the
    // registry still lists them, so the next start resumes them.
    m_queue.reset();
    m_watchers.reset();
    // Nothing is lost when the manager goes within a save interval of a change.
    flushRegistry();
}

bool TransferManager::flushRegistry(QString *error)
{
    return m_saver.flush(error);
}

void TransferManager::restore()
{
    if (!m_registry.load(&m_loadError))
        return;
    const QList<RegisteredDownload> entries = m_registry.entries();
    m_restoring = true;
    bool anyWaiting = false;
    for (const RegisteredDownload &entry : entries) {
        anyWaiting = anyWaiting || entry.waitingForJob;
        QString error;
        const TransferStatus status = entry.waitingForJob ? TransferStatus::WaitingForJob
                                      : entry.paused      ? TransferStatus::Paused
                                                          : TransferStatus::Queued;
        if (add(entry, status, &error).isEmpty()) {
            // Kept in the registry: the account may come back (e.g. the keychain was locked).
            // Reported through loadError(): nobody is connected to errorOccurred() yet.
            if (!m_loadError.isEmpty())
                m_loadError += u'\n';
            m_loadError += tr("Cannot resume the download of %1: %2")
                               .arg(entry.label.isEmpty() ? entry.jobId : entry.label, error);
        }
    }
    m_restoring = false;
    if (anyWaiting)
        m_watchers->refreshAll();
}

int TransferManager::rowOf(const QString &id) const
{
    return m_rowOfId.value(id, -1);
}

int TransferManager::rowOfJob(const QString &jobId) const
{
    for (int row = 0; row < count(); ++row) {
        if (m_transfers[std::size_t(row)]->jobId == jobId)
            return row;
    }
    return -1;
}

int TransferManager::rowOfQueueIndex(int queueIndex) const
{
    const auto it = m_idOfQueueIndex.constFind(queueIndex);
    return it == m_idOfQueueIndex.cend() ? -1 : rowOf(*it);
}

void TransferManager::setQueueIndex(Transfer &t, int queueIndex)
{
    if (t.queueIndex >= 0)
        m_idOfQueueIndex.remove(t.queueIndex);
    t.queueIndex = queueIndex;
    if (queueIndex >= 0)
        m_idOfQueueIndex.insert(queueIndex, t.id);
}

void TransferManager::markDone(Transfer &t)
{
    if (t.status != TransferStatus::Done) {
        auto it = m_activePaths.find(t.outputPath);
        if (it != m_activePaths.end() && --*it <= 0)
            m_activePaths.erase(it);
    }
    t.status = TransferStatus::Done;
}

Transfer *TransferManager::find(const QString &id)
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : m_transfers[std::size_t(row)].get();
}

void TransferManager::changed(const Transfer &t)
{
    const int row = rowOf(t.id);
    if (row >= 0)
        Q_EMIT transferChanged(row);
}

QString TransferManager::download(const VaultRef &vault, const glacier::JobDescription &job,
                                  const QString &outPath, QString *error)
{
    RegisteredDownload entry;
    entry.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    entry.account = vault.account;
    entry.region = vault.region;
    entry.vault = vault.vault;
    entry.jobId = job.jobId;
    entry.outputPath = QDir::cleanPath(outPath);
    // The decoded name when the job has a description; else the file's name, which says more
    // than an archive id.
    entry.label = job.jobDescription.value_or(QString()).isEmpty()
                      ? QFileInfo(entry.outputPath).fileName()
                      : jobDisplayName(job);
    entry.totalBytes = jobOutputSize(job).value_or(0);
    entry.parallel = m_settings.parallelChunks;
    entry.added = QDateTime::currentDateTimeUtc();
    return add(entry, TransferStatus::Queued, error);
}

QString TransferManager::queueWhenReady(const VaultRef &vault, const QString &jobId,
                                        const QString &outPath, QString *error)
{
    RegisteredDownload entry;
    entry.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    entry.account = vault.account;
    entry.region = vault.region;
    entry.vault = vault.vault;
    entry.jobId = jobId;
    entry.outputPath = QDir::cleanPath(outPath);
    entry.label = QFileInfo(outPath).fileName();
    entry.parallel = m_settings.parallelChunks;
    entry.waitingForJob = true;
    entry.added = QDateTime::currentDateTimeUtc();
    return add(entry, TransferStatus::WaitingForJob, error);
}

QString TransferManager::add(const RegisteredDownload &entry, TransferStatus status,
                             QString *error)
{
    QString why;
    if (entry.vault.isEmpty() || entry.jobId.isEmpty() || !QDir::isAbsolutePath(entry.outputPath))
        why = tr("A download needs a vault, a job and an absolute destination path.");
    if (why.isEmpty() && (m_rowOfId.contains(entry.id) || m_activePaths.contains(entry.outputPath)))
        why = tr("%1 is already being downloaded.").arg(entry.outputPath);
    auto t = std::make_unique<Transfer>();
    t->id = entry.id;
    t->vault = VaultRef{entry.account, entry.region, entry.vault};
    t->jobId = entry.jobId;
    t->outputPath = entry.outputPath;
    t->label = entry.label.isEmpty() ? QFileInfo(entry.outputPath).fileName() : entry.label;
    t->status = status;
    t->progress.totalBytes = entry.totalBytes;
    if (why.isEmpty()) {
        if (status == TransferStatus::WaitingForJob) {
            glacier::JobDescription job;
            job.jobId = entry.jobId; // statusCode Unknown: polled at once
            if (m_restoring) {
                // Polled together once restore() has watched them all: one List Jobs per vault
                // instead of a Describe Job per download.
                job.statusCode = glacier::JobStatus::InProgress;
                job.creationDate = entry.added;
            }
            m_watchers->watch(t->vault, job, &why);
        } else if (!startOnQueue(*t, entry, status == TransferStatus::Queued, &why)) {
            // why is set
        }
    }
    if (!why.isEmpty()) {
        if (t->queueIndex >= 0) {
            m_queue->cancel(t->queueIndex);
            setQueueIndex(*t, -1);
        }
        if (status == TransferStatus::WaitingForJob)
            m_watchers->unwatch(t->vault, t->jobId);
        if (error)
            *error = why;
        return {};
    }
    // Saved with the next batch of changes (a failed save is reported by errorOccurred).
    if (!m_registry.entry(entry.id)) {
        m_registry.set(entry);
        m_saver.scheduleSave();
    }
    const int row = count();
    Q_EMIT transferAboutToBeInserted(row);
    m_rowOfId.insert(t->id, row);
    ++m_activePaths[t->outputPath];
    m_transfers.push_back(std::move(t));
    Q_EMIT transferInserted(row);
    return entry.id;
}

bool TransferManager::startOnQueue(Transfer &t, const RegisteredDownload &entry, bool start,
                                   QString *error)
{
    glacier::GlacierClient *client = m_clients.client(entry.account, entry.region);
    if (!client) {
        *error = m_clients.errorString(entry.account, entry.region);
        return false;
    }
    transfer::DownloadOptions options;
    options.vault = entry.vault;
    options.jobId = entry.jobId;
    options.outputPath = entry.outputPath;
    options.chunkSizeMiB = entry.chunkSizeMiB;
    options.parallel = entry.parallel;
    // No limit of its own (an entry written by an older Thaw may hold one): the queue's global
    // bandwidth limit governs every download.
    options.limitRate = 0;
    setQueueIndex(t, m_queue->add(*client, options, start));
    return true;
}

bool TransferManager::pause(const QString &id)
{
    Transfer *t = find(id);
    if (!t || t->queueIndex < 0 || !m_queue->pause(t->queueIndex))
        return false;
    updateRegistry(id, [](RegisteredDownload &d) { d.paused = true; });
    return true;
}

bool TransferManager::resume(const QString &id)
{
    Transfer *t = find(id);
    if (!t || t->queueIndex < 0)
        return false;
    const TransferStatus before = t->status;
    if (before != TransferStatus::Paused && before != TransferStatus::Failed)
        return false;
    if (!m_queue->resume(t->queueIndex))
        return false;
    t->error.clear();
    if (before == TransferStatus::Failed) {
        t->status = TransferStatus::Queued;
        changed(*t);
    }
    updateRegistry(id, [](RegisteredDownload &d) { d.paused = false; });
    return true;
}

bool TransferManager::cancel(const QString &id)
{
    Transfer *t = find(id);
    if (!t)
        return false;
    if (t->status == TransferStatus::WaitingForJob)
        m_watchers->unwatch(t->vault, t->jobId);
    if (t->queueIndex >= 0 && m_queue->isRunning(t->queueIndex)) {
        // The row goes once the engine has stopped writing (onFinished).
        m_cancelling[t->queueIndex] = id;
        m_queue->cancel(t->queueIndex);
        return true;
    }
    if (t->status != TransferStatus::Done) {
        QFile::remove(transfer::DownloadEngine::partPath(t->outputPath));
        QFile::remove(transfer::DownloadEngine::journalPath(t->outputPath));
    }
    m_registry.erase(id);
    m_saver.scheduleSave();
    removeRow(rowOf(id));
    return true;
}

void TransferManager::removeRow(int row)
{
    if (row < 0)
        return;
    Q_EMIT transferAboutToBeRemoved(row);
    Transfer &t = *m_transfers[std::size_t(row)];
    markDone(t); // no longer holds its output path
    setQueueIndex(t, -1);
    m_rowOfId.remove(t.id);
    m_transfers.erase(m_transfers.begin() + row);
    for (int later = row; later < count(); ++later)
        m_rowOfId.insert(m_transfers[std::size_t(later)]->id, later);
    Q_EMIT transferRemoved(row);
}

void TransferManager::refreshWaiting()
{
    m_watchers->refreshAll();
}

void TransferManager::setSettings(const TransferSettings &settings)
{
    m_settings = settings;
    m_queue->setBandwidthLimit(settings.limitRate);
    m_queue->setGlobalParallel(settings.globalParallel);
    for (const auto &t : m_transfers) {
        if (t->status == TransferStatus::Done)
            continue;
        if (t->queueIndex >= 0)
            m_queue->setLimits(t->queueIndex, settings.parallelChunks, 0);
        updateRegistry(t->id, [&](RegisteredDownload &d) {
            d.parallel = settings.parallelChunks;
            d.limitRate = 0;
        });
    }
}

qint64 TransferManager::bandwidthLimit() const
{
    return m_queue->bandwidthLimit();
}

qint64 TransferManager::measuredRate() const
{
    qint64 rate = 0;
    bool any = false;
    for (const auto &t : m_transfers) {
        if (t->status == TransferStatus::Downloading) {
            rate += t->progress.bytesPerSecond;
            any = true;
        }
    }
    if (any && rate > 0)
        m_lastRate = rate;
    return m_lastRate;
}

void TransferManager::updateRegistry(const QString &id,
                                     const std::function<void(RegisteredDownload &)> &change)
{
    std::optional<RegisteredDownload> entry = m_registry.entry(id);
    if (!entry)
        return;
    change(*entry);
    m_registry.set(*entry);
    m_saver.scheduleSave();
}

void TransferManager::onStateChanged(int queueIndex, DownloadState state)
{
    const int row = rowOfQueueIndex(queueIndex);
    if (row < 0 || state == DownloadState::Finished || state == DownloadState::Failed)
        return; // the end comes with its result in onFinished
    Transfer &t = *m_transfers[std::size_t(row)];
    t.status = transferStatusOf(state);
    Q_EMIT transferChanged(row);
}

void TransferManager::onProgress(int queueIndex, const transfer::DownloadProgress &progress)
{
    const int row = rowOfQueueIndex(queueIndex);
    if (row < 0)
        return;
    Transfer &t = *m_transfers[std::size_t(row)];
    t.progress = progress;
    const std::optional<RegisteredDownload> entry = m_registry.entry(t.id);
    if (progress.totalBytes > 0 && entry && entry->totalBytes != progress.totalBytes)
        updateRegistry(t.id, [&](RegisteredDownload &d) { d.totalBytes = progress.totalBytes; });
    measuredRate();
    Q_EMIT transferChanged(row);
}

void TransferManager::onFinished(int queueIndex, const transfer::DownloadResult &result)
{
    const int row = rowOfQueueIndex(queueIndex);
    if (row < 0)
        return;
    Transfer &t = *m_transfers[std::size_t(row)];
    const auto cancelling = m_cancelling.find(queueIndex);
    if (cancelling != m_cancelling.end()) {
        m_cancelling.erase(cancelling);
        t.status = TransferStatus::Failed; // so cancel() deletes the .part and the journal
        cancel(t.id);
        return;
    }
    if (result.ok()) {
        markDone(t);
        t.verified = result.verified;
        t.verifiedBy = result.verifiedBy;
        t.progress.doneBytes = result.size;
        t.progress.totalBytes = result.size;
        t.progress.chunkCount = result.chunkCount;
        t.progress.chunksVerified = result.chunksVerified;
        t.progress.chunksActive = 0;
        t.progress.bytesPerSecond = 0;
        t.progress.etaSeconds = 0;
        t.error = result.verified ? QString() : result.message;
        m_registry.erase(t.id);
        m_saver.scheduleSave();
    } else {
        t.status = TransferStatus::Failed;
        t.error = result.message;
        t.progress.bytesPerSecond = 0;
        t.progress.chunksActive = 0;
        t.progress.etaSeconds = -1;
    }
    Q_EMIT transferChanged(row);
    Q_EMIT transferFinished(row);
}

void TransferManager::onJobReady(const QString &jobId, const glacier::JobDescription &job)
{
    for (const auto &t : m_transfers) {
        if (t->jobId != jobId || t->status != TransferStatus::WaitingForJob)
            continue;
        m_watchers->unwatch(t->vault, jobId);
        std::optional<RegisteredDownload> entry = m_registry.entry(t->id);
        if (!entry)
            continue;
        entry->waitingForJob = false;
        entry->totalBytes = jobOutputSize(job).value_or(0);
        t->progress.totalBytes = entry->totalBytes;
        QString error;
        if (!startOnQueue(*t, *entry, !entry->paused, &error)) {
            t->status = TransferStatus::Failed;
            t->error = error;
        } else {
            t->status = entry->paused ? TransferStatus::Paused : TransferStatus::Queued;
            m_registry.set(*entry);
            m_saver.scheduleSave();
        }
        changed(*t);
    }
}

void TransferManager::onJobGone(const QString &jobId, const QString &why)
{
    for (const auto &t : m_transfers) {
        if (t->jobId != jobId || t->status != TransferStatus::WaitingForJob)
            continue;
        t->status = TransferStatus::Failed;
        t->error = why;
        changed(*t);
        Q_EMIT transferFinished(rowOf(t->id));
    }
}

} // namespace thaw::ui
