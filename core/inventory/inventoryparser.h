#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <functional>
#include <optional>
#include <string_view>

// The shapes shared by the streaming inventory parsers (inventoryjsonparser.h,
// inventorycsvparser.h). Both pull bytes through a ReadFunction in chunks of any size, call an
// ArchiveSink once per archive with views that are valid during the call only, and keep memory
// bounded by the longest single field, whatever the size of the input.
// Format: https://docs.aws.amazon.com/amazonglacier/latest/dev/api-job-output-get.html
namespace thaw::inventory {

// One archive of an inventory, as it is in the file (strings unescaped, not decoded further).
// The views point into the parser's buffers: copy what must outlive the call.
struct ArchiveEntry
{
    std::string_view archiveId;
    std::string_view description; // UTF-8 bytes of ArchiveDescription
    std::string_view creationDate; // ISO 8601 text as given, e.g. 2012-05-15T17:19:46.700Z
    std::string_view treeHash;     // SHA256TreeHash, hex
    qint64 size = 0;
};

// The inventory-wide fields. JSON carries VaultARN and InventoryDate (in any order, possibly
// after the archive list); CSV carries neither.
struct InventoryHeader
{
    QString vaultArn;
    QString inventoryDate; // ISO 8601 text as given
};

// Where and why the input is malformed. line/column are 1-based and counted for CSV (and
// JSON); offset is the 0-based byte offset in the whole input.
struct ParseError
{
    qint64 offset = 0;
    qint64 line = 0;
    qint64 column = 0;
    QString message; // "line 3, column 17 (byte 120): unterminated quoted field"
};

// Fills data with up to maxSize bytes; returns how many (0 at the end), or -1 on a read error.
using ReadFunction = std::function<qint64(char *data, qint64 maxSize)>;
// Called for every archive in file order; returning false stops the parse (cancelled).
using ArchiveSink = std::function<bool(const ArchiveEntry &entry)>;

enum class InventoryFormat { Json, Csv };

// JSON when the first byte that is not a BOM or white space is '{', else CSV.
std::optional<InventoryFormat> detectInventoryFormat(QByteArrayView head);

// The result of a parse: nullopt when the whole input was read and valid, else the error.
// A sink that returned false gives an error with message "cancelled" and cancelled = true.
struct ParseOutcome
{
    std::optional<ParseError> error;
    bool cancelled = false;
    qint64 archives = 0;
    qint64 bytes = 0;
    InventoryHeader header;

    bool ok() const { return !error && !cancelled; }
};

} // namespace thaw::inventory
