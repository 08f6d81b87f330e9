#include "preflight.h"

#include "keptchunks.h"
#include "outputplan.h"
#include "partfile.h"
#include "transferlogging.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QStorageInfo>

namespace thaw::transfer {

namespace {

QString bytesText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

std::optional<DownloadJournal> matchingJournal(const QString &path, const QString &partPath,
                                               DownloadJournal &current, bool keepChunkSize,
                                               bool overwrite, QString *refusal)
{
    if (!QFileInfo::exists(path))
        return std::nullopt;
    QString error;
    std::optional<DownloadJournal> old = DownloadJournal::load(path, &error);
    if (old && keepChunkSize)
        current.chunkSizeMiB = old->chunkSizeMiB; // resume with the plan already started
    if (old && old->describesSameOutput(current))
        return old;
    if (overwrite) {
        qCInfo(lcTransfer) << "discarding the journal of another download" << path;
        return std::nullopt;
    }
    const QString why = old ? QStringLiteral("it records job %1 (%2 bytes, %3 MiB chunks), not "
                                             "job %4 (%5 bytes, %6 MiB chunks)")
                                  .arg(old->jobId)
                                  .arg(old->size)
                                  .arg(old->chunkSizeMiB)
                                  .arg(current.jobId)
                                  .arg(current.size)
                                  .arg(current.chunkSizeMiB)
                            : error;
    *refusal = QStringLiteral("%1 belongs to another download: %2. Remove it and %3, or pass "
                              "--overwrite to start over")
                   .arg(path, why, partPath);
    return std::nullopt;
}

std::optional<QString>
freeSpaceShortage(const QString &directory, qint64 needed,
                  const std::function<std::optional<qint64>(const QString &path)> &freeSpace)
{
    const std::optional<qint64> available
        = freeSpace ? freeSpace(directory)
                    : std::optional<qint64>(QStorageInfo(directory).bytesAvailable());
    if (!available || *available < 0 || *available >= needed)
        return std::nullopt;
    return QStringLiteral("not enough free space in %1: the download needs %2 more bytes (%3), "
                          "only %4 bytes (%5) are available")
        .arg(directory)
        .arg(needed)
        .arg(bytesText(needed))
        .arg(*available)
        .arg(bytesText(*available));
}

std::optional<PreparedOutput> prepareOutput(const DownloadOptions &options,
                                            DownloadJournal identity, const QString &partPath,
                                            const QString &journalPath, PartFile &part,
                                            QString *error)
{
    if (QFileInfo::exists(options.outputPath) && !options.overwrite) {
        *error = QStringLiteral("%1 already exists; pass --overwrite to replace it")
                     .arg(options.outputPath);
        return std::nullopt;
    }
    identity.chunks.clear();
    identity.chunkSizeMiB = options.chunkSizeMiB > 0
                                ? options.chunkSizeMiB
                                : defaultChunkSizeMiB(identity.size, options.parallel);
    const std::optional<DownloadJournal> old = matchingJournal(
        journalPath, partPath, identity, options.chunkSizeMiB <= 0, options.overwrite, error);
    if (!error->isEmpty())
        return std::nullopt;
    PreparedOutput prepared;
    prepared.chunkSizeMiB = identity.chunkSizeMiB;
    std::optional<std::vector<crypto::Chunk>> plan
        = crypto::planChunks(identity.size, identity.chunkSizeMiB, error);
    if (!plan) {
        *error = QStringLiteral("cannot plan the download: %1").arg(*error);
        return std::nullopt;
    }
    prepared.plan = std::move(*plan);

    const bool partExisted = QFileInfo::exists(partPath);
    if (!part.open(partPath, error))
        return std::nullopt;
    if (!old && part.size() > 0 && !part.resize(0, error))
        return std::nullopt; // unverified bytes of an unknown download
    // Refuse before fetching anything when the volume cannot hold the rest.
    const QString directory = QFileInfo(partPath).absolutePath();
    const std::optional<QString> shortage = freeSpaceShortage(
        directory, qMax<qint64>(0, identity.size - part.allocatedBytes()), options.freeSpace);
    if (shortage) {
        part.close();
        if (!partExisted)
            QFile::remove(partPath);
        *error = *shortage;
        return std::nullopt;
    }
    if (old) {
        // Re-hashed when the .part changed since the journal was saved (a crash mid-write,
        // another program), or when asked to.
        const bool suspicious = options.verifyKept || part.size() != identity.size
                                || part.modificationTimeNs() != old->partModificationTimeNs;
        int dropped = 0;
        prepared.kept = keptChunks(part, prepared.plan, old->chunks, suspicious, &dropped);
        if (dropped > 0)
            qCInfo(lcTransfer) << dropped
                               << "kept chunks no longer match the journal; fetching them again";
    }
    if (!part.resize(identity.size, error))
        return std::nullopt;
    return prepared;
}

} // namespace thaw::transfer
