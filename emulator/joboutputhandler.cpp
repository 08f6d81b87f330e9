// Get Job Output: api-job-output-get.md and checksum-calculations-range.md. The body is
// streamed from the archive or inventory file; x-amz-sha256-tree-hash comes from the archive's
// stored leaf hashes, without rereading the data.
#include "glacierservice.h"

#include "core/crypto/rangealignment.h"
#include "core/crypto/treehashcombine.h"

#include <span>

namespace thaw::emulator {

namespace {

constexpr qint64 OutputWindowMs = qint64(24) * 3600 * 1000;

// "bytes=A-B", "bytes=A-" or "bytes=-N" against an output of `total` bytes. nullopt when the
// range cannot be satisfied; *malformed when it is not a single byte range at all.
std::optional<std::pair<qint64, qint64>> parseRange(const QByteArray &header, qint64 total,
                                                    bool *malformed)
{
    *malformed = false;
    const QByteArray value = header.trimmed();
    if (!value.startsWith("bytes=") || value.contains(',')) {
        *malformed = true;
        return std::nullopt;
    }
    const QByteArray spec = value.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0) {
        *malformed = true;
        return std::nullopt;
    }
    bool okFirst = true, okLast = true;
    const QByteArray firstText = spec.left(dash).trimmed();
    const QByteArray lastText = spec.mid(dash + 1).trimmed();
    if (firstText.isEmpty()) { // suffix: the last N bytes
        const qint64 n = lastText.toLongLong(&okLast);
        if (!okLast || n <= 0 || total == 0)
            return std::nullopt;
        return std::pair(qMax<qint64>(0, total - n), total - 1);
    }
    const qint64 first = firstText.toLongLong(&okFirst);
    qint64 last = lastText.isEmpty() ? total - 1 : lastText.toLongLong(&okLast);
    if (!okFirst || !okLast || first < 0) {
        *malformed = true;
        return std::nullopt;
    }
    if (first >= total || last < first)
        return std::nullopt;
    last = qMin(last, total - 1);
    return std::pair(first, last);
}

} // namespace

Response GlacierService::getJobOutput(const Request &request, const Route &route)
{
    if (!m_store.vault(route.vault))
        return vaultNotFound(route.vault).toResponse();
    const Job *job = m_store.job(route.jobId);
    const QDateTime current = now();
    if (!job || job->vault != route.vault
        || (isComplete(*job) && current > job->completionDate.addMSecs(OutputWindowMs))) {
        return GlacierError::notFound(
                   QStringLiteral("The job ID was not found: %1").arg(route.jobId))
            .toResponse();
    }
    if (job->failed && isComplete(*job))
        return GlacierError::invalidParameter(
                   QStringLiteral("The job failed and has no output: %1").arg(job->id))
            .toResponse();
    if (!isComplete(*job))
        return GlacierError::invalidParameter(
                   QStringLiteral("The job is not currently available for download: %1")
                       .arg(job->id))
            .toResponse();

    const qint64 total = job->outputSize();
    const bool isArchive = job->type == JobType::ArchiveRetrieval;
    const Archive *archive = isArchive ? m_store.archive(job->archiveId) : nullptr;
    if (isArchive && !archive)
        return GlacierError::notFound(
                   QStringLiteral("The job ID was not found: %1").arg(route.jobId))
            .toResponse();

    qint64 first = 0, last = total - 1;
    bool partial = false;
    const QByteArray rangeHeader = request.header("range");
    if (!rangeHeader.isNull() && !m_faults.takeIgnoreRange()) {
        bool malformed = false;
        const auto range = parseRange(rangeHeader, total, &malformed);
        if (malformed)
            return GlacierError::invalidParameter(QStringLiteral("The range is not valid: %1")
                                                      .arg(QString::fromLatin1(rangeHeader)))
                .toResponse();
        if (!range) {
            Response response = GlacierError{416, QStringLiteral("InvalidParameterValueException"),
                                             QStringLiteral("The requested range is not "
                                                            "satisfiable: %1 of %2 bytes")
                                                 .arg(QString::fromLatin1(rangeHeader))
                                                 .arg(total)}
                                    .toResponse();
            response.setHeader("Content-Range", "bytes */" + QByteArray::number(total));
            return response;
        }
        first = range->first;
        last = range->second;
        partial = true;
    }

    Response response;
    response.status = partial ? 206 : 200;
    response.setHeader("Accept-Ranges", "bytes");
    if (partial)
        response.setHeader("Content-Range", "bytes " + QByteArray::number(first) + '-'
                                                + QByteArray::number(last) + '/'
                                                + QByteArray::number(total));
    if (isArchive) {
        response.setHeader("Content-Type", "application/octet-stream");
        // Only when the job's own range and this download's range are both tree-hash aligned
        // (the latter relative to the job output) does Glacier send the checksum.
        if (rangeTreeHash(*archive, job->rangeStart, job->rangeEnd) && total > 0) {
            if (crypto::isTreeHashAligned(first, last, total)) {
                const auto from = size_t((job->rangeStart + first) / crypto::TreeHashLeafSize);
                const auto to = size_t((job->rangeStart + last + crypto::TreeHashLeafSize)
                                       / crypto::TreeHashLeafSize);
                if (to <= archive->leaves.size()) {
                    const crypto::Digest hash = crypto::combineTreeHashes(
                        std::span<const crypto::Digest>(archive->leaves.data() + from, to - from));
                    response.setHeader("x-amz-sha256-tree-hash", crypto::toHex(hash));
                }
            }
        }
        if (!archive->description.isEmpty())
            response.setHeader("x-amz-archive-description", archive->description);
        response.fileBody
            = FileBody{archive->dataPath, job->rangeStart + first, last - first + 1, first};
    } else {
        response.setHeader("Content-Type", job->format == u"CSV" ? "text/csv" : "application/json");
        response.fileBody = FileBody{job->outputPath, first, last - first + 1, first};
    }
    response.countOutputBytes = true;
    response.faults = m_faults.takeBodyFaults(first, last - first + 1);
    return response;
}

} // namespace thaw::emulator
