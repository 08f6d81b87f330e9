#include "inventoryschema.h"

#include "sqlitedb.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

// The time of each index build (QT_LOGGING_RULES="thaw.inventory.schema.debug=true").
Q_LOGGING_CATEGORY(lcSchema, "thaw.inventory.schema", QtWarningMsg)

namespace thaw::inventory {

bool ensureSchema(SqliteDatabase &db, QString *error)
{
    SqliteStatement version = db.prepare(QStringLiteral("PRAGMA user_version"), error);
    if (!version.isValid() || version.step() != SqliteStatement::Step::Row)
        return false;
    const qint64 current = version.int64(0);
    version = {};
    if (current == SchemaVersion)
        return true;
    if (current > SchemaVersion) {
        *error = QStringLiteral("it was written by a newer Thaw (schema %1, this one knows %2)")
                     .arg(current)
                     .arg(SchemaVersion);
        return false;
    }
    // Rollback journal, not WAL: an import writes into fresh tables, whose new pages SQLite
    // never copies to the journal, while WAL would write every byte twice (log + checkpoint).
    // 32 KiB pages (set before the first table; ignored for an existing file): a full scan
    // such as an export reads the file in 8x fewer pread calls than with the 4 KiB default.
    return db.exec("PRAGMA page_size=32768;"
                   "PRAGMA journal_mode=TRUNCATE;"
                   "BEGIN IMMEDIATE;"
                   "CREATE TABLE IF NOT EXISTS inventories("
                   " id INTEGER PRIMARY KEY,"
                   " account TEXT NOT NULL, region TEXT NOT NULL, vault TEXT NOT NULL,"
                   " inventory_date TEXT NOT NULL,"
                   " vault_arn TEXT NOT NULL DEFAULT '',"
                   " format TEXT NOT NULL DEFAULT '',"
                   " imported_at TEXT NOT NULL DEFAULT '',"
                   " archive_count INTEGER NOT NULL DEFAULT 0,"
                   " total_size INTEGER NOT NULL DEFAULT 0,"
                   " parts INTEGER NOT NULL DEFAULT 1,"
                   " UNIQUE(account, region, vault, inventory_date));"
                   "PRAGMA user_version=1;"
                   "COMMIT;",
                   error);
}

QString archivesTable(qint64 inventoryId)
{
    return QStringLiteral("archives_%1").arg(inventoryId);
}

QString foldersTable(qint64 inventoryId)
{
    return QStringLiteral("folders_%1").arg(inventoryId);
}

QString namesTable(qint64 inventoryId)
{
    return QStringLiteral("names_%1").arg(inventoryId);
}

bool createInventoryTables(SqliteDatabase &db, qint64 inventoryId, QString *error)
{
    const QString sql
        = QStringLiteral("CREATE TABLE %1("
                         " archive_id TEXT NOT NULL,"
                         " description TEXT NOT NULL,"
                         " creation_date TEXT NOT NULL,"
                         " creation_ms INTEGER,"
                         " size INTEGER NOT NULL,"
                         " tree_hash TEXT NOT NULL,"
                         " path TEXT NOT NULL,"
                         " format TEXT NOT NULL,"
                         " modified_ms INTEGER,"
                         " description_size INTEGER,"
                         " folder TEXT NOT NULL,"
                         " file_name TEXT NOT NULL);"
                         "CREATE TABLE %2("
                         " path TEXT PRIMARY KEY NOT NULL,"
                         " parent TEXT NOT NULL,"
                         " name TEXT NOT NULL,"
                         " direct_count INTEGER NOT NULL,"
                         " direct_size INTEGER NOT NULL,"
                         " file_count INTEGER NOT NULL,"
                         " total_size INTEGER NOT NULL,"
                         " subfolder_count INTEGER NOT NULL) WITHOUT ROWID;"
                         "CREATE TABLE %3(key TEXT NOT NULL);")
              .arg(archivesTable(inventoryId), foldersTable(inventoryId),
                   namesTable(inventoryId));
    return db.exec(sql, error);
}

bool createInventoryIndexes(SqliteDatabase &db, qint64 inventoryId, QString *error)
{
    const QString table = archivesTable(inventoryId);
    const QStringList statements{
        QStringLiteral("CREATE INDEX IF NOT EXISTS %1_name ON %1(path COLLATE NOCASE)").arg(table),
        QStringLiteral("CREATE INDEX IF NOT EXISTS %1_size ON %1(size)").arg(table),
        QStringLiteral("CREATE INDEX IF NOT EXISTS %1_date ON %1(creation_ms)").arg(table),
        QStringLiteral("CREATE INDEX IF NOT EXISTS %1_folder ON %1(folder, file_name COLLATE "
                       "NOCASE)")
            .arg(table),
        QStringLiteral("CREATE INDEX IF NOT EXISTS %1_parent ON %1(parent, name)")
            .arg(foldersTable(inventoryId)),
        QStringLiteral("CREATE INDEX IF NOT EXISTS %1_id ON %1(archive_id)").arg(table),
    };
    QElapsedTimer timer;
    timer.start();
    for (const QString &statement : statements) {
        if (!db.exec(statement, error))
            return false;
        qCDebug(lcSchema).noquote() << statement.section(u' ', 5, 5) << timer.restart() << "ms";
    }
    return true;
}

bool ensureArchiveIdIndex(SqliteDatabase &db, qint64 inventoryId, QString *error)
{
    return db.exec(QStringLiteral("CREATE INDEX IF NOT EXISTS %1_id ON %1(archive_id)")
                       .arg(archivesTable(inventoryId)),
                   error);
}

bool dropInventory(SqliteDatabase &db, qint64 inventoryId, QString *error)
{
    // search_N: the trigram index of searchindex.h, when one was built.
    return db.exec(QStringLiteral("DROP TABLE IF EXISTS %1; DROP TABLE IF EXISTS %2;"
                                  "DROP TABLE IF EXISTS %3; DELETE FROM inventories WHERE id = %4;"
                                  "DROP TABLE IF EXISTS search_%4;")
                       .arg(archivesTable(inventoryId), foldersTable(inventoryId),
                            namesTable(inventoryId))
                       .arg(inventoryId),
                   error);
}

} // namespace thaw::inventory
