#pragma once

#include "core/inventory/inventorytypes.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace thaw::ui {

// Where each archive of a restore goes: its decoded name made safe (core/inventory
// pathsanitizer.h) under the folder the user chose. A name that cannot be used as a path falls
// back to the archive id; two archives with the same name get the start of their archive id
// added, so no download overwrites another.
struct RestoreItem
{
    inventory::ArchiveRow archive;
    QString outPath; // absolute, inside the destination folder
    QString note;    // why the name was changed, empty when it was not
};

struct RestorePlan
{
    QList<RestoreItem> items;
    QString error; // the destination cannot be used (nothing planned then)
    bool ok() const { return error.isEmpty(); }
};

RestorePlan planRestore(const QList<inventory::ArchiveRow> &archives, const QString &destination);

} // namespace thaw::ui
