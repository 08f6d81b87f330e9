#pragma once

#include "cacheresult.h"
#include "inventoryparser.h"
#include "inventorytypes.h"

#include <QIODevice>

#include <atomic>
#include <functional>
#include <optional>

namespace thaw::inventory {

// How an inventory is imported.
struct ImportOptions
{
    VaultKey vault;
    // Needed only when the file does not carry one (CSV): the key of the inventory, ISO 8601
    // (e.g. the inventory job's CompletionDate). Overrides the file's InventoryDate when set.
    QString inventoryDate;
    std::optional<InventoryFormat> format; // nullopt: detected from the first bytes
    // false: an inventory already cached under the same key is replaced (re-import is
    // idempotent). true: the archives are added to it, for the parts of a listing truncated by
    // Limit and continued with Marker.
    bool appendToExisting = false;
};

// How far an import is, for a progress bar. totalBytes is 0 when unknown.
struct ImportProgress
{
    qint64 bytesRead = 0;
    qint64 totalBytes = 0;
    qint64 archives = 0;
};

// Streams an inventory (JSON or CSV) into the cache, all or nothing: one transaction, parsing
// and description decoding on the calling thread while a second thread inserts through
// prepared statements; indexes and the folder tree are brought up to date at the end. A parse
// error, a cancel() or a full disk leaves the cache as it was. Blocking: call it from a worker
// thread (QtConcurrent::run) in the GUI.
class InventoryImporter final
{
public:
    explicit InventoryImporter(QString databasePath);

    // Called on the importing thread, about every 64 KiB of input... at most ~10 times a second.
    void setProgressCallback(std::function<void(const ImportProgress &)> callback);
    // Thread-safe; the import in progress ends with InventoryError::Kind::Cancelled.
    void cancel() { m_cancelled.store(true); }

    CacheResult<InventorySummary> importFile(const QString &path, const ImportOptions &options);
    // totalBytes for progress only (0: unknown).
    CacheResult<InventorySummary> importDevice(QIODevice &device, const ImportOptions &options,
                                               qint64 totalBytes = 0);
    // Any source of bytes (tests feed chunks of chosen sizes).
    CacheResult<InventorySummary> importStream(const ReadFunction &read,
                                               const ImportOptions &options,
                                               qint64 totalBytes = 0);

private:
    QString m_path;
    std::function<void(const ImportProgress &)> m_progress;
    std::atomic<bool> m_cancelled{false};
};

} // namespace thaw::inventory
