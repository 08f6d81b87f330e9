#pragma once

#include "cacheresult.h"
#include "inventorytypes.h"

#include <functional>
#include <memory>

namespace thaw::inventory {

// Where paging a folder's files by name stopped: the last row's file name and row id (the
// tie-break between equal names). `position`: rows delivered so far.
struct FolderCursor
{
    QString fileName;
    qint64 rowid = 0;
    qint64 position = 0;
};

// One page of a folder's files, and the cursor to ask for the next one with.
struct FolderFiles
{
    QList<ArchiveRow> rows;
    FolderCursor next;
};

class SearchMatches;
class SqliteDatabase;

// Reads the inventory cache. Thread-confined: it opens its own SQLite connection and must be
// used only from the thread that called open() (create it inside a worker QThread for the GUI).
// Sorting and paging use indexes; a filter uses the trigram search index when it is there
// (searchindex.h) and picks between collecting its few matches and walking the sort index
// (searchmatches.h), so count/page/subfolders stay fast at 1,000,000 archives (measured in
// core/inventory/README.md). Several readers and one importer may work on the same file at
// once: a reader sees an import only once it has committed.
class InventoryReader final
{
public:
    // databasePath: defaultCachePath() (inventorycache.h) or a test's own file.
    explicit InventoryReader(QString databasePath);
    ~InventoryReader();
    InventoryReader(const InventoryReader &) = delete;
    InventoryReader &operator=(const InventoryReader &) = delete;

    // Opens (and creates or upgrades) the cache. Called lazily by every query when not done.
    CacheResult<bool> open();

    // The cached inventories of a vault, newest InventoryDate first.
    CacheResult<QList<InventorySummary>> inventories(const VaultKey &vault);
    // Every cached inventory, of every vault (for the CLI and diagnostics).
    CacheResult<QList<InventorySummary>> allInventories();
    CacheResult<InventorySummary> inventory(qint64 inventoryId);

    // How many archives match the query (filter and folder applied).
    CacheResult<qint64> count(const ArchiveQuery &query);
    // Rows [offset, offset + limit) of the query in its sort order (ties broken by row order).
    CacheResult<QList<ArchiveRow>> page(const ArchiveQuery &query, qint64 offset, int limit);

    // The immediate subfolders of `folder` ("" is the root) in the tree built from decoded
    // paths, by name, with what is below each. The files at that level: page() with
    // query.folder = folder.
    CacheResult<QList<FolderEntry>> subfolders(qint64 inventoryId, const QString &folder);
    // Up to `limit` files directly in `folder`, by name (case-insensitive, ties by row), after
    // `after` (from the first without one). Keyset paging: each page walks the folder index
    // from where the last one stopped, where an OFFSET would step over every earlier row again
    // (quadratic over a large folder).
    CacheResult<FolderFiles> folderFiles(qint64 inventoryId, const QString &folder,
                                         const std::optional<FolderCursor> &after, int limit);

    // What was added and removed between two inventories (of any vaults; by archive id).
    CacheResult<InventoryDiff> diff(qint64 fromInventoryId, qint64 toInventoryId);

    const QString &databasePath() const { return m_path; }

    // Called every thousand SQLite steps or so while a query runs; when it returns true the
    // query stops and answers InventoryError::Kind::Cancelled (the GUI's worker passes "a newer
    // query has been asked for", so a stale search never delays the next one). Empty: none.
    void setInterruptCheck(std::function<bool()> stop);

    // How the last filtered page() found its rows: through the trigram index or by scanning
    // the names, and by collecting its few matches or walking the sort index (searchmatches.h).
    // For tests and diagnostics.
    struct SearchPath
    {
        bool indexed = false;
        bool collected = false;
    };
    SearchPath lastSearchPath() const { return m_lastSearch; }

private:
    QString m_path;
    std::function<bool()> m_stop; // outlives the connection, which holds a pointer to it
    std::unique_ptr<SqliteDatabase> m_db;
    std::unique_ptr<SearchMatches> m_matches; // declared after m_db: destroyed before it
    SearchPath m_lastSearch;
};

} // namespace thaw::inventory
