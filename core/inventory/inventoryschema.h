#pragma once

#include <QString>
#include <QtGlobal>

// The layout of the inventory cache. One row per inventory in `inventories`; the archives of
// inventory N in their own table `archives_N` and its folder tree in `folders_N`, so that an
// import fills a fresh table and builds its indexes once at the end, and replacing or deleting
// an inventory is a DROP TABLE; `names_N` holds the search keys. Described in
// core/inventory/README.md.
namespace thaw::inventory {

class SqliteDatabase;

constexpr int SchemaVersion = 1;

// Creates the tables of an empty file, checks the version of an existing one.
bool ensureSchema(SqliteDatabase &db, QString *error);

QString archivesTable(qint64 inventoryId); // "archives_N"
QString foldersTable(qint64 inventoryId);  // "folders_N"
// "names_N": one row per archive (same rowid) holding the search key, the decoded path in ASCII
// lower case: a narrow table that a substring search scans in a fraction of the time the
// archive rows would take.
QString namesTable(qint64 inventoryId);

// The per-inventory tables, without indexes (a bulk insert goes faster without them).
bool createInventoryTables(SqliteDatabase &db, qint64 inventoryId, QString *error);
// The indexes that make sorting, searching and the folder tree fast.
bool createInventoryIndexes(SqliteDatabase &db, qint64 inventoryId, QString *error);
// The archive-id index (exact id search, diff); built by createInventoryIndexes() since schema
// 1, kept for caches imported before.
bool ensureArchiveIdIndex(SqliteDatabase &db, qint64 inventoryId, QString *error);
// Deletes the inventory's row and its tables (inside the caller's transaction, if any).
bool dropInventory(SqliteDatabase &db, qint64 inventoryId, QString *error);

} // namespace thaw::inventory
