#include "jobfields.h"

#include <QJsonDocument>

namespace thaw::ui {

using namespace Qt::StringLiterals;

namespace {

const QString kNone = u"—"_s;

QString text(const std::optional<QString> &value)
{
    return value ? *value : kNone;
}

QString text(const std::optional<QDateTime> &value)
{
    return value && value->isValid() ? value->toUTC().toString(Qt::ISODateWithMs) : kNone;
}

QString text(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : kNone;
}

QString text(const std::optional<QJsonObject> &value)
{
    return value ? QString::fromUtf8(QJsonDocument(*value).toJson(QJsonDocument::Compact))
                 : kNone;
}

QString statusCodeText(glacier::JobStatus status)
{
    switch (status) {
    case glacier::JobStatus::InProgress:
        return u"InProgress"_s;
    case glacier::JobStatus::Succeeded:
        return u"Succeeded"_s;
    case glacier::JobStatus::Failed:
        return u"Failed"_s;
    case glacier::JobStatus::Unknown:
        break;
    }
    return kNone;
}

QString tierText(const std::optional<glacier::RetrievalTier> &tier)
{
    if (!tier)
        return kNone;
    switch (*tier) {
    case glacier::RetrievalTier::Expedited:
        return u"Expedited"_s;
    case glacier::RetrievalTier::Standard:
        return u"Standard"_s;
    case glacier::RetrievalTier::Bulk:
        break;
    }
    return u"Bulk"_s;
}

QString inventoryText(const std::optional<glacier::InventoryRetrievalParameters> &p)
{
    if (!p)
        return kNone;
    return u"Format: %1, StartDate: %2, EndDate: %3, Limit: %4, Marker: %5"_s.arg(
        text(p->format), text(p->startDate), text(p->endDate), text(p->limit), text(p->marker));
}

} // namespace

QList<QPair<QString, QString>> jobFields(const glacier::JobDescription &job)
{
    return {
        {u"JobId"_s, job.jobId},
        {u"Action"_s, job.actionText.isEmpty() ? kNone : job.actionText},
        {u"StatusCode"_s, statusCodeText(job.statusCode)},
        {u"StatusMessage"_s, text(job.statusMessage)},
        {u"Completed"_s, job.completed ? u"true"_s : u"false"_s},
        {u"CreationDate"_s, text(job.creationDate)},
        {u"CompletionDate"_s, text(job.completionDate)},
        {u"JobDescription"_s, text(job.jobDescription)},
        {u"ArchiveId"_s, text(job.archiveId)},
        {u"ArchiveSizeInBytes"_s, text(job.archiveSizeInBytes)},
        {u"ArchiveSHA256TreeHash"_s, text(job.archiveSha256TreeHash)},
        {u"SHA256TreeHash"_s, text(job.sha256TreeHash)},
        {u"RetrievalByteRange"_s, text(job.retrievalByteRange)},
        {u"Tier"_s, tierText(job.tier)},
        {u"InventorySizeInBytes"_s, text(job.inventorySizeInBytes)},
        {u"InventoryRetrievalParameters"_s, inventoryText(job.inventoryRetrievalParameters)},
        {u"SNSTopic"_s, text(job.snsTopic)},
        {u"VaultARN"_s, text(job.vaultArn)},
        {u"JobOutputPath"_s, text(job.jobOutputPath)},
        {u"OutputLocation"_s, text(job.outputLocation)},
        {u"SelectParameters"_s, text(job.selectParameters)},
    };
}

} // namespace thaw::ui
