#pragma once

#include "inventorystore.h"

#include "core/inventory/inventoryreader.h"

namespace thaw::ui {

// InventoryStore over the SQLite inventory cache (core/inventory InventoryReader).
class CacheInventoryStore final : public InventoryStore
{
public:
    explicit CacheInventoryStore(QString databasePath);

    Fetched<QList<inventory::InventorySummary>> inventories(const VaultRef &vault) override;
    Fetched<qint64> count(const inventory::ArchiveQuery &query) override;
    Fetched<inventory::FolderFiles>
    folderFiles(qint64 inventoryId, const QString &folder,
                const std::optional<inventory::FolderCursor> &after, int limit) override;
    Fetched<QList<inventory::ArchiveRow>> page(const inventory::ArchiveQuery &query,
                                               qint64 offset, int limit) override;
    Fetched<QList<inventory::FolderEntry>> subfolders(qint64 inventoryId,
                                                      const QString &folder) override;
    void setInterruptCheck(std::function<bool()> stop) override;
    Fetched<bool> buildSearchIndex(qint64 inventoryId, std::function<bool()> stop) override;

    // A factory for InventoryDataSource: the reader is created on the worker thread.
    static InventoryStoreFactory factory(QString databasePath);

private:
    inventory::InventoryReader m_reader;
};

} // namespace thaw::ui
