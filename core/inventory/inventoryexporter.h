#pragma once

#include "cacheresult.h"

#include <QString>

#include <atomic>
#include <functional>

namespace thaw::inventory {

enum class ExportFormat { Csv, Json };

struct ExportOptions
{
    ExportFormat format = ExportFormat::Csv;
    // A cell a spreadsheet would run as a formula (first character =, +, -, @, TAB or CR) gets
    // a leading ' so it shows as text (OWASP "CSV injection"), as issue 5 asks, in every text
    // column alike, ArchiveId included: Glacier archive ids are base64url and about 1 in 64
    // starts with '-', and such an id then reads '-… in the CSV. Copying ids back into an API
    // call needs the exact values: formulaGuard = false (thaw-cli --no-formula-guard), or the
    // JSON export, which is never guarded (nothing evaluates it). On by default.
    bool formulaGuard = true;
};

// Writes one cached inventory to a file, streaming from SQLite, in the inventory's own order (the
// order of the file it was imported from; not sorted by decoded name or anything else):
// CSV (RFC 4180, UTF-8 without BOM, CRLF line ends, header ArchiveId, ArchiveDescription,
// DecodedPath, CreationDate, Size, SHA256TreeHash) or JSON ({"VaultARN", "InventoryDate",
// "ArchiveList": [{ArchiveId, ArchiveDescription, DecodedPath, DescriptionFormat, CreationDate,
// Size, SHA256TreeHash}]}). The file appears only when complete (QSaveFile); a cancel() or an
// error leaves no file. Blocking: call it from a worker thread in the GUI.
class InventoryExporter final
{
public:
    explicit InventoryExporter(QString databasePath);

    // (rows written, rows in total), on the exporting thread, at most every 16384 rows.
    void setProgressCallback(std::function<void(qint64 done, qint64 total)> callback);
    void cancel() { m_cancelled.store(true); } // thread-safe

    // The number of archives written.
    CacheResult<qint64> exportInventory(qint64 inventoryId, const QString &outputPath,
                                        const ExportOptions &options);

    // The CSV cell for value: quoted when it holds , " CR or LF (quotes doubled), and with the
    // formula guard a leading ' before = + - @ TAB CR. Public for tests and the GUI preview.
    static QByteArray csvCell(QByteArrayView value, bool formulaGuard);

private:
    QString m_path;
    std::function<void(qint64, qint64)> m_progress;
    std::atomic<bool> m_cancelled{false};
};

} // namespace thaw::inventory
