#include "glacierjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

#include <cmath>

namespace thaw::glacier::json {

namespace {

// Reads optional fields of one JSON object; the first type mismatch is kept in m_error and
// makes ok() false. Absent and null are the same: std::nullopt.
class FieldReader final
{
public:
    FieldReader(const QJsonObject &object, QString context)
        : m_object(object)
        , m_context(std::move(context))
    {}

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    std::optional<QString> string(const char *name)
    {
        const QJsonValue value = m_object.value(QLatin1String(name));
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!value.isString()) {
            fail(name, "a string");
            return std::nullopt;
        }
        return value.toString();
    }

    std::optional<qint64> integer(const char *name)
    {
        const QJsonValue value = m_object.value(QLatin1String(name));
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        const double number = value.toDouble(-1);
        // JSON numbers arrive as doubles: exact up to 2^53, far above any archive size.
        if (!value.isDouble() || number < 0 || number > 9007199254740992.0
            || std::floor(number) != number) {
            fail(name, "a non-negative integer");
            return std::nullopt;
        }
        return qint64(number);
    }

    std::optional<bool> boolean(const char *name)
    {
        const QJsonValue value = m_object.value(QLatin1String(name));
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!value.isBool()) {
            fail(name, "true or false");
            return std::nullopt;
        }
        return value.toBool();
    }

    std::optional<QDateTime> date(const char *name)
    {
        const std::optional<QString> text = string(name);
        if (!text)
            return std::nullopt;
        const QDateTime dateTime = parseDate(*text);
        if (!dateTime.isValid()) {
            fail(name, "an ISO 8601 date");
            return std::nullopt;
        }
        return dateTime;
    }

    std::optional<QJsonObject> object(const char *name)
    {
        const QJsonValue value = m_object.value(QLatin1String(name));
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!value.isObject()) {
            fail(name, "an object");
            return std::nullopt;
        }
        return value.toObject();
    }

    void fail(const char *name, const char *expected)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1%2 is not %3")
                          .arg(m_context, QLatin1String(name), QLatin1String(expected));
    }

    void failWith(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }

private:
    const QJsonObject &m_object;
    QString m_context;
    QString m_error;
};

std::optional<QJsonObject> parseObject(const QByteArray &body, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("invalid JSON at offset %1: %2")
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("the JSON body is not an object");
        return std::nullopt;
    }
    return document.object();
}

template<typename T>
QJsonValue orNull(const std::optional<T> &value)
{
    if (!value)
        return QJsonValue::Null;
    if constexpr (std::is_same_v<T, QDateTime>)
        return formatDate(*value);
    else if constexpr (std::is_same_v<T, qint64>)
        return double(*value);
    else
        return *value;
}

} // namespace

QDateTime parseDate(const QString &text)
{
    if (!text.endsWith(QLatin1Char('Z')))
        return {};
    QDateTime dateTime = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dateTime.isValid())
        return {};
    return dateTime.toUTC();
}

QString formatDate(const QDateTime &dateTime)
{
    return dateTime.toUTC().toString(Qt::ISODateWithMs);
}

QString actionText(JobAction action)
{
    switch (action) {
    case JobAction::ArchiveRetrieval:
        return QStringLiteral("ArchiveRetrieval");
    case JobAction::InventoryRetrieval:
        return QStringLiteral("InventoryRetrieval");
    case JobAction::Select:
        return QStringLiteral("Select");
    case JobAction::Unknown:
        break;
    }
    return {};
}

QString statusText(JobStatus status)
{
    switch (status) {
    case JobStatus::InProgress:
        return QStringLiteral("InProgress");
    case JobStatus::Succeeded:
        return QStringLiteral("Succeeded");
    case JobStatus::Failed:
        return QStringLiteral("Failed");
    case JobStatus::Unknown:
        break;
    }
    return {};
}

QString tierText(RetrievalTier tier)
{
    switch (tier) {
    case RetrievalTier::Expedited:
        return QStringLiteral("Expedited");
    case RetrievalTier::Standard:
        return QStringLiteral("Standard");
    case RetrievalTier::Bulk:
        return QStringLiteral("Bulk");
    }
    return {};
}

std::optional<JobDescription> jobDescription(const QJsonObject &object, QString *error)
{
    FieldReader reader(object, QString());
    JobDescription job;
    const std::optional<QString> jobId = reader.string("JobId");
    if (reader.ok() && !jobId)
        reader.failWith(QStringLiteral("JobId is missing"));
    job.jobId = jobId.value_or(QString());

    job.actionText = reader.string("Action").value_or(QString());
    for (JobAction action :
         {JobAction::ArchiveRetrieval, JobAction::InventoryRetrieval, JobAction::Select}) {
        if (job.actionText == actionText(action))
            job.action = action;
    }
    const QString status = reader.string("StatusCode").value_or(QString());
    for (JobStatus candidate : {JobStatus::InProgress, JobStatus::Succeeded, JobStatus::Failed}) {
        if (status == statusText(candidate))
            job.statusCode = candidate;
    }
    job.statusMessage = reader.string("StatusMessage");
    job.completed = reader.boolean("Completed").value_or(false);
    job.creationDate = reader.date("CreationDate");
    job.completionDate = reader.date("CompletionDate");
    job.archiveId = reader.string("ArchiveId");
    job.archiveSha256TreeHash = reader.string("ArchiveSHA256TreeHash");
    job.archiveSizeInBytes = reader.integer("ArchiveSizeInBytes");
    job.inventorySizeInBytes = reader.integer("InventorySizeInBytes");
    job.sha256TreeHash = reader.string("SHA256TreeHash");
    job.retrievalByteRange = reader.string("RetrievalByteRange");
    if (const std::optional<QString> tier = reader.string("Tier")) {
        for (RetrievalTier candidate :
             {RetrievalTier::Expedited, RetrievalTier::Standard, RetrievalTier::Bulk}) {
            if (*tier == tierText(candidate))
                job.tier = candidate;
        }
        if (!job.tier)
            reader.failWith(
                QStringLiteral("Tier is not Expedited, Standard or Bulk: %1").arg(*tier));
    }
    job.jobDescription = reader.string("JobDescription");
    job.snsTopic = reader.string("SNSTopic");
    job.vaultArn = reader.string("VaultARN");
    job.jobOutputPath = reader.string("JobOutputPath");
    if (const std::optional<QJsonObject> parameters
        = reader.object("InventoryRetrievalParameters")) {
        FieldReader inner(*parameters, QStringLiteral("InventoryRetrievalParameters."));
        InventoryRetrievalParameters inventory;
        inventory.format = inner.string("Format");
        inventory.startDate = inner.date("StartDate");
        inventory.endDate = inner.date("EndDate");
        inventory.limit = inner.string("Limit");
        inventory.marker = inner.string("Marker");
        if (!inner.ok())
            reader.failWith(inner.error());
        job.inventoryRetrievalParameters = inventory;
    }
    job.outputLocation = reader.object("OutputLocation");
    job.selectParameters = reader.object("SelectParameters");
    if (!reader.ok()) {
        *error = reader.error();
        return std::nullopt;
    }
    return job;
}

std::optional<VaultDescription> vaultDescription(const QJsonObject &object, QString *error)
{
    FieldReader reader(object, QString());
    VaultDescription vault;
    vault.vaultArn = reader.string("VaultARN").value_or(QString());
    const std::optional<QString> name = reader.string("VaultName");
    if (reader.ok() && !name)
        reader.failWith(QStringLiteral("VaultName is missing"));
    vault.vaultName = name.value_or(QString());
    vault.creationDate = reader.date("CreationDate");
    vault.lastInventoryDate = reader.date("LastInventoryDate");
    vault.numberOfArchives = reader.integer("NumberOfArchives").value_or(0);
    vault.sizeInBytes = reader.integer("SizeInBytes").value_or(0);
    if (!reader.ok()) {
        *error = reader.error();
        return std::nullopt;
    }
    return vault;
}

std::optional<JobDescription> parseJobDescription(const QByteArray &body, QString *error)
{
    const std::optional<QJsonObject> object = parseObject(body, error);
    return object ? jobDescription(*object, error) : std::nullopt;
}

std::optional<VaultDescription> parseVaultDescription(const QByteArray &body, QString *error)
{
    const std::optional<QJsonObject> object = parseObject(body, error);
    return object ? vaultDescription(*object, error) : std::nullopt;
}

namespace {

template<typename Page, typename Item>
std::optional<Page> parseList(const QByteArray &body, const char *listName,
                              std::optional<Item> (*parseItem)(const QJsonObject &, QString *),
                              QList<Item> Page::*list, QString *error)
{
    const std::optional<QJsonObject> object = parseObject(body, error);
    if (!object)
        return std::nullopt;
    FieldReader reader(*object, QString());
    Page page;
    page.marker = reader.string("Marker");
    const QJsonValue items = object->value(QLatin1String(listName));
    if (!items.isArray() && !items.isNull() && !items.isUndefined())
        reader.fail(listName, "an array");
    if (!reader.ok()) {
        *error = reader.error();
        return std::nullopt;
    }
    const QJsonArray array = items.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        QString itemError;
        std::optional<Item> item;
        if (array.at(i).isObject())
            item = parseItem(array.at(i).toObject(), &itemError);
        else
            itemError = QStringLiteral("not an object");
        if (!item) {
            *error
                = QStringLiteral("%1[%2]: %3").arg(QLatin1String(listName)).arg(i).arg(itemError);
            return std::nullopt;
        }
        (page.*list).append(*item);
    }
    return page;
}

} // namespace

std::optional<ListVaultsPage> parseListVaults(const QByteArray &body, QString *error)
{
    return parseList(body, "VaultList", &vaultDescription, &ListVaultsPage::vaultList, error);
}

std::optional<ListJobsPage> parseListJobs(const QByteArray &body, QString *error)
{
    return parseList(body, "JobList", &jobDescription, &ListJobsPage::jobList, error);
}

QJsonObject toJson(const JobDescription &job)
{
    QJsonObject object{
        {QStringLiteral("JobId"), job.jobId},
        {QStringLiteral("JobDescription"), orNull(job.jobDescription)},
        {QStringLiteral("Action"),
         job.actionText.isEmpty() ? QJsonValue() : QJsonValue(job.actionText)},
        {QStringLiteral("ArchiveId"), orNull(job.archiveId)},
        {QStringLiteral("VaultARN"), orNull(job.vaultArn)},
        {QStringLiteral("CreationDate"), orNull(job.creationDate)},
        {QStringLiteral("Completed"), job.completed},
        {QStringLiteral("StatusCode"), job.statusCode == JobStatus::Unknown
                                           ? QJsonValue()
                                           : QJsonValue(statusText(job.statusCode))},
        {QStringLiteral("StatusMessage"), orNull(job.statusMessage)},
        {QStringLiteral("ArchiveSizeInBytes"), orNull(job.archiveSizeInBytes)},
        {QStringLiteral("InventorySizeInBytes"), orNull(job.inventorySizeInBytes)},
        {QStringLiteral("SNSTopic"), orNull(job.snsTopic)},
        {QStringLiteral("CompletionDate"), orNull(job.completionDate)},
        {QStringLiteral("SHA256TreeHash"), orNull(job.sha256TreeHash)},
        {QStringLiteral("ArchiveSHA256TreeHash"), orNull(job.archiveSha256TreeHash)},
        {QStringLiteral("RetrievalByteRange"), orNull(job.retrievalByteRange)},
    };
    if (job.tier)
        object.insert(QStringLiteral("Tier"), tierText(*job.tier));
    if (job.jobOutputPath)
        object.insert(QStringLiteral("JobOutputPath"), *job.jobOutputPath);
    if (const auto &inventory = job.inventoryRetrievalParameters) {
        QJsonObject parameters;
        if (inventory->format)
            parameters.insert(QStringLiteral("Format"), *inventory->format);
        if (inventory->startDate)
            parameters.insert(QStringLiteral("StartDate"), formatDate(*inventory->startDate));
        if (inventory->endDate)
            parameters.insert(QStringLiteral("EndDate"), formatDate(*inventory->endDate));
        if (inventory->limit)
            parameters.insert(QStringLiteral("Limit"), *inventory->limit);
        if (inventory->marker)
            parameters.insert(QStringLiteral("Marker"), *inventory->marker);
        object.insert(QStringLiteral("InventoryRetrievalParameters"), parameters);
    }
    if (job.outputLocation)
        object.insert(QStringLiteral("OutputLocation"), *job.outputLocation);
    if (job.selectParameters)
        object.insert(QStringLiteral("SelectParameters"), *job.selectParameters);
    return object;
}

QJsonObject toJson(const VaultDescription &vault)
{
    return QJsonObject{
        {QStringLiteral("VaultARN"), vault.vaultArn},
        {QStringLiteral("VaultName"), vault.vaultName},
        {QStringLiteral("CreationDate"), orNull(vault.creationDate)},
        {QStringLiteral("LastInventoryDate"), orNull(vault.lastInventoryDate)},
        {QStringLiteral("NumberOfArchives"), double(vault.numberOfArchives)},
        {QStringLiteral("SizeInBytes"), double(vault.sizeInBytes)},
    };
}

} // namespace thaw::glacier::json
