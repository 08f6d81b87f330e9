#pragma once

#include "core/inventory/inventoryreader.h"
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
    // A folder's files by name, page after page from a cursor (InventoryReader::folderFiles).
    // This default pages by position through page(), which is right for any store but steps
    // over the earlier rows again each time; the cache's store walks its index from the cursor.
    virtual Fetched<inventory::FolderFiles>
    folderFiles(qint64 inventoryId, const QString &folder,
                const std::optional<inventory::FolderCursor> &after, int limit)
    {
        inventory::ArchiveQuery query;
        query.inventoryId = inventoryId;
        query.folder = folder;
        query.sort = inventory::SortColumn::Name;
        const qint64 position = after ? after->position : 0;
        Fetched<QList<inventory::ArchiveRow>> rows = page(query, position, limit);
        if (!rows.ok())
            return Fetched<inventory::FolderFiles>::failure(rows.error);
        inventory::FolderFiles files;
        files.rows = std::move(*rows.value);
        files.next.position = position + files.rows.size();
        if (!files.rows.isEmpty())
            files.next.fileName = files.rows.constLast().fileName;
        return Fetched<inventory::FolderFiles>{std::move(files), {}};
    }

    // Called often while a query runs: when it returns true the query may stop early and
    // fail (its answer is dropped). Empty: run to the end. A store whose queries are quick may
    // ignore it.
    virtual void setInterruptCheck(std::function<bool()> stop) { Q_UNUSED(stop) }
    // Builds the inventory's search index (slow, once per inventory; a no-op answering false
    // when it is there already), stopping early when `stop` returns true. Runs on a thread of
    // its own, on a store of its own. A store without such an index answers false.
    virtual Fetched<bool> buildSearchIndex(qint64 inventoryId, std::function<bool()> stop)
    {
        Q_UNUSED(inventoryId)
        Q_UNUSED(stop)
        return Fetched<bool>{false, {}};
    }
};

// Creates the store; called on the worker thread that will use it.
using InventoryStoreFactory = std::function<std::unique_ptr<InventoryStore>()>;

} // namespace thaw::ui
