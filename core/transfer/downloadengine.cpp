#include "downloadengine.h"

#include "chunksink.h"
#include "core/crypto/treehashcombine.h"
#include "fetchslots.h"
#include "transferlogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QStorageInfo>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>

namespace thaw::transfer {

using glacier::GlacierError;
using glacier::JobDescription;
using glacier::JobOutputResult;
using glacier::Result;

namespace {

constexpr int ProgressIntervalMs = 250;

QString bytesText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// rename() that refuses to replace an existing file unless told to (renameat2 RENAME_NOREPLACE,
// with a check-then-rename fallback where the file system lacks it).
bool renameInto(const QString &from, const QString &to, bool replace, QString *error)
{
    const QByteArray source = QFile::encodeName(from);
    const QByteArray target = QFile::encodeName(to);
    int result = -1;
    if (!replace) {
        result = ::renameat2(AT_FDCWD, source.constData(), AT_FDCWD, target.constData(),
                             RENAME_NOREPLACE);
        if (result != 0 && (errno == EINVAL || errno == ENOSYS)) {
            if (QFileInfo::exists(to)) {
                errno = EEXIST;
            } else {
                result = ::rename(source.constData(), target.constData());
            }
        }
    } else {
        result = ::rename(source.constData(), target.constData());
    }
    if (result != 0) {
        *error = QStringLiteral("cannot rename %1 to %2: %3")
                     .arg(from, to, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return true;
}

bool isExpiredJobError(const GlacierError &error)
{
    return error.operation == glacier::Operation::GetJobOutput
           && (error.code == QLatin1String("ResourceNotFoundException")
               || error.code == QLatin1String("InvalidParameterValueException"));
}

} // namespace

DownloadEngine::DownloadEngine(glacier::GlacierClient *client, DownloadOptions options,
                               QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(std::move(options))
{
    m_result.outputPath = m_options.outputPath;
    if (m_options.limitRate > 0)
        m_limiter.emplace(m_options.limitRate);
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
    m_aborting = true;
    // Copied first: an abort may call back at once, and the callback edits m_fetches.
    std::vector<QPointer<glacier::GlacierOperation>> operations;
    for (auto &[id, fetch] : m_fetches)
        operations.push_back(fetch.operation);
    for (const auto &operation : operations) {
        if (operation)
            operation->abort();
    }
    // Fetches whose callbacks will no longer reach this engine give their slots back here.
    if (m_options.slots) {
        for (std::size_t i = 0; i < m_fetches.size(); ++i)
            m_options.slots->release();
    }
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
    m_rateClock.start();
    m_progressTimer.start();
    schedule();
}

bool DownloadEngine::prepare()
{
    const QString output = m_options.outputPath;
    const QString part = partPath(output);
    const QString journalFile = journalPath(output);
    if (QFileInfo::exists(output) && !m_options.overwrite) {
        finish(DownloadError::LocalIo,
               QStringLiteral("%1 already exists; pass --overwrite to replace it").arg(output));
        return false;
    }
    DownloadJournal current;
    current.vault = m_options.vault;
    current.jobId = m_options.jobId;
    current.archiveId = m_target.archiveId;
    current.retrievalByteRange = m_target.retrievalByteRange;
    current.size = m_target.size;
    current.expectedTreeHash = m_target.expectedTreeHash
                                   ? QString::fromLatin1(crypto::toHex(*m_target.expectedTreeHash))
                                   : QString();
    current.chunkSizeMiB = m_options.chunkSizeMiB > 0
                               ? m_options.chunkSizeMiB
                               : defaultChunkSizeMiB(m_target.size, m_options.parallel);
    QString error;
    if (QFileInfo::exists(journalFile)) {
        std::optional<DownloadJournal> old = DownloadJournal::load(journalFile, &error);
        if (old && m_options.chunkSizeMiB <= 0)
            current.chunkSizeMiB = old->chunkSizeMiB; // resume with the plan already started
        if (old && old->describesSameOutput(current)) {
            m_oldJournal = std::move(old);
        } else if (!m_options.overwrite) {
            const QString why
                = old ? QStringLiteral("it records job %1 (%2 bytes, %3 MiB chunks), not job %4 "
                                       "(%5 bytes, %6 MiB chunks)")
                            .arg(old->jobId)
                            .arg(old->size)
                            .arg(old->chunkSizeMiB)
                            .arg(current.jobId)
                            .arg(current.size)
                            .arg(current.chunkSizeMiB)
                      : error;
            finish(DownloadError::LocalIo,
                   QStringLiteral("%1 belongs to another download: %2. Remove it and %3, or pass "
                                  "--overwrite to start over")
                       .arg(journalFile, why, part));
            return false;
        } else {
            qCInfo(lcTransfer) << "discarding the journal of another download" << journalFile;
        }
    }
    const std::optional<std::vector<crypto::Chunk>> plan
        = crypto::planChunks(m_target.size, current.chunkSizeMiB, &error);
    if (!plan) {
        finish(DownloadError::LocalIo, QStringLiteral("cannot plan the download: %1").arg(error));
        return false;
    }
    m_chunks = *plan;
    m_result.chunkSizeMiB = current.chunkSizeMiB;
    m_result.chunkCount = int(m_chunks.size());
    m_states.assign(m_chunks.size(), ChunkState::Pending);
    m_verified.assign(m_chunks.size(), JournalChunk());
    m_attempts.assign(m_chunks.size(), 0);

    const bool partExisted = QFileInfo::exists(part);
    if (!m_part.open(part, &error)) {
        finish(DownloadError::LocalIo, error);
        return false;
    }
    if (!m_oldJournal && m_part.size() > 0 && !m_part.resize(0, &error)) {
        finish(DownloadError::LocalIo, error); // unverified bytes of an unknown download
        return false;
    }
    // Refuse before fetching anything when the volume cannot hold the rest.
    const qint64 needed = qMax<qint64>(0, m_target.size - m_part.allocatedBytes());
    const QString directory = QFileInfo(part).absolutePath();
    const std::optional<qint64> available
        = m_options.freeSpace ? m_options.freeSpace(directory)
                              : std::optional<qint64>(QStorageInfo(directory).bytesAvailable());
    if (available && *available >= 0 && *available < needed) {
        m_part.close();
        if (!partExisted)
            QFile::remove(part);
        finish(DownloadError::LocalIo,
               QStringLiteral("not enough free space in %1: the download needs %2 more bytes "
                              "(%3), only %4 bytes (%5) are available")
                   .arg(directory)
                   .arg(needed)
                   .arg(bytesText(needed))
                   .arg(*available)
                   .arg(bytesText(*available)));
        return false;
    }
    if (m_oldJournal)
        rehashKeptChunks();
    if (!m_part.resize(m_target.size, &error)) {
        finish(DownloadError::LocalIo, error);
        return false;
    }
    for (std::size_t i = 0; i < m_chunks.size(); ++i) {
        if (m_states[i] == ChunkState::Verified)
            m_result.bytesReused += m_chunks[i].length;
    }
    qCInfo(lcTransfer).noquote() << "downloading" << m_options.jobId << "to" << output << "in"
                                 << m_chunks.size() << "chunks of" << current.chunkSizeMiB << "MiB,"
                                 << verifiedCount() << "kept";
    // The journal exists from the start, so that even a crash before the first chunk leaves a
    // .part that a rerun recognises.
    return recordVerified();
}

void DownloadEngine::rehashKeptChunks()
{
    const qint64 partSize = m_part.size();
    const bool suspicious = m_options.verifyKept || partSize != m_target.size
                            || m_part.modificationTimeNs() != m_oldJournal->partModificationTimeNs;
    QByteArray buffer(crypto::TreeHashLeafSize, Qt::Uninitialized);
    int dropped = 0;
    for (auto &[index, kept] : m_oldJournal->chunks) {
        const crypto::Chunk &chunk = m_chunks[std::size_t(index)];
        bool ok = chunk.offset + chunk.length <= partSize;
        if (ok && suspicious) {
            // The .part changed since the journal was saved (a crash mid-write, another
            // program): trust only what still hashes to the recorded leaves.
            crypto::TreeHasher hasher;
            QString error;
            for (qint64 done = 0; ok && done < chunk.length; done += buffer.size()) {
                const qint64 size = qMin<qint64>(buffer.size(), chunk.length - done);
                ok = m_part.readAt(chunk.offset + done, buffer.data(), size, &error);
                if (ok)
                    hasher.addData(buffer.constData(), size);
            }
            ok = ok && hasher.finish().leaves == kept.leaves;
        }
        if (!ok) {
            ++dropped;
            continue;
        }
        m_states[std::size_t(index)] = ChunkState::Verified;
        m_verified[std::size_t(index)] = kept;
    }
    if (dropped > 0)
        qCInfo(lcTransfer) << dropped
                           << "kept chunks no longer match the journal; fetching "
                              "them again";
}

void DownloadEngine::schedule()
{
    if (m_stopping || m_finished)
        return;
    std::vector<int> pending;
    for (std::size_t i = 0; i < m_chunks.size(); ++i) {
        if (m_states[i] == ChunkState::Pending)
            pending.push_back(int(i));
    }
    auto takeSlot = [this] {
        return !m_options.slots || m_options.slots->tryAcquire();
    };
    if (m_wholeBody) {
        if (m_fetches.empty() && !pending.empty() && takeSlot())
            startFetch(pending, false);
    } else {
        for (int index : pending) {
            if (int(m_fetches.size()) >= qMax(1, m_options.parallel) || !takeSlot())
                break;
            startFetch({index}, true);
        }
    }
    if (m_fetches.empty() && verifiedCount() == int(m_chunks.size()))
        complete();
}

void DownloadEngine::startFetch(std::vector<int> chunks, bool ranged)
{
    std::vector<crypto::Chunk> targets;
    for (int index : chunks) {
        targets.push_back(m_chunks[std::size_t(index)]);
        m_states[std::size_t(index)] = ChunkState::Active;
    }
    const qint64 start = ranged ? targets.front().offset : 0;
    const qint64 end = ranged ? targets.back().offset + targets.back().length : m_target.size;
    Fetch fetch;
    fetch.sink = std::make_unique<ChunkSink>(&m_part, m_target.size, start, end, targets,
                                             m_limiter ? &*m_limiter : nullptr);
    fetch.chunks = std::move(chunks);
    fetch.ranged = ranged;
    const int id = m_nextFetchId++;
    std::optional<glacier::GlacierClient::ByteRange> range;
    if (ranged)
        range = glacier::GlacierClient::ByteRange{start, end - 1};
    ChunkSink *sink = fetch.sink.get();
    m_fetches.emplace(id, std::move(fetch));
    QPointer<DownloadEngine> self(this);
    glacier::GlacierOperation *operation = m_client->getJobOutput(
        m_options.vault, m_options.jobId, range, sink, [self, id](Result<JobOutputResult> result) {
            if (self)
                self->onFetchDone(id, result);
        });
    auto it = m_fetches.find(id);
    if (it != m_fetches.end())
        it->second.operation = operation;
}

void DownloadEngine::onFetchDone(int fetchId, const Result<JobOutputResult> &result)
{
    auto node = m_fetches.extract(fetchId);
    if (node.empty())
        return;
    Fetch &fetch = node.mapped();
    if (m_options.slots)
        m_options.slots->release(); // queued: other engines schedule from the event loop
    m_result.bytesDownloaded += fetch.sink->totalReceived();
    for (int index : fetch.chunks)
        m_states[std::size_t(index)] = ChunkState::Pending;

    if (m_stopping || (m_wholeBody && fetch.ranged)) {
        // Keep what arrived whole and verified even so; the rest waits for the next run.
        QString why;
        if (result && acceptFetch(fetch, &why) == DownloadError::None && !m_finished)
            recordVerified();
        if (m_stopping) {
            if (!m_aborting && m_fetches.empty())
                finishStopped();
        } else {
            schedule();
        }
        return;
    }
    if (!result) {
        const GlacierError &error = result.error();
        if (fetch.ranged && error.code == QLatin1String(glacier::MalformedResponseCode)
            && error.httpStatus == 200) {
            // The server ignored Range and began the whole output. After nextcloud's
            // GETFileJob: take the whole body once, keeping only the chunks still missing.
            qCInfo(lcTransfer) << "the server ignored Range; fetching the rest in one GET";
            m_wholeBody = true;
            m_aborting = true;
            std::vector<QPointer<glacier::GlacierOperation>> operations;
            for (auto &[id, other] : m_fetches)
                operations.push_back(other.operation);
            for (const auto &operation : operations) {
                if (operation)
                    operation->abort();
            }
            m_aborting = false;
            schedule();
            return;
        }
        if (fetch.sink->outputSizeMismatch()) {
            stop(DownloadError::Aws, error.message);
            return;
        }
        if (error.code == QLatin1String(glacier::LocalErrorCode) && !fetch.sink->replyMismatch()) {
            stop(DownloadError::LocalIo, error.message);
            return;
        }
        if (error.errorClass == glacier::ErrorClass::RetryAutomatically || error.isNetworkError()
            || fetch.sink->replyMismatch()) {
            retryChunks(fetch.chunks, DownloadError::Aws, error.userMessage());
            return;
        }
        if (isExpiredJobError(error)) {
            stop(DownloadError::Aws,
                 QStringLiteral("the output of job %1 is no longer available: Glacier keeps a "
                                "job's output for 24 hours after it completes (%2). A new "
                                "retrieval job is needed: run initiate-job again, then download "
                                "with the new job id to the same file; the kept chunks are "
                                "reused when it retrieves the same archive and range.")
                     .arg(m_options.jobId, error.awsCliMessage()));
            return;
        }
        stop(DownloadError::Aws, error.userMessage());
        return;
    }
    QString why;
    const DownloadError kind = acceptFetch(fetch, &why);
    if (kind != DownloadError::None) {
        retryChunks(fetch.chunks, kind, why);
        return;
    }
    if (recordVerified())
        schedule();
}

DownloadError DownloadEngine::acceptFetch(Fetch &fetch, QString *why)
{
    ChunkSink &sink = *fetch.sink;
    if (sink.received() != sink.length()) {
        *why = QStringLiteral("the body ended after %1 of %2 bytes")
                   .arg(sink.received())
                   .arg(sink.length());
        return DownloadError::Aws;
    }
    const std::vector<crypto::TreeHash> hashes = sink.finish();
    std::optional<crypto::Digest> checksum;
    if (sink.checksum()) {
        checksum = crypto::digestFromHex(sink.checksum()->trimmed().toLatin1());
        if (!checksum) {
            *why = QStringLiteral("unreadable x-amz-sha256-tree-hash '%1'").arg(*sink.checksum());
            return DownloadError::Aws;
        }
    }
    crypto::Digest root;
    if (fetch.ranged) {
        root = hashes.front().root;
    } else {
        // The whole output: the leaves kept from before and those just received.
        std::vector<crypto::Digest> leaves;
        std::size_t target = 0;
        for (std::size_t i = 0; i < m_chunks.size(); ++i) {
            const bool fetched = target < fetch.chunks.size() && fetch.chunks[target] == int(i);
            const std::vector<crypto::Digest> &chunkLeaves
                = fetched ? hashes[target].leaves : m_verified[i].leaves;
            leaves.insert(leaves.end(), chunkLeaves.begin(), chunkLeaves.end());
            if (fetched)
                ++target;
        }
        root = crypto::combineTreeHashes(leaves);
    }
    if (checksum && *checksum != root) {
        const crypto::Chunk &first = m_chunks[std::size_t(fetch.chunks.front())];
        *why = QStringLiteral("bytes %1-%2 have the tree hash %3, the server sent %4")
                   .arg(first.offset)
                   .arg(first.offset + sink.length() - 1)
                   .arg(QString::fromLatin1(crypto::toHex(root)), *sink.checksum());
        return DownloadError::Verification;
    }
    for (std::size_t t = 0; t < fetch.chunks.size(); ++t) {
        const auto index = std::size_t(fetch.chunks[t]);
        m_verified[index] = JournalChunk{hashes[t].leaves, checksum.has_value()};
        m_states[index] = ChunkState::Verified;
    }
    return DownloadError::None;
}

void DownloadEngine::retryChunks(const std::vector<int> &chunks, DownloadError kind,
                                 const QString &why)
{
    for (int index : chunks) {
        const crypto::Chunk &chunk = m_chunks[std::size_t(index)];
        if (++m_attempts[std::size_t(index)] > m_options.maxChunkRetries) {
            stop(kind, QStringLiteral("chunk %1 (bytes %2-%3) failed %4 times, the last because "
                                      "%5.")
                           .arg(index)
                           .arg(chunk.offset)
                           .arg(chunk.last())
                           .arg(m_attempts[std::size_t(index)])
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
    if (!m_part.syncData(&error)) {
        stop(DownloadError::LocalIo, error);
        return false;
    }
    DownloadJournal record = journal();
    record.partModificationTimeNs = m_part.modificationTimeNs();
    if (!record.save(journalPath(m_options.outputPath), &error)) {
        stop(DownloadError::LocalIo, error);
        return false;
    }
    return true;
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
    for (std::size_t i = 0; i < m_chunks.size(); ++i) {
        if (m_states[i] == ChunkState::Verified)
            record.chunks[int(i)] = m_verified[i];
    }
    return record;
}

void DownloadEngine::complete()
{
    std::vector<crypto::Digest> leaves;
    bool allServerChecked = true;
    for (const JournalChunk &chunk : m_verified) {
        leaves.insert(leaves.end(), chunk.leaves.begin(), chunk.leaves.end());
        allServerChecked = allServerChecked && chunk.serverChecked;
    }
    const crypto::Digest root = crypto::combineTreeHashes(leaves);
    m_result.treeHash = QString::fromLatin1(crypto::toHex(root));
    m_result.complete = true;
    QString error;
    if (m_target.expectedTreeHash && *m_target.expectedTreeHash != root) {
        // Chunks no server header vouched for are suspects: fetch them again next time.
        for (std::size_t i = 0; i < m_chunks.size(); ++i) {
            if (!m_verified[i].serverChecked)
                m_states[i] = ChunkState::Pending;
        }
        m_result.complete = false;
        recordVerified();
        finish(DownloadError::Verification,
               QStringLiteral("the downloaded bytes have the tree hash %1, the job says %2. "
                              "Chunks without a server checksum were dropped from %3; run "
                              "again to fetch them.")
                   .arg(m_result.treeHash,
                        QString::fromLatin1(crypto::toHex(*m_target.expectedTreeHash)),
                        journalPath(m_options.outputPath)));
        return;
    }
    m_result.verifiedBy = m_target.expectedTreeHash               ? VerifiedBy::JobHash
                          : allServerChecked && !m_chunks.empty() ? VerifiedBy::ServerHeader
                                                                  : VerifiedBy::None;
    m_result.verified = m_result.verifiedBy != VerifiedBy::None;
    if (!m_part.syncAll(&error)) {
        finish(DownloadError::LocalIo, error);
        return;
    }
    if (!m_result.verified) {
        recordVerified();
        m_part.close();
        finish(DownloadError::Verification,
               QStringLiteral("not verified by the server: it offered no checksum for this output "
                              "(no tree hash in the job, no x-amz-sha256-tree-hash). The complete "
                              "but unverified bytes (tree hash %1) are kept in %2; rename it "
                              "yourself to accept them.")
                   .arg(m_result.treeHash, partPath(m_options.outputPath)));
        return;
    }
    m_part.close();
    if (!renameInto(partPath(m_options.outputPath), m_options.outputPath, m_options.overwrite,
                    &error)) {
        finish(DownloadError::LocalIo, error);
        return;
    }
    QFile::remove(journalPath(m_options.outputPath));
    if (!syncDirectory(QFileInfo(m_options.outputPath).absolutePath(), &error)) {
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
    m_aborting = true;
    std::vector<QPointer<glacier::GlacierOperation>> operations;
    for (auto &[id, fetch] : m_fetches)
        operations.push_back(fetch.operation);
    for (const auto &operation : operations) {
        if (operation)
            operation->abort();
    }
    m_aborting = false;
    if (m_fetches.empty())
        finishStopped();
}

void DownloadEngine::finishStopped()
{
    if (m_finished)
        return;
    if (m_part.isOpen()) {
        QString error;
        if (m_part.syncData(&error)) {
            DownloadJournal record = journal();
            record.partModificationTimeNs = m_part.modificationTimeNs();
            if (!record.save(journalPath(m_options.outputPath), &error))
                qCWarning(lcTransfer).noquote() << error;
        }
        m_part.close();
    }
    finish(m_stopKind, m_stopMessage + QLatin1Char(' ') + keptSummary());
}

QString DownloadEngine::keptSummary() const
{
    qint64 bytes = 0;
    for (std::size_t i = 0; i < m_chunks.size(); ++i) {
        if (m_states[i] == ChunkState::Verified)
            bytes += m_chunks[i].length;
    }
    return QStringLiteral("%1 of %2 chunks (%3 of %4 bytes) are verified and kept in %5.")
        .arg(verifiedCount())
        .arg(m_chunks.size())
        .arg(bytes)
        .arg(m_target.size)
        .arg(partPath(m_options.outputPath));
}

int DownloadEngine::verifiedCount() const
{
    return int(std::count(m_states.begin(), m_states.end(), ChunkState::Verified));
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
    m_result.chunksVerified = verifiedCount();
    if (kind != DownloadError::None)
        qCInfo(lcTransfer).noquote() << message;
    QMetaObject::invokeMethod(
        this,
        [this] {
            Q_EMIT progressChanged(progress());
            Q_EMIT finished(m_result);
        },
        Qt::QueuedConnection);
}

DownloadProgress DownloadEngine::progress() const
{
    DownloadProgress progress;
    progress.totalBytes = m_target.size;
    progress.chunkCount = int(m_chunks.size());
    progress.chunksVerified = verifiedCount();
    progress.chunksActive = int(m_fetches.size());
    for (std::size_t i = 0; i < m_chunks.size(); ++i) {
        if (m_states[i] == ChunkState::Verified)
            progress.doneBytes += m_chunks[i].length;
    }
    for (const auto &[id, fetch] : m_fetches)
        progress.doneBytes += fetch.sink->received();
    progress.bytesPerSecond = m_bytesPerSecond;
    if (m_bytesPerSecond > 0)
        progress.etaSeconds = (progress.totalBytes - progress.doneBytes) / m_bytesPerSecond;
    return progress;
}

void DownloadEngine::emitProgress()
{
    qint64 received = m_result.bytesDownloaded;
    for (const auto &[id, fetch] : m_fetches)
        received += fetch.sink->totalReceived();
    const qint64 now = m_rateClock.elapsed();
    if (now - m_rateMs >= 1000) {
        // A rate over the last second or more, smoothed so the ETA does not jump about.
        const qint64 rate = (received - m_rateBytes) * 1000 / qMax<qint64>(1, now - m_rateMs);
        m_bytesPerSecond = m_bytesPerSecond == 0 ? rate : (m_bytesPerSecond + rate) / 2;
        m_rateBytes = received;
        m_rateMs = now;
    }
    Q_EMIT progressChanged(progress());
}

} // namespace thaw::transfer
