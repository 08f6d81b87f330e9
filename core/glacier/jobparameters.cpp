#include "jobparameters.h"

#include "glacierjson.h"

#include <QJsonDocument>

namespace thaw::glacier {

namespace {

void insertIf(QJsonObject &object, const char *name, const std::optional<QString> &value)
{
    if (value)
        object.insert(QLatin1String(name), *value);
}

QJsonObject archiveJson(const ArchiveRetrievalParameters &parameters)
{
    QJsonObject object{{QStringLiteral("Type"), QStringLiteral("archive-retrieval")},
                       {QStringLiteral("ArchiveId"), parameters.archiveId}};
    if (parameters.tier)
        object.insert(QStringLiteral("Tier"), json::tierText(*parameters.tier));
    insertIf(object, "RetrievalByteRange", parameters.retrievalByteRange);
    insertIf(object, "Description", parameters.description);
    insertIf(object, "SNSTopic", parameters.snsTopic);
    return object;
}

QJsonObject inventoryJson(const InventoryRetrievalJobParameters &parameters)
{
    QJsonObject object{{QStringLiteral("Type"), QStringLiteral("inventory-retrieval")}};
    insertIf(object, "Format", parameters.format);
    insertIf(object, "Description", parameters.description);
    insertIf(object, "SNSTopic", parameters.snsTopic);
    QJsonObject inner;
    if (parameters.startDate)
        inner.insert(QStringLiteral("StartDate"), json::formatDate(*parameters.startDate));
    if (parameters.endDate)
        inner.insert(QStringLiteral("EndDate"), json::formatDate(*parameters.endDate));
    insertIf(inner, "Limit", parameters.limit);
    insertIf(inner, "Marker", parameters.marker);
    if (!inner.isEmpty())
        object.insert(QStringLiteral("InventoryRetrievalParameters"), inner);
    return object;
}

} // namespace

QJsonObject toJson(const JobParameters &parameters)
{
    if (const auto *archive = std::get_if<ArchiveRetrievalParameters>(&parameters))
        return archiveJson(*archive);
    if (const auto *inventory = std::get_if<InventoryRetrievalJobParameters>(&parameters))
        return inventoryJson(*inventory);
    return std::get<QJsonObject>(parameters);
}

QByteArray toJsonBody(const JobParameters &parameters)
{
    return QJsonDocument(toJson(parameters)).toJson(QJsonDocument::Compact);
}

} // namespace thaw::glacier
