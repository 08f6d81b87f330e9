#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

// The values the inventory cache hands out (inventoryreader.h) and takes in
// (inventoryimporter.h). Plain data, copyable across threads.
namespace thaw::inventory {

// Which vault: the Thaw account name (or the CLI's profile/"-"), the region, the vault name.
struct VaultKey
{
    QString account;
    QString region;
    QString vault;

    friend bool operator==(const VaultKey &, const VaultKey &) = default;
};

// One cached inventory of a vault. Inventories are keyed by (account, region, vault,
// inventoryDate); importing the same date again replaces it, older dates are kept.
struct InventorySummary
{
    qint64 id = 0; // the cache's own id, stable while the inventory is cached
    VaultKey vault;
    QString inventoryDate; // ISO 8601 text as in the inventory (the key)
    QDateTime inventoryDateTime; // parsed, UTC; invalid when the text is not ISO 8601
    QString vaultArn;
    QString format;         // "JSON" or "CSV": how it arrived
    QDateTime importedAt;   // UTC
    qint64 archiveCount = 0;
    qint64 totalSize = 0;
    int parts = 1; // more than 1 when a Limit-truncated listing was merged from several jobs
};

// The columns an archive list can be sorted by.
enum class SortColumn {
    Name,         // decoded path, case-insensitive
    Size,
    Date,         // CreationDate
    Modified,     // the modification time a description carries (null last)
    ArchiveId,
    Format,       // description format id
    Description,  // raw description
};

// What to read from one inventory: a filter, a sort, optionally one folder only.
struct ArchiveQuery
{
    qint64 inventoryId = 0;
    // A case-insensitive (ASCII) substring of the decoded path (which, for plain and unknown
    // descriptions, is the raw description), or an archive id, exactly; empty: everything.
    // No wildcards. Answered through the trigram search index when it is built, else by a
    // scan of a narrow table of search keys (core/inventory/README.md, "Search").
    QString filter;
    SortColumn sort = SortColumn::Name;
    Qt::SortOrder order = Qt::AscendingOrder;
    // When set: only the files directly in this folder ("" is the root; "a/b" no slashes at
    // either end), for the folder-tree mode.
    std::optional<QString> folder;
};

// One archive as the cache holds it: the inventory fields and what the description decoder
// (descriptiondecoder.h) made of it at import.
struct ArchiveRow
{
    QString archiveId;
    QString description;  // raw
    QString creationDate; // ISO 8601 text as in the inventory
    QDateTime creationDateTime; // parsed, UTC
    qint64 size = 0;
    QString treeHash;
    QString path;   // decoded (not sanitised: use pathsanitizer.h before writing a file)
    QString format; // descriptionFormatName(), e.g. "plain", "fastglacier-v4"
    std::optional<QDateTime> modified;        // from the description, UTC
    std::optional<qint64> descriptionSize;    // size the description claims
    QString folder; // the decoded path's folder ("" for the root), '/'-separated
    QString fileName; // the decoded path's last segment
};

// An immediate subfolder of a folder in the tree built from decoded paths, with everything
// under it counted.
struct FolderEntry
{
    QString name; // last segment
    QString path; // full folder path, '/'-separated, no slash at either end
    qint64 fileCount = 0; // archives anywhere below
    qint64 totalSize = 0;
    qint64 subfolderCount = 0; // immediate subfolders
};

// What changed between two inventories of a vault, by archive id.
struct InventoryDiff
{
    qint64 fromId = 0;
    qint64 toId = 0;
    QList<ArchiveRow> added;   // in `to`, not in `from`
    QList<ArchiveRow> removed; // in `from`, not in `to`
    qint64 unchanged = 0;
};

} // namespace thaw::inventory
