#pragma once

#include "core/inventory/inventorytypes.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>

namespace thaw::ui {

// Where each archive of a restore goes: its decoded name made safe (core/inventory
// pathsanitizer.h) under the folder the user chose. A name that cannot be used as a path falls
// back to the archive id; two archives with the same name get the start of their archive id
// added, so no download overwrites another. A file whose name is a folder another archive needs
// (`a/b` beside `a/b/c`) gets its id added too; one whose folder would be another archive's file
// is saved under its archive id.
struct RestoreItem
{
    inventory::ArchiveRow archive;
    QString outPath; // absolute, inside the destination folder
    QString note;    // why the name was changed, empty when it was not
};

struct RestorePlan
{
    QList<RestoreItem> items;
    QString error; // the destination cannot be used, or planning was cancelled (nothing planned)
    bool cancelled = false;
    bool ok() const { return error.isEmpty(); }
};

// `cancelled` (optional) is checked as the archives are worked through: a caller on another
// thread sets it when the plan is no longer wanted, and the plan comes back empty and cancelled.
RestorePlan planRestore(const QList<inventory::ArchiveRow> &archives, const QString &destination,
                        const std::atomic<bool> *cancelled = nullptr);

} // namespace thaw::ui
