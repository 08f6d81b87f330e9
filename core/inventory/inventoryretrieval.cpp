#include "inventoryretrieval.h"

#include "core/glacier/jobparameters.h"
#include "core/transfer/downloadengine.h"
#include "inventoryimporter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QtConcurrent>

namespace thaw::inventory {

using namespace glacier;

InventoryRetrieval::InventoryRetrieval(GlacierClient *client, RetrievalOptions options,
                                       QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(std::move(options))
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &InventoryRetrieval::describe);
}

InventoryRetrieval::~InventoryRetrieval() = default;

void InventoryRetrieval::start(const InventoryRequest &request)
{
    m_request = request;
    initiate();
}

void InventoryRetrieval::startWithJob(const QString &jobId)
{
    m_jobId = jobId;
    m_result.jobIds << jobId;
    describe();
}

void InventoryRetrieval::cancel()
{
    m_cancelled = true;
    m_pollTimer.stop();
    if (m_engine)
        m_engine->cancel(); // finished() of the engine ends the retrieval
    else
        fail(InventoryError{InventoryError::Kind::Cancelled,
                            QStringLiteral("the inventory retrieval was cancelled")});
}

void InventoryRetrieval::initiate()
{
    InventoryRetrievalJobParameters parameters;
    parameters.format = m_request.format;
    parameters.startDate = m_request.startDate;
    parameters.endDate = m_request.endDate;
    if (m_request.limit)
        parameters.limit = QString::number(*m_request.limit);
    parameters.marker = m_request.marker;
    Q_EMIT statusChanged(m_request.marker
                             ? QStringLiteral("starting an inventory job at marker %1")
                                   .arg(*m_request.marker)
                             : QStringLiteral("starting an inventory job"));
    QPointer<InventoryRetrieval> self(this);
    m_client->initiateJob(m_options.vault.vault, JobParameters(parameters),
                          [self](Result<InitiateJobResult> result) {
                              if (!self || self->m_finished)
                                  return;
                              if (!result)
                                  return self->failAws(result.error());
                              self->m_jobId = result->jobId;
                              self->m_result.jobIds << result->jobId;
                              self->describe();
                          });
}

void InventoryRetrieval::describe()
{
    if (m_finished)
        return;
    QPointer<InventoryRetrieval> self(this);
    m_client->describeJob(m_options.vault.vault, m_jobId,
                          [self](Result<JobDescription> result) {
                              if (!self || self->m_finished)
                                  return;
                              if (!result)
                                  return self->failAws(result.error());
                              self->onDescribed(result.value());
                          });
}

void InventoryRetrieval::onDescribed(const JobDescription &job)
{
    if (job.action != JobAction::InventoryRetrieval) {
        return fail(InventoryError{InventoryError::Kind::Usage,
                                   QStringLiteral("job %1 is not an inventory retrieval")
                                       .arg(m_jobId)});
    }
    if (job.statusCode == JobStatus::Failed) {
        return fail(InventoryError{InventoryError::Kind::Usage,
                                   QStringLiteral("inventory job %1 failed: %2")
                                       .arg(m_jobId, job.statusMessage.value_or(QString()))});
    }
    if (!job.completed) {
        Q_EMIT statusChanged(QStringLiteral("waiting for inventory job %1").arg(m_jobId));
        m_pollTimer.start(m_options.pollIntervalMs);
        return;
    }
    download(job);
}

void InventoryRetrieval::download(const JobDescription &job)
{
    const QString directory = m_options.workDirectory.isEmpty() ? QDir::tempPath()
                                                                : m_options.workDirectory;
    QDir().mkpath(directory);
    // A name stable across runs, so that a download interrupted by a killed process resumes.
    const QByteArray digest
        = QCryptographicHash::hash(m_jobId.toUtf8(), QCryptographicHash::Sha256).toHex().left(24);
    const QString path = QDir(directory).filePath(
        QStringLiteral("inventory-%1.out").arg(QString::fromLatin1(digest)));
    transfer::DownloadOptions options;
    options.vault = m_options.vault.vault;
    options.jobId = m_jobId;
    options.outputPath = path;
    options.overwrite = true; // an output left by an earlier run is fetched again
    Q_EMIT statusChanged(QStringLiteral("downloading the output of inventory job %1")
                             .arg(m_jobId));
    m_engine = std::make_unique<transfer::DownloadEngine>(m_client, options);
    connect(m_engine.get(), &transfer::DownloadEngine::finished, this,
            [this, job](const transfer::DownloadResult &result) { onDownloaded(job, result); },
            Qt::QueuedConnection);
    m_engine->start();
}

void InventoryRetrieval::onDownloaded(const JobDescription &job,
                                      const transfer::DownloadResult &download)
{
    m_engine.reset();
    if (m_finished)
        return;
    // An inventory output carries no tree hash (AWS sends none), so the engine, which never
    // calls unverified bytes a finished download, leaves them complete in the .part: the
    // parser's checks of the structure are what an inventory gets.
    QString path = download.outputPath;
    QStringList leftovers;
    if (!download.ok() && download.complete
        && download.error == transfer::DownloadError::Verification
        && download.verifiedBy == transfer::VerifiedBy::None) {
        path = transfer::DownloadEngine::partPath(download.outputPath);
        leftovers << transfer::DownloadEngine::journalPath(download.outputPath);
    } else if (!download.ok()) {
        const InventoryError::Kind kind = download.error == transfer::DownloadError::Interrupted
                                              ? InventoryError::Kind::Cancelled
                                              : InventoryError::Kind::Io;
        return fail(InventoryError{kind, QStringLiteral("downloading the inventory failed: %1")
                                             .arg(download.message)});
    }
    ImportOptions options;
    options.vault = m_options.vault;
    options.appendToExisting = m_parts > 0;
    if (m_parts > 0) {
        options.inventoryDate = m_inventoryDate;
    } else {
        // CSV carries no InventoryDate: the job's completion is the closest there is.
        const bool csv = job.inventoryRetrievalParameters
                         && job.inventoryRetrievalParameters->format.value_or(QString())
                                    .compare(QLatin1String("CSV"), Qt::CaseInsensitive)
                                == 0;
        if (csv && job.completionDate)
            options.inventoryDate = job.completionDate->toUTC().toString(Qt::ISODate);
    }
    Q_EMIT statusChanged(QStringLiteral("importing the inventory of job %1").arg(m_jobId));
    leftovers << path;
    const QString cache = m_options.cachePath;
    auto *watcher = new QFutureWatcher<CacheResult<InventorySummary>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, job, leftovers] {
        watcher->deleteLater();
        const CacheResult<InventorySummary> imported = watcher->result();
        if (m_finished)
            return;
        if (!imported)
            return fail(imported.error());
        for (const QString &file : leftovers)
            QFile::remove(file);
        ++m_parts;
        m_inventoryDate = imported->inventoryDate;
        m_result.inventory = imported.value();
        const std::optional<QString> marker = job.inventoryRetrievalParameters
                                                  ? job.inventoryRetrievalParameters->marker
                                                  : std::nullopt;
        if (marker && !marker->isEmpty()) {
            if (m_options.followMarker && m_parts < m_options.maxParts && !m_cancelled) {
                m_request.marker = *marker;
                if (job.inventoryRetrievalParameters->format)
                    m_request.format = *job.inventoryRetrievalParameters->format;
                if (job.inventoryRetrievalParameters->limit)
                    m_request.limit = job.inventoryRetrievalParameters->limit->toLongLong();
                m_request.startDate = job.inventoryRetrievalParameters->startDate;
                m_request.endDate = job.inventoryRetrievalParameters->endDate;
                return initiate();
            }
            m_result.nextMarker = *marker;
        }
        succeed();
    });
    watcher->setFuture(QtConcurrent::run([cache, path, options] {
        InventoryImporter importer(cache);
        return importer.importFile(path, options);
    }));
}

void InventoryRetrieval::fail(InventoryError error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_pollTimer.stop();
    m_result.error = std::move(error);
    Q_EMIT finished(m_result);
}

void InventoryRetrieval::failAws(const GlacierError &error)
{
    m_result.awsError = error;
    fail(InventoryError{InventoryError::Kind::Io, error.userMessage()});
}

void InventoryRetrieval::succeed()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(m_result);
}

} // namespace thaw::inventory
