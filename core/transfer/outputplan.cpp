#include "outputplan.h"

#include "core/crypto/treehashcombine.h"

#include <QRegularExpression>

namespace thaw::transfer {

using glacier::JobAction;
using glacier::JobDescription;
using glacier::JobStatus;

namespace {

std::optional<crypto::Digest> hexDigest(const std::optional<QString> &hex)
{
    if (!hex || hex->isEmpty())
        return std::nullopt;
    return crypto::digestFromHex(hex->toLatin1());
}

} // namespace

std::optional<JobOutputTarget> jobOutputTarget(const JobDescription &job, QString *error)
{
    if (!job.completed || job.statusCode != JobStatus::Succeeded) {
        *error = QStringLiteral("job %1 has not succeeded (status %2): there is no output to "
                                "download yet")
                     .arg(job.jobId,
                          job.statusMessage.value_or(job.completed ? QStringLiteral("Failed")
                                                                   : QStringLiteral("InProgress")));
        return std::nullopt;
    }
    JobOutputTarget target;
    target.expectedTreeHash = hexDigest(job.sha256TreeHash);
    if (job.action == JobAction::InventoryRetrieval) {
        if (!job.inventorySizeInBytes) {
            *error = QStringLiteral("job %1 does not say its InventorySizeInBytes").arg(job.jobId);
            return std::nullopt;
        }
        target.size = *job.inventorySizeInBytes;
        return target;
    }
    if (job.action != JobAction::ArchiveRetrieval) {
        *error = QStringLiteral("job %1 is a %2 job; only archive and inventory retrievals can be "
                                "downloaded")
                     .arg(job.jobId, job.actionText);
        return std::nullopt;
    }
    if (!job.archiveSizeInBytes) {
        *error = QStringLiteral("job %1 does not say its ArchiveSizeInBytes").arg(job.jobId);
        return std::nullopt;
    }
    target.archiveId = job.archiveId.value_or(QString());
    target.size = *job.archiveSizeInBytes;
    bool whole = true;
    if (job.retrievalByteRange && !job.retrievalByteRange->isEmpty()) {
        target.retrievalByteRange = *job.retrievalByteRange;
        static const QRegularExpression pattern(QStringLiteral("^(\\d{1,18})-(\\d{1,18})$"));
        const QRegularExpressionMatch match = pattern.match(*job.retrievalByteRange);
        const qint64 first = match.captured(1).toLongLong();
        const qint64 last = match.captured(2).toLongLong();
        if (!match.hasMatch() || last < first || last >= *job.archiveSizeInBytes) {
            *error = QStringLiteral("job %1 has an unreadable RetrievalByteRange '%2'")
                         .arg(job.jobId, *job.retrievalByteRange);
            return std::nullopt;
        }
        target.size = last - first + 1;
        whole = first == 0 && last == *job.archiveSizeInBytes - 1;
    }
    if (!target.expectedTreeHash && whole)
        target.expectedTreeHash = hexDigest(job.archiveSha256TreeHash);
    return target;
}

qint64 defaultChunkSizeMiB(qint64 size, int parallel)
{
    qint64 mib = 64;
    const qint64 wanted = 2 * qMax(1, parallel);
    while (mib > 1
           && (size + mib * crypto::TreeHashLeafSize - 1) / (mib * crypto::TreeHashLeafSize)
                  < wanted)
        mib /= 2;
    return mib;
}

} // namespace thaw::transfer
