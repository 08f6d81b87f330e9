#pragma once

#include <QStringList>

// thaw-cli inventory <sub-command>: vault inventories in the local cache (core/inventory).
namespace thaw::cli {

// Dispatches to the sub-commands below; arguments as for any command (argv without the
// "inventory" word).
int runInventory(const QStringList &arguments);

int runInventoryImport(const QStringList &arguments);
int runInventoryList(const QStringList &arguments);
int runInventoryCached(const QStringList &arguments);
int runInventoryExport(const QStringList &arguments);
int runInventoryDiff(const QStringList &arguments);
int runInventoryFetch(const QStringList &arguments);
int runInventoryRetrieve(const QStringList &arguments);

} // namespace thaw::cli
