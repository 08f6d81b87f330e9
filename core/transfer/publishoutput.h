#pragma once

#include <QString>

namespace thaw::transfer {

class PartFile;

// rename() that refuses to replace an existing file unless told to (renameat2 RENAME_NOREPLACE,
// with a check-then-rename fallback where the file system lacks it).
bool renameInto(const QString &from, const QString &to, bool replace, QString *error);

// The last step of a verified download: the .part (already fsync'ed) is closed and renamed to
// `outputPath` (never over an existing file unless `replace`), the journal removed and the
// directory synced so that the rename is durable.
bool publishOutput(PartFile &part, const QString &outputPath, const QString &journalPath,
                   bool replace, QString *error);

} // namespace thaw::transfer
