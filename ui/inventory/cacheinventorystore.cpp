#include "cacheinventorystore.h"

#include "core/inventory/searchindex.h"

namespace thaw::ui {

namespace {

template<typename T>
Fetched<T> fetched(inventory::CacheResult<T> result)
{
    if (!result.ok())
        return Fetched<T>::failure(result.error().message);
    return Fetched<T>{std::move(result).value(), {}};
}

} // namespace

CacheInventoryStore::CacheInventoryStore(QString databasePath)
    : m_reader(std::move(databasePath))
{}

Fetched<QList<inventory::InventorySummary>> CacheInventoryStore::inventories(const VaultRef &vault)
{
    return fetched(m_reader.inventories(inventory::VaultKey{vault.account, vault.region,
                                                            vault.vault}));
}

Fetched<qint64> CacheInventoryStore::count(const inventory::ArchiveQuery &query)
{
    return fetched(m_reader.count(query));
}

Fetched<QList<inventory::ArchiveRow>> CacheInventoryStore::page(const inventory::ArchiveQuery &query,
                                                                qint64 offset, int limit)
{
    return fetched(m_reader.page(query, offset, limit));
}

Fetched<inventory::FolderFiles>
CacheInventoryStore::folderFiles(qint64 inventoryId, const QString &folder,
                                 const std::optional<inventory::FolderCursor> &after, int limit)
{
    return fetched(m_reader.folderFiles(inventoryId, folder, after, limit));
}

Fetched<QList<inventory::FolderEntry>> CacheInventoryStore::subfolders(qint64 inventoryId,
                                                                       const QString &folder)
{
    return fetched(m_reader.subfolders(inventoryId, folder));
}

void CacheInventoryStore::setInterruptCheck(std::function<bool()> stop)
{
    m_reader.setInterruptCheck(std::move(stop));
}

Fetched<bool> CacheInventoryStore::buildSearchIndex(qint64 inventoryId, std::function<bool()> stop)
{
    // A connection of its own for each build, closed after it: the builder's page cache holds
    // the whole new index until the commit, which the GUI process should not keep.
    inventory::SearchIndexBuilder builder(m_reader.databasePath());
    builder.setInterruptCheck(std::move(stop));
    return fetched(builder.build(inventoryId));
}

InventoryStoreFactory CacheInventoryStore::factory(QString databasePath)
{
    return [databasePath]() -> std::unique_ptr<InventoryStore> {
        return std::make_unique<CacheInventoryStore>(databasePath);
    };
}

} // namespace thaw::ui
