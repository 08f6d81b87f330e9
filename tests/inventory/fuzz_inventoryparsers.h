#pragma once

// Shared by the two inventory parser fuzz targets: parse the input whole, then again in reads
// of a size taken from its first byte (chunk boundaries anywhere), and abort unless both runs
// agree on every archive and on the error and its position. Never crashing is checked by the
// sanitizers.

#include "core/inventory/inventoryparser.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace thaw::inventory::fuzz {

struct Run
{
    ParseOutcome outcome;
    std::vector<std::string> rows;
};

template<typename Parse>
Run runParser(Parse parse, const char *data, size_t size, qint64 readSize, qint64 chunkSize)
{
    Run run;
    size_t position = 0;
    const ReadFunction read = [&](char *out, qint64 maxSize) -> qint64 {
        const size_t n = std::min({size_t(maxSize), size_t(readSize), size - position});
        std::memcpy(out, data + position, n);
        position += n;
        return qint64(n);
    };
    run.outcome = parse(
        read,
        [&](const ArchiveEntry &e) {
            std::string row;
            for (const std::string_view field : {e.archiveId, e.description, e.creationDate,
                                                 e.treeHash}) {
                row.append(field);
                row.push_back('\x1f');
            }
            row.append(std::to_string(e.size));
            run.rows.push_back(std::move(row));
            return true;
        },
        chunkSize);
    return run;
}

template<typename Parse>
int fuzzOne(Parse parse, const uint8_t *bytes, size_t size)
{
    if (size == 0)
        return 0;
    const qint64 readSize = 1 + bytes[0] % 17;
    const char *data = reinterpret_cast<const char *>(bytes + 1);
    --size;
    const Run whole = runParser(parse, data, size, 1 << 20, 1 << 20);
    const Run pieces = runParser(parse, data, size, readSize, readSize);
    if (whole.rows != pieces.rows || whole.outcome.ok() != pieces.outcome.ok()
        || whole.outcome.archives != qint64(whole.rows.size()))
        std::abort();
    if (whole.outcome.error) {
        const ParseError &a = *whole.outcome.error;
        const ParseError &b = *pieces.outcome.error;
        if (a.offset != b.offset || a.line != b.line || a.column != b.column
            || a.offset < 0 || a.offset > qint64(size))
            std::abort();
    } else if (whole.outcome.bytes != qint64(size)
               || whole.outcome.header.inventoryDate != pieces.outcome.header.inventoryDate) {
        std::abort();
    }
    return 0;
}

} // namespace thaw::inventory::fuzz
