#pragma once

#include "core/inventory/inventorycsvparser.h"
#include "core/inventory/inventoryjsonparser.h"

#include <QByteArray>
#include <QStringList>

#include <cstring>

// Runs a streaming inventory parser over bytes in reads of `readSize` bytes (the parser's own
// buffer being `chunkSize`), and lists what it saw as "id|description|date|size|hash" lines.
struct ParsedInventory
{
    thaw::inventory::ParseOutcome outcome;
    QStringList rows;
};

inline ParsedInventory parseBytes(thaw::inventory::InventoryFormat format, const QByteArray &input,
                                  qint64 readSize = 1 << 20, qint64 chunkSize = 1 << 20)
{
    qint64 position = 0;
    const thaw::inventory::ReadFunction read = [&](char *data, qint64 maxSize) -> qint64 {
        const qint64 n = std::min({maxSize, readSize, qint64(input.size()) - position});
        std::memcpy(data, input.constData() + position, size_t(n));
        position += n;
        return n;
    };
    ParsedInventory parsed;
    const thaw::inventory::ArchiveSink sink = [&](const thaw::inventory::ArchiveEntry &e) {
        const auto text = [](std::string_view v) {
            return QString::fromUtf8(v.data(), qsizetype(v.size()));
        };
        parsed.rows << text(e.archiveId) + u'|' + text(e.description) + u'|'
                           + text(e.creationDate) + u'|' + QString::number(e.size) + u'|'
                           + text(e.treeHash);
        return true;
    };
    parsed.outcome = format == thaw::inventory::InventoryFormat::Json
                         ? thaw::inventory::parseInventoryJson(read, sink, chunkSize)
                         : thaw::inventory::parseInventoryCsv(read, sink, chunkSize);
    return parsed;
}
