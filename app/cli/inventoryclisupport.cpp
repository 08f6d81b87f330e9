#include "inventoryclisupport.h"

#include "clicredentials.h"
#include "core/inventory/inventorycache.h"
#include "glacierclientsetup.h"

namespace thaw::cli {

using namespace inventory;

void addCacheOption(QCommandLineParser &parser)
{
    parser.addOption({CacheOption,
                      QStringLiteral("The inventory cache (SQLite) to use instead of the desktop "
                                     "app's own; also $THAW_INVENTORY_CACHE."),
                      QStringLiteral("file")});
}

std::optional<InventoryContext> inventoryContext(const QCommandLineParser &parser,
                                                 const GlobalOptions &options,
                                                 const QString &vaultName, int *exitCode)
{
    QString error;
    const std::optional<QString> region = resolveCliRegion(options, &error);
    if (!region) {
        printError(error);
        *exitCode = ConfigError;
        return std::nullopt;
    }
    InventoryContext context;
    context.options = options;
    QString account = options.profile;
    if (account.isEmpty())
        account = qEnvironmentVariable("AWS_PROFILE");
    if (account.isEmpty())
        account = QStringLiteral("default");
    context.vault = VaultKey{account, *region, vaultName};
    context.cachePath = parser.value(CacheOption);
    if (context.cachePath.isEmpty())
        context.cachePath = qEnvironmentVariable("THAW_INVENTORY_CACHE");
    if (context.cachePath.isEmpty())
        context.cachePath = defaultCachePath();
    return context;
}

std::optional<InventoryContext> setupLocalInventoryCommand(QCommandLineParser &parser,
                                                           const QStringList &arguments,
                                                           int *exitCode,
                                                           const std::function<bool()> &validate)
{
    const std::optional<GlobalOptions> options = parseCommandOptions(parser, arguments, exitCode);
    if (!options)
        return std::nullopt;
    const QString vault = parser.value(QStringLiteral("vault-name"));
    if (vault.isEmpty()) {
        printError(QStringLiteral("inventory commands need --vault-name"));
        *exitCode = UsageError;
        return std::nullopt;
    }
    if (validate && !validate()) {
        *exitCode = UsageError;
        return std::nullopt;
    }
    return inventoryContext(parser, *options, vault, exitCode);
}

int reportInventoryError(const InventoryError &error)
{
    printError(error.message);
    switch (error.kind) {
    case InventoryError::Kind::Parse:
    case InventoryError::Kind::NotFound:
        return GeneralError;
    case InventoryError::Kind::Usage:
        return UsageError;
    case InventoryError::Kind::Io:
    case InventoryError::Kind::Database:
        return LocalIoError;
    case InventoryError::Kind::Cancelled:
        return Interrupted;
    }
    return GeneralError;
}

std::optional<InventorySummary> findInventory(InventoryReader &reader, const VaultKey &vault,
                                              const QString &date, int *exitCode)
{
    const CacheResult<QList<InventorySummary>> list = reader.inventories(vault);
    if (!list) {
        *exitCode = reportInventoryError(list.error());
        return std::nullopt;
    }
    for (const InventorySummary &summary : *list) {
        if (date.isEmpty() || summary.inventoryDate == date)
            return summary;
    }
    *exitCode = reportInventoryError(InventoryError{
        InventoryError::Kind::NotFound,
        date.isEmpty()
            ? QStringLiteral("no cached inventory of vault %1 (%2, %3): import or fetch one first")
                  .arg(vault.vault, vault.account, vault.region)
            : QStringLiteral("no cached inventory of vault %1 dated %2").arg(vault.vault, date)});
    return std::nullopt;
}

QJsonObject toJson(const InventorySummary &summary)
{
    return QJsonObject{{QStringLiteral("InventoryDate"), summary.inventoryDate},
                       {QStringLiteral("VaultARN"), summary.vaultArn},
                       {QStringLiteral("Account"), summary.vault.account},
                       {QStringLiteral("Region"), summary.vault.region},
                       {QStringLiteral("VaultName"), summary.vault.vault},
                       {QStringLiteral("ArchiveCount"), summary.archiveCount},
                       {QStringLiteral("TotalSize"), summary.totalSize},
                       {QStringLiteral("Format"), summary.format},
                       {QStringLiteral("Parts"), summary.parts},
                       {QStringLiteral("ImportedAt"),
                        summary.importedAt.toString(Qt::ISODateWithMs)}};
}

QJsonObject toJson(const ArchiveRow &row)
{
    QJsonObject object{{QStringLiteral("ArchiveId"), row.archiveId},
                       {QStringLiteral("ArchiveDescription"), row.description},
                       {QStringLiteral("DecodedPath"), row.path},
                       {QStringLiteral("DescriptionFormat"), row.format},
                       {QStringLiteral("CreationDate"), row.creationDate},
                       {QStringLiteral("Size"), row.size},
                       {QStringLiteral("SHA256TreeHash"), row.treeHash}};
    if (row.modified)
        object.insert(QStringLiteral("Modified"), row.modified->toString(Qt::ISODateWithMs));
    return object;
}

} // namespace thaw::cli
