#pragma once

#include "store.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace thaw::emulator {

// The two inventory formats of api-job-output-get.md.
namespace inventory {

// {"VaultARN","InventoryDate","ArchiveList":[{"ArchiveId","ArchiveDescription","CreationDate",
// "Size","SHA256TreeHash"}]}
QByteArray toJson(const QString &vaultArn, const QDateTime &inventoryDate,
                  const QList<const Archive *> &archives);

// Header row ArchiveId,ArchiveDescription,CreationDate,Size,SHA256TreeHash, one row per
// archive, rows ending in "\n".
QByteArray toCsv(const QList<const Archive *> &archives);

// One CSV field in Amazon's dialect: enclosed in double quotes when it holds a comma, a double
// quote (or a line break, which would otherwise end the row); a double quote inside is escaped
// with a backslash; a backslash itself is not escaped.
QByteArray csvField(const QByteArray &value);

} // namespace inventory

} // namespace thaw::emulator
