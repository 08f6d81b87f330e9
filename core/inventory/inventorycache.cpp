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
    SqliteWriteTransaction transaction(db);
    return transaction.begin(error) && dropInventory(db, inventoryId, error)
           && transaction.commit(error);
}

} // namespace thaw::inventory
