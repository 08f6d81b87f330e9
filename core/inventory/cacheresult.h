#pragma once

#include "core/common/expected.h"

#include <QString>

namespace thaw::inventory {

// What went wrong in the inventory cache, a parser, an import or an export, as a value.
struct InventoryError
{
    enum class Kind {
        Database,  // SQLite refused (corrupt file, full disk, locked, schema from the future)
        Parse,     // the inventory file is malformed; message holds the position
        Io,        // a local file could not be read or written
        Cancelled, // cancel() was called; nothing was kept
        NotFound,  // no such inventory in the cache
        Usage,     // the caller asked for something impossible (bad option, missing date)
    };
    Kind kind = Kind::Database;
    QString message;
};

// Either a value or the InventoryError that prevented it.
template<typename T>
using CacheResult = Expected<T, InventoryError>;

} // namespace thaw::inventory
