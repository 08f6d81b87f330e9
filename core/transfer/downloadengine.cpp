#include "downloadengine.h"

#include "chunksink.h"
#include "fetchcheck.h"
#include "fetchfailure.h"
#include "fetchschedule.h"
#include "fetchslots.h"
#include "finalcheck.h"
#include "journalsaver.h"
#include "keptchunks.h"
#include "preflight.h"
#include "publishoutput.h"
#include "transferlogging.h"

#include <QPointer>

namespace thaw::transfer {

using glacier::GlacierError;
using glacier::JobDescription;
using glacier::JobOutputResult;
using glacier::Result;

namespace {

constexpr int ProgressIntervalMs = 250;
// Each stream reads into 4 buffers of 512 KiB: the writer works on some while the network fills
// the others. The writer hashes and writes a piece in 32 KiB steps (ChunkSink::process), so the
// buffer's size does not decide what is in the CPU's cache; larger pieces mean fewer hand-offs
// between threads (measured: 4 x 512 KiB in 32 KiB steps cost 3.4-3.9 system CPU-s per 4 GiB,
// 8 x 128 KiB hashed whole then written 4.7-8.1 s). 2 MiB per stream, whatever the chunk size.
constexpr SinkBuffers StreamBuffers{4, 512 << 10};

} // namespace

DownloadEngine::DownloadEngine(glacier::GlacierClient *client, DownloadOptions options,
                               QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(std::move(options))
    , m_fetches(client, m_options.vault, m_options.jobId,
                [this](FetchSet::Fetch &fetch) { onFetchDrained(fetch); })
{
    m_result.outputPath = m_options.outputPath;
    // One thread per stream, so that no stream's writer waits behind another's.
    m_workers.setMaxThreadCount(qMax(1, m_options.parallel));
    m_saver = std::make_unique<JournalSaver>(&m_part, journalPath(m_options.outputPath));
    if (m_options.limitRate > 0 || m_options.sharedLimiter)
        m_limiter.emplace(m_options.limitRate, m_options.sharedLimiter);
    m_progressTimer.setInterval(ProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &DownloadEngine::emitProgress);
    if (m_options.slots) {
        connect(m_options.slots, &FetchSlots::released, this, &DownloadEngine::schedule,
                Qt::QueuedConnection);
    }
}

DownloadEngine::~DownloadEngine()
{
    m_stopping = true;
    m_fetches.abortAll();
    // Fetches whose callbacks will no longer reach this engine give their slots back here.
    if (m_options.slots) {
        for (int i = 0; i < m_fetches.size(); ++i)
            m_options.slots->release();
    }
    m_fetches.clear(); // their writers finish with the .part before it closes
    m_saver.reset();
}

QString DownloadEngine::partPath(const QString &outputPath)
{
    return outputPath + QStringLiteral(".part");
}

QString DownloadEngine::journalPath(const QString &outputPath)
{
    return outputPath + QStringLiteral(".part.journal");
}

void DownloadEngine::start()
{
    setState(DownloadState::Preparing);
    QPointer<DownloadEngine> self(this);
    m_client->describeJob(m_options.vault, m_options.jobId, [self](Result<JobDescription> job) {
        if (self)
            self->onJobDescribed(job);
    });
}

void DownloadEngine::cancel()
{
    if (m_finished)
        return;
    stop(DownloadError::Interrupted,
         QStringLiteral("interrupted; run the same command again to resume."));
}

bool DownloadEngine::pause()
{
    if (m_finished || m_stopping
        || (m_state != DownloadState::Preparing && m_state != DownloadState::Downloading))
        return false;
    m_paused = true;
    m_progressTimer.stop();
    m_fetches.markPaused();
    m_fetches.abortAll();
    setState(DownloadState::Paused);
    // The aborted fetches wrote partial bytes: the journal records the .part as it now is, so
    // resume() and a later run know it was a clean stop.
    if (m_prepared && m_fetches.empty())
        recordVerified();
    Q_EMIT progressChanged(progress());
    return true;
}

bool DownloadEngine::resume()
{
    if (m_finished || m_stopping || m_state != DownloadState::Paused)
        return false;
    m_paused = false;
    if (!m_prepared) {
        setState(DownloadState::Preparing); // Describe Job has not answered yet
        return true;
    }
    if (m_part.size() != m_target.size || m_part.modificationTimeNs() != m_journalPartMtimeNs) {
        // Something wrote to the .part while paused: trust only what still hashes right.
        rehashKeptChunks();
        if (!recordVerified())
            return true;
    }
    setState(DownloadState::Downloading);
    m_progressTimer.start();
    schedule();
    return true;
}

void DownloadEngine::onJobDescribed(const Result<JobDescription> &job)
{
    m_described = true;
    if (m_stopping) {
        finish(m_stopKind, QStringLiteral("interrupted before the download started"));
        return;
    }
    if (!job) {
        finish(job.error().code == QLatin1String(glacier::NoCredentialsCode) ? DownloadError::Config
                                                                             : DownloadError::Aws,
               job.error().userMessage());
        return;
    }
    QString error;
    const std::optional<JobOutputTarget> target = jobOutputTarget(job.value(), &error);
    if (!target) {
        finish(DownloadError::Aws, error);
        return;
    }
    m_target = *target;
    m_result.size = m_target.size;
    if (!prepare())
        return;
    m_prepared = true;
    m_rate.start();
    if (m_paused)
        return; // paused while preparing: resume() goes on from here
    setState(DownloadState::Downloading);
    m_progressTimer.start();
    schedule();
}

bool DownloadEngine::prepare()
{
    QString error;
    std::optional<PreparedOutput> prepared
        = prepareOutput(m_options, journal(), partPath(m_options.outputPath),
                        journalPath(m_options.outputPath), m_part, &error);
    if (!prepared) {
        finish(DownloadError::LocalIo, error);
        return false;
    }
    m_book.reset(std::move(prepared->plan));
    for (auto &[index, chunk] : prepared->kept)
        m_book.markVerified(index, std::move(chunk));
    m_result.chunkSizeMiB = prepared->chunkSizeMiB;
    m_result.chunkCount = m_book.size();
    m_result.bytesReused = m_book.verifiedBytes();
    qCInfo(lcTransfer).noquote() << "downloading" << m_options.jobId << "to" << m_options.outputPath
                                 << "in" << m_book.size() << "chunks of" << m_result.chunkSizeMiB
                                 << "MiB," << m_book.verifiedCount() << "kept";
    // The journal exists from the start, so that even a crash before the first chunk leaves a
    // .part that a rerun recognises.
    return recordVerified();
}

void DownloadEngine::rehashKeptChunks()
{
    int dropped = 0;
    const std::map<int, JournalChunk> recorded = m_book.journalChunks();
    const std::map<int, JournalChunk> kept
        = keptChunks(m_part, m_book.chunks(), recorded, true, &dropped);
    for (const auto &[index, chunk] : recorded) {
        if (!kept.count(index))
            m_book.setState(index, ChunkState::Pending);
    }
    if (dropped > 0)
        qCInfo(lcTransfer) << dropped
                           << "kept chunks no longer match the journal; fetching them again";
}

void DownloadEngine::schedule()
{
    if (m_stopping || m_finished || m_paused || !m_prepared)
        return;
    const FetchLoad load{m_fetches.size(), m_awaitingJournal, m_options.parallel, m_wholeBody};
    std::vector<PlannedFetch> planned = planFetches(m_book.pending(), load, [this] {
        return !m_options.slots || m_options.slots->tryAcquire();
    });
    for (PlannedFetch &fetch : planned)
        startFetch(std::move(fetch.chunks), fetch.ranged);
    if (m_fetches.empty() && m_book.allVerified())
        complete();
}

void DownloadEngine::startFetch(std::vector<int> chunks, bool ranged)
{
    std::vector<crypto::Chunk> targets;
    for (int index : chunks) {
        targets.push_back(m_book.chunk(index));
        m_book.setState(index, ChunkState::Active);
    }
    const qint64 start = ranged ? targets.front().offset : 0;
    const qint64 end = ranged ? targets.back().offset + targets.back().length : m_target.size;
    std::optional<glacier::GlacierClient::ByteRange> range;
    if (ranged)
        range = glacier::GlacierClient::ByteRange{start, end - 1};
    m_fetches.start(std::make_unique<ChunkSink>(&m_part, m_target.size, start, end, targets,
                                                m_limiter ? &*m_limiter : nullptr, &m_workers,
                                                StreamBuffers),
                    std::move(chunks), range);
}

void DownloadEngine::onFetchDrained(FetchSet::Fetch &fetch)
{
    Result<JobOutputResult> result = std::move(*fetch.result);
    if (m_options.slots)
        m_options.slots->release(); // queued: other engines schedule from the event loop
    m_result.bytesDownloaded += fetch.sink->totalReceived();
    for (int index : fetch.chunks)
        m_book.setState(index, ChunkState::Pending);

    const std::optional<QString> writeError = fetch.sink->writeError();
    if (m_stopping || fetch.paused || (m_wholeBody && fetch.ranged)) {
        // Keep what arrived whole and verified even so; the rest waits for the next run.
        QString why;
        const bool kept = result && !writeError
                          && checkFetch(*fetch.sink, fetch.chunks, fetch.ranged, m_book, &why)
                                 == DownloadError::None;
        if (m_stopping) {
            if (kept && !m_finished)
                recordVerified();
            if (!m_fetches.isAborting() && m_fetches.empty())
                finishStopped();
        } else if (m_paused) {
            if (kept || (!m_fetches.isAborting() && m_fetches.empty()))
                recordVerified(); // the .part as the aborted fetches left it
        } else if (!kept || recordVerified()) {
            schedule();
        }
        return;
    }
    if (!result) {
        const FetchFailure failure
            = classifyFetchFailure(result.error(), *fetch.sink, fetch.ranged, m_options.jobId);
        switch (failure.action) {
        case FetchFailure::Action::WholeBody:
            qCInfo(lcTransfer) << "the server ignored Range; fetching the rest in one GET";
            m_wholeBody = true;
            m_fetches.abortAll();
            schedule();
            return;
        case FetchFailure::Action::Retry:
            retryChunks(fetch.chunks, failure.kind, failure.message);
            return;
        case FetchFailure::Action::Stop:
            stop(failure.kind, failure.message);
            return;
        }
        return;
    }
    if (writeError) {
        stop(DownloadError::LocalIo, *writeError);
        return;
    }
    QString why;
    const DownloadError kind = checkFetch(*fetch.sink, fetch.chunks, fetch.ranged, m_book, &why);
    if (kind != DownloadError::None) {
        retryChunks(fetch.chunks, kind, why);
        return;
    }
    recordVerifiedLater();
    schedule();
}

void DownloadEngine::retryChunks(const std::vector<int> &chunks, DownloadError kind,
                                 const QString &why)
{
    for (int index : chunks) {
        const crypto::Chunk &chunk = m_book.chunk(index);
        const int failures = m_book.addFailure(index);
        if (failures > m_options.maxChunkRetries) {
            stop(kind, QStringLiteral("chunk %1 (bytes %2-%3) failed %4 times, the last because "
                                      "%5.")
                           .arg(index)
                           .arg(chunk.offset)
                           .arg(chunk.last())
                           .arg(failures)
                           .arg(why));
            return;
        }
        qCInfo(lcTransfer).noquote() << "fetching chunk" << index << "again:" << why;
    }
    schedule();
}

bool DownloadEngine::recordVerified()
{
    QString error;
    if (saveJournal(&error))
        return true;
    stop(DownloadError::LocalIo, error);
    return false;
}

void DownloadEngine::recordVerifiedLater()
{
    ++m_awaitingJournal;
    m_saver->save(journal(), [this](bool ok, const QString &error, qint64 partMtimeNs) {
        m_awaitingJournal = qMax(0, m_awaitingJournal - 1);
        if (!ok) {
            stop(DownloadError::LocalIo, error);
            return;
        }
        m_journalPartMtimeNs = partMtimeNs;
        schedule();
    });
}

bool DownloadEngine::saveJournal(QString *error)
{
    // It covers every verified chunk, so the saves still in the queue are dropped.
    m_awaitingJournal = 0;
    return m_saver->saveNow(journal(), &m_journalPartMtimeNs, error);
}

DownloadJournal DownloadEngine::journal() const
{
    DownloadJournal record;
    record.vault = m_options.vault;
    record.jobId = m_options.jobId;
    record.archiveId = m_target.archiveId;
    record.retrievalByteRange = m_target.retrievalByteRange;
    record.size = m_target.size;
    record.chunkSizeMiB = m_result.chunkSizeMiB;
    if (m_target.expectedTreeHash)
        record.expectedTreeHash = QString::fromLatin1(crypto::toHex(*m_target.expectedTreeHash));
    record.chunks = m_book.journalChunks();
    return record;
}

void DownloadEngine::complete()
{
    // Every chunk is in: the last journal saves are of no use now, and must not run after the
    // rename below removes the journal.
    m_saver->cancel();
    m_awaitingJournal = 0;
    setState(DownloadState::Verifying);
    const FinalCheck check
        = checkWholeOutput(m_book, m_target.expectedTreeHash, journalPath(m_options.outputPath),
                           partPath(m_options.outputPath));
    m_result.treeHash = check.treeHash;
    m_result.complete = !check.mismatch;
    m_result.verifiedBy = check.verifiedBy;
    m_result.verified = check.verifiedBy != VerifiedBy::None;
    QString error;
    if (check.mismatch) {
        // Chunks no server header vouched for are suspects: fetch them again next time.
        m_book.dropServerUnchecked();
        recordVerified();
        finish(DownloadError::Verification, check.message);
        return;
    }
    if (!m_part.syncAll(&error)) {
        finish(DownloadError::LocalIo, error);
        return;
    }
    if (!m_result.verified) {
        recordVerified();
        m_part.close();
        finish(DownloadError::Verification, check.message);
        return;
    }
    if (!publishOutput(m_part, m_options.outputPath, journalPath(m_options.outputPath),
                       m_options.overwrite, &error)) {
        finish(DownloadError::LocalIo, error);
        return;
    }
    finish(DownloadError::None, QString());
}

void DownloadEngine::stop(DownloadError kind, const QString &message)
{
    if (m_stopping || m_finished)
        return;
    m_stopping = true;
    m_stopKind = kind;
    m_stopMessage = message;
    if (!m_described)
        return; // Describe Job has not answered yet; onJobDescribed() finishes.
    m_fetches.abortAll();
    if (m_fetches.empty())
        finishStopped();
}

void DownloadEngine::finishStopped()
{
    if (m_finished)
        return;
    QString error;
    if (m_part.isOpen() && !saveJournal(&error))
        qCWarning(lcTransfer).noquote() << error;
    m_part.close();
    finish(m_stopKind, m_stopMessage + QLatin1Char(' ') + keptSummary());
}

QString DownloadEngine::keptSummary() const
{
    return QStringLiteral("%1 of %2 chunks (%3 of %4 bytes) are verified and kept in %5.")
        .arg(m_book.verifiedCount())
        .arg(m_book.size())
        .arg(m_book.verifiedBytes())
        .arg(m_target.size)
        .arg(partPath(m_options.outputPath));
}

void DownloadEngine::finish(DownloadError kind, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_stopping = true;
    m_progressTimer.stop();
    m_result.error = kind;
    m_result.message = message;
    m_result.chunksVerified = m_book.verifiedCount();
    if (kind != DownloadError::None)
        qCInfo(lcTransfer).noquote() << message;
    QMetaObject::invokeMethod(
        this,
        [this, kind] {
            setState(kind == DownloadError::None ? DownloadState::Finished : DownloadState::Failed);
            Q_EMIT progressChanged(progress());
            m_finishReported = true;
            Q_EMIT finished(m_result);
        },
        Qt::QueuedConnection);
}

void DownloadEngine::setState(DownloadState state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcTransfer).noquote() << m_options.outputPath << downloadStateName(state);
    Q_EMIT stateChanged(state);
}

DownloadProgress DownloadEngine::progress() const
{
    DownloadProgress progress;
    progress.totalBytes = m_target.size;
    progress.chunkCount = m_book.size();
    progress.chunksVerified = m_book.verifiedCount();
    progress.chunksActive = m_fetches.size();
    progress.doneBytes = m_book.verifiedBytes() + m_fetches.received();
    progress.bytesPerSecond = m_rate.bytesPerSecond();
    if (progress.bytesPerSecond > 0)
        progress.etaSeconds = (progress.totalBytes - progress.doneBytes) / progress.bytesPerSecond;
    return progress;
}

void DownloadEngine::emitProgress()
{
    m_rate.update(m_result.bytesDownloaded + m_fetches.totalReceived());
    Q_EMIT progressChanged(progress());
}

} // namespace thaw::transfer
