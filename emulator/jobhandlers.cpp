// Initiate Job, Describe Job and List Jobs: api-initiate-job-post.md, api-describe-job-get.md,
// api-jobs-get.md, api-GlacierJobDescription.md.
#include "glacierservice.h"

#include "inventorywriter.h"

#include "core/crypto/rangealignment.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace thaw::emulator {

namespace {

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

QString GlacierService::statusCode(const Job &job) const
{
    if (!isComplete(job))
        return QStringLiteral("InProgress");
    return job.failed ? QStringLiteral("Failed") : QStringLiteral("Succeeded");
}

QJsonObject GlacierService::jobJson(const Job &job) const
{
    const bool done = isComplete(job);
    const QString status = statusCode(job);
    QJsonObject o{{QStringLiteral("JobId"), job.id},
                  {QStringLiteral("JobDescription"), orNull(job.description)},
                  {QStringLiteral("VaultARN"), vaultArn(job.vault)},
                  {QStringLiteral("CreationDate"), iso(job.creationDate)},
                  {QStringLiteral("Completed"), done},
                  {QStringLiteral("StatusCode"), status},
                  {QStringLiteral("StatusMessage"), !done ? QJsonValue()
                                                    : job.failed
                                                        ? QJsonValue(job.statusMessage)
                                                        : QJsonValue(QStringLiteral("Succeeded"))},
                  {QStringLiteral("CompletionDate"),
                   done ? QJsonValue(iso(job.completionDate)) : QJsonValue()},
                  {QStringLiteral("SNSTopic"), orNull(job.snsTopic)},
                  {QStringLiteral("Tier"), job.tier},
                  {QStringLiteral("JobOutputPath"), QJsonValue()},
                  {QStringLiteral("OutputLocation"), QJsonValue()},
                  {QStringLiteral("SelectParameters"), QJsonValue()}};
    if (job.type == JobType::ArchiveRetrieval) {
        const Archive *archive = m_store.archive(job.archiveId);
        o.insert(QStringLiteral("Action"), QStringLiteral("ArchiveRetrieval"));
        o.insert(QStringLiteral("ArchiveId"), job.archiveId);
        o.insert(QStringLiteral("ArchiveSizeInBytes"), archive ? double(archive->size) : 0.0);
        o.insert(QStringLiteral("ArchiveSHA256TreeHash"),
                 archive ? QJsonValue(QString::fromLatin1(crypto::toHex(archive->treeHash)))
                         : QJsonValue());
        o.insert(QStringLiteral("RetrievalByteRange"),
                 QStringLiteral("%1-%2").arg(job.rangeStart).arg(job.rangeEnd));
        o.insert(QStringLiteral("InventorySizeInBytes"), QJsonValue());
        o.insert(QStringLiteral("InventoryRetrievalParameters"), QJsonValue());
        // Null for a range that is not tree-hash aligned, and for the whole archive until done.
        std::optional<crypto::Digest> hash;
        if (archive)
            hash = rangeTreeHash(*archive, job.rangeStart, job.rangeEnd);
        const bool whole = archive && job.rangeStart == 0 && job.rangeEnd == archive->size - 1;
        o.insert(QStringLiteral("SHA256TreeHash"),
                 hash && (done || !whole) ? QJsonValue(QString::fromLatin1(crypto::toHex(*hash)))
                                          : QJsonValue());
    } else {
        o.insert(QStringLiteral("Action"), QStringLiteral("InventoryRetrieval"));
        o.insert(QStringLiteral("ArchiveId"), QJsonValue());
        o.insert(QStringLiteral("ArchiveSizeInBytes"), QJsonValue());
        o.insert(QStringLiteral("ArchiveSHA256TreeHash"), QJsonValue());
        o.insert(QStringLiteral("RetrievalByteRange"), QJsonValue());
        o.insert(QStringLiteral("SHA256TreeHash"), QJsonValue());
        o.insert(QStringLiteral("InventorySizeInBytes"),
                 hasSucceeded(job) ? QJsonValue(double(job.inventorySize)) : QJsonValue());
        o.insert(QStringLiteral("InventoryRetrievalParameters"),
                 QJsonObject{{QStringLiteral("Format"), job.format},
                             {QStringLiteral("StartDate"),
                              job.startDate ? QJsonValue(iso(*job.startDate)) : QJsonValue()},
                             {QStringLiteral("EndDate"),
                              job.endDate ? QJsonValue(iso(*job.endDate)) : QJsonValue()},
                             {QStringLiteral("Limit"),
                              job.limit ? QJsonValue(QString::number(*job.limit)) : QJsonValue()},
                             {QStringLiteral("Marker"), orNull(job.nextMarker)}});
    }
    return o;
}

Response GlacierService::initiateJob(const Request &request, const Route &route)
{
    const Vault *vault = m_store.vault(route.vault);
    if (!vault)
        return vaultNotFound(route.vault).toResponse();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (!doc.isObject())
        return GlacierError{
            400, QStringLiteral("SerializationException"),
            QStringLiteral("Unable to parse the job parameters: %1").arg(parseError.errorString())}
            .toResponse();
    const QJsonObject params = doc.object();
    Job job;
    job.id = Store::newId(92);
    job.vault = route.vault;
    job.creationDate = now();
    job.completionDate = job.creationDate.addMSecs(qint64(m_options.jobDelaySeconds * 1000));
    job.description = params.value(QStringLiteral("Description")).toString();
    job.snsTopic = params.value(QStringLiteral("SNSTopic")).toString();
    const QString type = params.value(QStringLiteral("Type")).toString();
    if (type.isEmpty())
        return GlacierError::missingParameter(QStringLiteral("Required parameter missing: Type"))
            .toResponse();
    if (params.contains(QStringLiteral("Tier"))) {
        job.tier = params.value(QStringLiteral("Tier")).toString();
        if (job.tier != u"Standard" && job.tier != u"Bulk" && job.tier != u"Expedited")
            return GlacierError::invalidParameter(
                       QStringLiteral("Invalid tier value: %1").arg(job.tier))
                .toResponse();
    }
    if (type == u"archive-retrieval") {
        job.type = JobType::ArchiveRetrieval;
        job.archiveId = params.value(QStringLiteral("ArchiveId")).toString();
        if (job.archiveId.isEmpty())
            return GlacierError::missingParameter(
                       QStringLiteral("Required parameter missing: ArchiveId"))
                .toResponse();
        const Archive *archive = m_store.archive(job.archiveId);
        if (!archive || archive->vault != job.vault)
            return GlacierError::notFound(
                       QStringLiteral("Archive not found for ArchiveId: %1").arg(job.archiveId))
                .toResponse();
        job.rangeStart = 0;
        job.rangeEnd = archive->size - 1;
        const QString range = params.value(QStringLiteral("RetrievalByteRange")).toString();
        if (!range.isEmpty()) {
            const QStringList parts = range.split(u'-');
            bool okStart = false, okEnd = false;
            const qint64 start = parts.size() == 2 ? parts[0].toLongLong(&okStart) : -1;
            const qint64 end = parts.size() == 2 ? parts[1].toLongLong(&okEnd) : -1;
            if (!okStart || !okEnd || !crypto::isMegabyteAligned(start, end, archive->size))
                return GlacierError::invalidParameter(
                           QStringLiteral("The byte range is not valid: %1; it must be megabyte "
                                          "aligned and within the archive")
                               .arg(range))
                    .toResponse();
            job.rangeStart = start;
            job.rangeEnd = end;
            job.rangeGiven = true;
        }
    } else if (type == u"inventory-retrieval") {
        job.type = JobType::InventoryRetrieval;
        job.format = params.value(QStringLiteral("Format")).toString(QStringLiteral("JSON"));
        if (job.format != u"JSON" && job.format != u"CSV")
            return GlacierError::invalidParameter(
                       QStringLiteral("Invalid format: %1").arg(job.format))
                .toResponse();
        const QJsonObject inv
            = params.value(QStringLiteral("InventoryRetrievalParameters")).toObject();
        for (const QString &key : {QStringLiteral("StartDate"), QStringLiteral("EndDate")}) {
            if (!inv.contains(key))
                continue;
            const QDateTime t = QDateTime::fromString(inv.value(key).toString(), Qt::ISODateWithMs);
            if (!t.isValid())
                return GlacierError::invalidParameter(
                           QStringLiteral("Invalid %1: %2").arg(key, inv.value(key).toString()))
                    .toResponse();
            (key == u"StartDate" ? job.startDate : job.endDate) = t.toUTC();
        }
        if (inv.contains(QStringLiteral("Limit"))) {
            bool ok = false;
            const qint64 limit = inv.value(QStringLiteral("Limit")).toString().toLongLong(&ok);
            if (!ok || limit < 1)
                return GlacierError::invalidParameter(
                           QStringLiteral("Invalid limit: %1")
                               .arg(inv.value(QStringLiteral("Limit")).toString()))
                    .toResponse();
            job.limit = limit;
        }
        job.marker = inv.value(QStringLiteral("Marker")).toString();
        if (const auto error = takeInventory(job, *vault))
            return error->toResponse();
    } else if (type == u"select") {
        return GlacierError::invalidParameter(
                   QStringLiteral("select jobs are not supported by thaw-emulator"))
            .toResponse();
    } else {
        return GlacierError::invalidParameter(QStringLiteral("Invalid job type: %1").arg(type))
            .toResponse();
    }
    const Job &stored = m_store.addJob(std::move(job));
    Response response;
    response.status = 202;
    response.setHeader("Location", vaultPath(stored.vault) + "/jobs/" + stored.id.toLatin1());
    response.setHeader("x-amz-job-id", stored.id.toLatin1());
    return response;
}

std::optional<GlacierError> GlacierService::takeInventory(Job &job, const Vault &vault)
{
    // The inventory is taken now, as the vault is.
    QList<const Archive *> selected;
    bool started = job.marker.isEmpty();
    for (const QString &id : vault.archiveIds) {
        const Archive *a = m_store.archive(id);
        if (!started && id == job.marker)
            started = true;
        if (!started || (job.startDate && a->creationDate < *job.startDate)
            || (job.endDate && a->creationDate >= *job.endDate)) {
            continue;
        }
        if (job.limit && selected.size() >= *job.limit) {
            job.nextMarker = id;
            break;
        }
        selected.append(a);
    }
    const QByteArray output
        = job.format == u"CSV"
              ? inventory::toCsv(selected)
              : inventory::toJson(vaultArn(job.vault), job.completionDate, selected);
    job.outputPath = QDir(m_store.dataDir()).filePath(QStringLiteral("jobs/%1.out").arg(job.id));
    QSaveFile file(job.outputPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(output) != output.size() || !file.commit()) {
        return GlacierError{500, QStringLiteral("ServiceUnavailableException"), file.errorString(),
                            QStringLiteral("Server")};
    }
    job.inventorySize = output.size();
    return std::nullopt;
}

Response GlacierService::describeJob(const Route &route)
{
    if (!m_store.vault(route.vault))
        return vaultNotFound(route.vault).toResponse();
    const Job *job = m_store.job(route.jobId);
    if (!job || job->vault != route.vault)
        return GlacierError::notFound(
                   QStringLiteral("The job ID was not found: %1").arg(route.jobId))
            .toResponse();
    return json(200, jobJson(*job));
}

Response GlacierService::listJobs(const Request &request, const Route &route)
{
    if (!m_store.vault(route.vault))
        return vaultNotFound(route.vault).toResponse();
    const QUrlQuery query = queryOf(request);
    const auto limitOrError = limitOf(query, 50); // the documented default and maximum
    if (const auto *error = std::get_if<GlacierError>(&limitOrError))
        return error->toResponse();
    const int limit = std::get<int>(limitOrError);
    const QString status = query.queryItemValue(QStringLiteral("statuscode"));
    if (query.hasQueryItem(QStringLiteral("statuscode")) && status != u"InProgress"
        && status != u"Succeeded" && status != u"Failed")
        return GlacierError::invalidParameter(
                   QStringLiteral("The job status code is not valid: %1").arg(status))
            .toResponse();
    const QString completed = query.queryItemValue(QStringLiteral("completed"));
    if (query.hasQueryItem(QStringLiteral("completed")) && completed != u"true"
        && completed != u"false")
        return GlacierError::invalidParameter(
                   QStringLiteral("The completed value is not valid: %1").arg(completed))
            .toResponse();
    QList<const Job *> jobs;
    for (const Job *job : m_store.jobsOf(route.vault)) {
        const bool done = isComplete(*job);
        if (!completed.isEmpty() && done != (completed == u"true"))
            continue;
        if (!status.isEmpty() && status != statusCode(*job))
            continue;
        jobs.append(job);
    }
    qsizetype first = 0;
    const QString marker = query.queryItemValue(QStringLiteral("marker"), QUrl::FullyDecoded);
    if (!marker.isEmpty()) {
        first = -1;
        for (qsizetype i = 0; i < jobs.size(); ++i) {
            if (jobs[i]->id == marker)
                first = i;
        }
        if (first < 0)
            return GlacierError::invalidParameter(
                       QStringLiteral("The marker is not valid: %1").arg(marker))
                .toResponse();
    }
    QJsonArray list;
    qsizetype i = first;
    for (; i < jobs.size() && list.size() < limit; ++i)
        list.append(jobJson(*jobs[i]));
    return json(200, QJsonObject{{QStringLiteral("JobList"), list},
                                 {QStringLiteral("Marker"),
                                  i < jobs.size() ? QJsonValue(jobs[i]->id) : QJsonValue()}});
}

} // namespace thaw::emulator
