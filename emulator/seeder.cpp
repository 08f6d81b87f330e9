// --seed FILE.json: vaults, archives and jobs in any state, for the GUI's demo mode and tests.
// Dates are ISO 8601 strings or numbers of seconds relative to the emulator's clock at start
// (negative: in the past), so a seed file can hold a job that is "about to expire".
#include "glacierservice.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace thaw::emulator {

namespace {

constexpr qint64 MaxSeedArchiveBytes = qint64(256) << 20;

bool dateOf(const QJsonObject &o, const QString &key, const QDateTime &now, QDateTime *out,
            QString *error)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true; // keeps the caller's default
    if (v.isDouble()) {
        *out = now.addMSecs(qint64(v.toDouble() * 1000));
        return true;
    }
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!v.isString() || !t.isValid()) {
        *error = QStringLiteral("%1 is neither an ISO 8601 date nor seconds from now").arg(key);
        return false;
    }
    *out = t.toUTC();
    return true;
}

// Readable, deterministic bytes: "<vault>/<n>: thaw-emulator demo data\n" repeated.
QByteArray patternBytes(const QString &vault, int index, qint64 size)
{
    const QByteArray line
        = QStringLiteral("%1/%2: thaw-emulator demo data\n").arg(vault).arg(index).toUtf8();
    QByteArray data;
    data.reserve(size);
    while (data.size() < size)
        data.append(line.left(size - data.size()));
    return data;
}

} // namespace

bool GlacierService::seed(const QJsonObject &seed, QString *error)
{
    static const QRegularExpression vaultName(QStringLiteral("^[A-Za-z0-9_.-]{1,255}$"));
    const QDateTime start = now();
    const QJsonArray vaults = seed.value(QStringLiteral("vaults")).toArray();
    if (!seed.value(QStringLiteral("vaults")).isArray()) {
        *error = QStringLiteral("the seed has no \"vaults\" array");
        return false;
    }
    for (const QJsonValue &vaultValue : vaults) {
        const QJsonObject v = vaultValue.toObject();
        const QString name = v.value(QStringLiteral("name")).toString();
        auto fail = [&](const QString &what) {
            *error = QStringLiteral("vault \"%1\": %2").arg(name, what);
            return false;
        };
        if (!vaultName.match(name).hasMatch())
            return fail(QStringLiteral("not a valid vault name"));
        if (m_store.vault(name))
            return fail(QStringLiteral("already in the data directory (seed a fresh --data)"));
        QDateTime created = start.addDays(-365);
        if (!dateOf(v, QStringLiteral("creationDate"), start, &created, error))
            return fail(*error);
        m_store.createVault(name, created);

        QStringList archiveIds;
        const QJsonArray archives = v.value(QStringLiteral("archives")).toArray();
        for (qsizetype i = 0; i < archives.size(); ++i) {
            const QJsonObject a = archives.at(i).toObject();
            QDateTime date = created.addSecs(3600 * (i + 1));
            if (!dateOf(a, QStringLiteral("creationDate"), start, &date, error))
                return fail(*error);
            QByteArray data;
            if (a.contains(QStringLiteral("content"))) {
                data = a.value(QStringLiteral("content")).toString().toUtf8();
            } else {
                const qint64 size = qint64(a.value(QStringLiteral("size")).toDouble(1024));
                if (size < 0 || size > MaxSeedArchiveBytes)
                    return fail(QStringLiteral("archive %1: size outside 0..256 MiB").arg(i));
                data = patternBytes(name, int(i), size);
            }
            const QByteArray description
                = a.contains(QStringLiteral("descriptionBase64"))
                      ? QByteArray::fromBase64(
                          a.value(QStringLiteral("descriptionBase64")).toString().toLatin1())
                      : a.value(QStringLiteral("description")).toString().toUtf8();
            const Archive *archive = m_store.addArchive(name, description, data, date, error);
            if (!archive)
                return fail(*error);
            archiveIds.append(archive->id);
        }

        const QJsonArray jobs = v.value(QStringLiteral("jobs")).toArray();
        for (qsizetype i = 0; i < jobs.size(); ++i) {
            const QJsonObject j = jobs.at(i).toObject();
            const QString where = QStringLiteral("job %1: ").arg(i);
            Job job;
            job.id = Store::newId(92);
            job.vault = name;
            job.description = j.value(QStringLiteral("description")).toString();
            job.tier = j.value(QStringLiteral("tier")).toString(QStringLiteral("Standard"));
            const QString status
                = j.value(QStringLiteral("status")).toString(QStringLiteral("Succeeded"));
            if (status != u"InProgress" && status != u"Succeeded" && status != u"Failed")
                return fail(where
                            + QStringLiteral("status must be InProgress, Succeeded or Failed"));
            job.creationDate = start.addSecs(-3600);
            if (!dateOf(j, QStringLiteral("creationDate"), start, &job.creationDate, error))
                return fail(where + *error);
            job.completionDate = status == u"InProgress" ? start.addSecs(4 * 3600) : start;
            if (!dateOf(j, QStringLiteral("completionDate"), start, &job.completionDate, error))
                return fail(where + *error);
            if ((status == u"InProgress") != (job.completionDate > start))
                return fail(where
                            + QStringLiteral("an InProgress job completes in the future, "
                                             "a completed one in the past"));
            if (job.completionDate < job.creationDate)
                return fail(where + QStringLiteral("completes before it was created"));
            job.failed = status == u"Failed";
            job.statusMessage = j.value(QStringLiteral("statusMessage"))
                                    .toString(QStringLiteral("The job failed."));
            const QString type = j.value(QStringLiteral("type")).toString();
            if (type == u"archive-retrieval") {
                job.type = JobType::ArchiveRetrieval;
                const int index = j.value(QStringLiteral("archive")).toInt(-1);
                if (index < 0 || index >= archiveIds.size())
                    return fail(where
                                + QStringLiteral("\"archive\" is not the index of an "
                                                 "archive of this vault"));
                job.archiveId = archiveIds.at(index);
                job.rangeStart = 0;
                job.rangeEnd = m_store.archive(job.archiveId)->size - 1;
            } else if (type == u"inventory-retrieval") {
                job.type = JobType::InventoryRetrieval;
                job.format = j.value(QStringLiteral("format")).toString(QStringLiteral("JSON"));
                if (job.format != u"JSON" && job.format != u"CSV")
                    return fail(where + QStringLiteral("format must be JSON or CSV"));
                if (!job.failed) {
                    if (const auto takeError = takeInventory(job, *m_store.vault(name)))
                        return fail(where + takeError->message);
                }
            } else {
                return fail(
                    where
                    + QStringLiteral("type must be archive-retrieval or inventory-retrieval"));
            }
            m_store.addJob(std::move(job));
        }
    }
    return m_store.save(error);
}

} // namespace thaw::emulator
