#pragma once

#include "jobdescription.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <variant>

namespace thaw::glacier {

// The body of Initiate Job for an archive retrieval.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-jobParameters.html
struct ArchiveRetrievalParameters
{
    QString archiveId;
    std::optional<RetrievalTier> tier;
    std::optional<QString> retrievalByteRange; // "start-end", inclusive, megabyte-aligned
    std::optional<QString> description;
    std::optional<QString> snsTopic;
};

// The body of Initiate Job for an inventory retrieval (InventoryRetrievalParameters flattened
// as the API nests them under "InventoryRetrievalParameters").
struct InventoryRetrievalJobParameters
{
    std::optional<QString> format; // "CSV" or "JSON" (Glacier's default: JSON)
    std::optional<QDateTime> startDate;
    std::optional<QDateTime> endDate;
    std::optional<QString> limit;
    std::optional<QString> marker;
    std::optional<QString> description;
    std::optional<QString> snsTopic;
};

// Either kind, or a body given as raw JSON (thaw-cli initiate-job --job-parameters passes the
// user's object through unchanged, as the AWS CLI does).
using JobParameters
    = std::variant<ArchiveRetrievalParameters, InventoryRetrievalJobParameters, QJsonObject>;

// {"Type":"archive-retrieval",...} / {"Type":"inventory-retrieval",...}
QJsonObject toJson(const JobParameters &parameters);
QByteArray toJsonBody(const JobParameters &parameters);

} // namespace thaw::glacier
