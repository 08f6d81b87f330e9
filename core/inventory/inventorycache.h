#pragma once

#include <QString>

namespace thaw::inventory {

// Where the inventory cache lives by default:
// QStandardPaths::AppDataLocation/inventory-cache.sqlite (the folder is created). Tests and
// thaw-cli --cache pass their own path to the reader, importer and exporter instead.
QString defaultCachePath();

// Deletes one cached inventory (its archives and folders too).
bool removeInventory(const QString &databasePath, qint64 inventoryId, QString *error);

} // namespace thaw::inventory
