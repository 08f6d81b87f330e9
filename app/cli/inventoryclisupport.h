#pragma once

#include "cliargs.h"
#include "core/inventory/cacheresult.h"
#include "core/inventory/inventoryreader.h"
#include "core/inventory/inventorytypes.h"

#include <QCommandLineParser>
#include <QJsonObject>

#include <functional>
#include <optional>

// What the `thaw-cli inventory` sub-commands share: the cache location (--cache, or
// $THAW_INVENTORY_CACHE, or the desktop app's own cache), the vault key (account = the AWS
// profile, region as every command resolves it, --vault-name), errors to exit codes, JSON output.
namespace thaw::cli {

inline const QString CacheOption = QStringLiteral("cache");
inline const QString InventoryDateOption = QStringLiteral("inventory-date");

struct InventoryContext
{
    GlobalOptions options;
    inventory::VaultKey vault;
    QString cachePath;
};

// --cache FILE.
void addCacheOption(QCommandLineParser &parser);

// The cache file, the vault key; nullopt with *exitCode set (and the reason printed) when
// the region cannot be found.
std::optional<InventoryContext> inventoryContext(const QCommandLineParser &parser,
                                                 const GlobalOptions &options,
                                                 const QString &vaultName, int *exitCode);

// For the commands that never touch the network: parse, --help, global options, the
// command's own validate(), then inventoryContext().
std::optional<InventoryContext> setupLocalInventoryCommand(
    QCommandLineParser &parser, const QStringList &arguments, int *exitCode,
    const std::function<bool()> &validate = {});

// Prints the error and returns its exit code (Parse/NotFound 1, Usage 2, Io/Database 3,
// Cancelled 6).
int reportInventoryError(const inventory::InventoryError &error);

// The inventory of the vault with that InventoryDate, or the newest when date is empty.
std::optional<inventory::InventorySummary> findInventory(inventory::InventoryReader &reader,
                                                         const inventory::VaultKey &vault,
                                                         const QString &date, int *exitCode);

QJsonObject toJson(const inventory::InventorySummary &summary);
QJsonObject toJson(const inventory::ArchiveRow &row);

} // namespace thaw::cli
