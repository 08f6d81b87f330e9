// List Vaults, Describe Vault and Create Vault:
// api-vaults-get.md, api-vault-get.md, api-vault-put.md.
#include "glacierservice.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace thaw::emulator {

namespace {

QJsonValue isoOrNull(const std::optional<QDateTime> &t)
{
    return t ? QJsonValue(t->toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

} // namespace

std::optional<QDateTime> GlacierService::lastInventoryDate(const Vault &vault) const
{
    std::optional<QDateTime> last = vault.lastInventoryDate;
    for (const Job *job : m_store.jobsOf(vault.name)) {
        if (job->type == JobType::InventoryRetrieval && hasSucceeded(*job)
            && (!last || job->completionDate > *last)) {
            last = job->completionDate;
        }
    }
    return last;
}

QJsonObject GlacierService::vaultJson(const Vault &vault)
{
    return QJsonObject{
        {QStringLiteral("VaultARN"), vaultArn(vault.name)},
        {QStringLiteral("VaultName"), vault.name},
        {QStringLiteral("CreationDate"), vault.creationDate.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("LastInventoryDate"), isoOrNull(lastInventoryDate(vault))},
        {QStringLiteral("NumberOfArchives"), double(vault.archiveIds.size())},
        {QStringLiteral("SizeInBytes"), double(m_store.vaultSize(vault))}};
}

Response GlacierService::listVaults(const Request &request, const Route &)
{
    const QUrlQuery query = queryOf(request);
    const auto limitOrError = limitOf(query, 10); // the documented default and maximum
    if (const auto *error = std::get_if<GlacierError>(&limitOrError))
        return error->toResponse();
    const int limit = std::get<int>(limitOrError);
    const QStringList names = m_store.vaultNames();
    qsizetype first = 0;
    const QString marker = query.queryItemValue(QStringLiteral("marker"), QUrl::FullyDecoded);
    if (!marker.isEmpty()) {
        // The marker is the ARN of the last vault already listed.
        first = -1;
        for (qsizetype i = 0; i < names.size(); ++i) {
            if (vaultArn(names[i]) == marker)
                first = i + 1;
        }
        if (first < 0)
            return GlacierError::invalidParameter(
                       QStringLiteral("The marker is not valid: %1").arg(marker))
                .toResponse();
    }
    QJsonArray list;
    qsizetype i = first;
    for (; i < names.size() && list.size() < limit; ++i)
        list.append(vaultJson(*m_store.vault(names[i])));
    const QJsonValue next
        = i < names.size() ? QJsonValue(vaultArn(names[i - 1])) : QJsonValue(QJsonValue::Null);
    return json(200,
                QJsonObject{{QStringLiteral("VaultList"), list}, {QStringLiteral("Marker"), next}});
}

Response GlacierService::describeVault(const Route &route)
{
    const Vault *vault = m_store.vault(route.vault);
    if (!vault)
        return vaultNotFound(route.vault).toResponse();
    return json(200, vaultJson(*vault));
}

Response GlacierService::createVault(const Route &route)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_.-]{1,255}$"));
    if (!valid.match(route.vault).hasMatch())
        return GlacierError::invalidParameter(
                   QStringLiteral("The vault name is not valid: %1").arg(route.vault))
            .toResponse();
    m_store.createVault(route.vault, now());
    m_store.save();
    Response response;
    response.status = 201;
    response.setHeader("Location", vaultPath(route.vault));
    return response;
}

} // namespace thaw::emulator
