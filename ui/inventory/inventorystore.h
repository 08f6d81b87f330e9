#pragma once

#include "core/inventory/inventorytypes.h"
#include "ui/vaultref.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace thaw::ui {

// A value or the reason there is none (the UI's side of inventory::CacheResult).
template<typename T>
struct Fetched
{
    std::optional<T> value;
    QString error;
    bool ok() const { return value.has_value(); }
    static Fetched failure(QString why) { return Fetched{std::nullopt, std::move(why)}; }
};

// The queries the Inventory view makes of the inventory cache. CacheInventoryStore adapts
// core/inventory's InventoryReader; a test may give its own (for example one that holds its
// answers back). A store is used by one thread only, the InventoryDataSource worker, as the
// reader requires.
class InventoryStore
{
public:
    virtual ~InventoryStore() = default;
    virtual Fetched<QList<inventory::InventorySummary>> inventories(const VaultRef &vault) = 0;
    virtual Fetched<qint64> count(const inventory::ArchiveQuery &query) = 0;
    virtual Fetched<QList<inventory::ArchiveRow>> page(const inventory::ArchiveQuery &query,
                                                       qint64 offset, int limit) = 0;
    // Immediate subfolders of `folder` ("" is the root; "a/b": no slash at either end).
    virtual Fetched<QList<inventory::FolderEntry>> subfolders(qint64 inventoryId,
                                                               const QString &folder) = 0;
};

// Creates the store; called on the worker thread that will use it.
using InventoryStoreFactory = std::function<std::unique_ptr<InventoryStore>()>;

} // namespace thaw::ui
