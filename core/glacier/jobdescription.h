#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace thaw::glacier {

// Every field of a Glacier job as Describe Job and List Jobs return it.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-GlacierJobDescription.html
// A JSON `null` (or a missing field) is std::nullopt, never zero or an empty string.

enum class JobAction { ArchiveRetrieval, InventoryRetrieval, Select, Unknown };
enum class JobStatus { InProgress, Succeeded, Failed, Unknown };
enum class RetrievalTier { Expedited, Standard, Bulk };

// InventoryRetrievalJobInput, as echoed back in a job description.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-InventoryRetrievalJobInput.html
struct InventoryRetrievalParameters
{
    std::optional<QString> format; // "CSV" or "JSON"
    std::optional<QDateTime> startDate;
    std::optional<QDateTime> endDate;
    std::optional<QString> limit;  // a string of digits in the API
    std::optional<QString> marker; // where the next inventory job of a truncated listing starts
};

struct JobDescription
{
    QString jobId;
    JobAction action = JobAction::Unknown;
    QString actionText; // as sent, so an unknown action is still shown
    JobStatus statusCode = JobStatus::Unknown;
    std::optional<QString> statusMessage;
    bool completed = false;
    std::optional<QDateTime> creationDate;
    std::optional<QDateTime> completionDate;
    std::optional<QString> archiveId;
    std::optional<QString> archiveSha256TreeHash;
    std::optional<qint64> archiveSizeInBytes;
    std::optional<qint64> inventorySizeInBytes;
    std::optional<QString> sha256TreeHash;
    std::optional<QString> retrievalByteRange; // "start-end", inclusive
    std::optional<RetrievalTier> tier;
    std::optional<QString> jobDescription;
    std::optional<QString> snsTopic;
    std::optional<QString> vaultArn;
    std::optional<QString> jobOutputPath;
    std::optional<InventoryRetrievalParameters> inventoryRetrievalParameters;
    std::optional<QJsonObject> outputLocation;   // kept raw: Select jobs only
    std::optional<QJsonObject> selectParameters; // kept raw: Select jobs only
};

} // namespace thaw::glacier
