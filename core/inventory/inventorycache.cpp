#include "inventorycache.h"

#include "inventoryschema.h"
#include "sqlitedb.h"

#include <QDir>
#include <QStandardPaths>

namespace thaw::inventory {

QString defaultCachePath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    return QDir(folder).filePath(QStringLiteral("inventory-cache.sqlite"));
}

bool removeInventory(const QString &databasePath, qint64 inventoryId, QString *error)
{
    SqliteDatabase db;
    if (!db.open(databasePath, error))
        return false;
    if (!db.exec("BEGIN IMMEDIATE", error))
        return false;
    if (!dropInventory(db, inventoryId, error)) {
        QString ignored;
        db.exec("ROLLBACK", &ignored);
        return false;
    }
    return db.exec("COMMIT", error);
}

} // namespace thaw::inventory
