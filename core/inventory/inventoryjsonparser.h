#pragma once

#include "inventoryparser.h"

namespace thaw::inventory {

// Streams an inventory in Glacier's JSON form ({"VaultARN", "InventoryDate", "ArchiveList":
// [{ArchiveId, ArchiveDescription, CreationDate, Size, SHA256TreeHash}, ...]}) through
// RapidJSON's SAX reader: no document is ever built, memory stays at the read buffer plus the
// longest string. Unknown keys are skipped; a missing ArchiveId or Size, a wrong type, or broken
// JSON is a ParseError with its byte offset (and line/column). Strings are not checked for valid
// UTF-8 (consumers replace invalid sequences), for speed.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-job-output-get.html
ParseOutcome parseInventoryJson(const ReadFunction &read, const ArchiveSink &sink,
                                qint64 chunkSize = 1 << 20);

} // namespace thaw::inventory
