#include "downloadjournal.h"

#include "partfile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <unistd.h>

namespace thaw::transfer {

namespace {

constexpr int JournalVersion = 1;

} // namespace

bool DownloadJournal::describesSameOutput(const DownloadJournal &other) const
{
    if (vault != other.vault || size != other.size || chunkSizeMiB != other.chunkSizeMiB
        || expectedTreeHash.compare(other.expectedTreeHash, Qt::CaseInsensitive) != 0) {
        return false;
    }
    if (jobId == other.jobId)
        return true;
    return !archiveId.isEmpty() && archiveId == other.archiveId
           && retrievalByteRange == other.retrievalByteRange;
}

QByteArray DownloadJournal::toJson() const
{
    QJsonArray chunkArray;
    for (const auto &[index, chunk] : chunks) {
        QJsonArray leaves;
        for (const crypto::Digest &leaf : chunk.leaves)
            leaves.append(QString::fromLatin1(crypto::toHex(leaf)));
        chunkArray.append(QJsonObject{{QStringLiteral("index"), index},
                                      {QStringLiteral("serverChecked"), chunk.serverChecked},
                                      {QStringLiteral("leaves"), leaves}});
    }
    const QJsonObject object{
        {QStringLiteral("version"), JournalVersion},
        {QStringLiteral("vault"), vault},
        {QStringLiteral("jobId"), jobId},
        {QStringLiteral("archiveId"), archiveId},
        {QStringLiteral("retrievalByteRange"), retrievalByteRange},
        {QStringLiteral("size"), QString::number(size)},
        {QStringLiteral("chunkSizeMiB"), chunkSizeMiB},
        {QStringLiteral("expectedTreeHash"), expectedTreeHash},
        {QStringLiteral("partModificationTimeNs"), QString::number(partModificationTimeNs)},
        {QStringLiteral("chunks"), chunkArray},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

std::optional<DownloadJournal> DownloadJournal::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("not a JSON object (%1)").arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    if (object.value(QLatin1String("version")).toInt() != JournalVersion) {
        *error = QStringLiteral("unknown journal version");
        return std::nullopt;
    }
    DownloadJournal journal;
    journal.vault = object.value(QLatin1String("vault")).toString();
    journal.jobId = object.value(QLatin1String("jobId")).toString();
    journal.archiveId = object.value(QLatin1String("archiveId")).toString();
    journal.retrievalByteRange = object.value(QLatin1String("retrievalByteRange")).toString();
    bool sizeOk = false;
    journal.size = object.value(QLatin1String("size")).toString().toLongLong(&sizeOk);
    journal.chunkSizeMiB = object.value(QLatin1String("chunkSizeMiB")).toInteger();
    journal.expectedTreeHash = object.value(QLatin1String("expectedTreeHash")).toString();
    journal.partModificationTimeNs
        = object.value(QLatin1String("partModificationTimeNs")).toString().toLongLong();
    if (journal.jobId.isEmpty() || !sizeOk || journal.size < 0 || journal.chunkSizeMiB <= 0) {
        *error = QStringLiteral("job id, size or chunk size missing");
        return std::nullopt;
    }
    const qint64 chunkBytes = journal.chunkSizeMiB * 1024 * 1024;
    const qint64 chunkCount = (journal.size + chunkBytes - 1) / chunkBytes;
    for (const QJsonValue &value : object.value(QLatin1String("chunks")).toArray()) {
        const QJsonObject chunkObject = value.toObject();
        const int index = chunkObject.value(QLatin1String("index")).toInt(-1);
        if (index < 0 || index >= chunkCount) {
            *error = QStringLiteral("chunk index out of range");
            return std::nullopt;
        }
        JournalChunk chunk;
        chunk.serverChecked = chunkObject.value(QLatin1String("serverChecked")).toBool();
        for (const QJsonValue &leaf : chunkObject.value(QLatin1String("leaves")).toArray()) {
            const std::optional<crypto::Digest> digest
                = crypto::digestFromHex(leaf.toString().toLatin1());
            if (!digest) {
                *error = QStringLiteral("a leaf hash is not 64 hex digits");
                return std::nullopt;
            }
            chunk.leaves.push_back(*digest);
        }
        const qint64 length = qMin(chunkBytes, journal.size - index * chunkBytes);
        if (qint64(chunk.leaves.size()) != qMax<qint64>(1, (length + 1048575) / 1048576)) {
            *error = QStringLiteral("chunk %1 has the wrong number of leaves").arg(index);
            return std::nullopt;
        }
        journal.chunks[index] = std::move(chunk);
    }
    return journal;
}

std::optional<DownloadJournal> DownloadJournal::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QString why;
    std::optional<DownloadJournal> journal = fromJson(file.readAll(), &why);
    if (!journal)
        *error = QStringLiteral("%1 is not a Thaw download journal: %2").arg(path, why);
    return journal;
}

bool DownloadJournal::save(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray json = toJson();
    // QSaveFile renames without syncing the temporary's data first; do it here, then sync the
    // directory so the rename itself survives a power cut.
    if (file.write(json) != json.size() || !file.flush() || ::fsync(file.handle()) != 0
        || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    return syncDirectory(QFileInfo(path).absolutePath(), error);
}

} // namespace thaw::transfer
