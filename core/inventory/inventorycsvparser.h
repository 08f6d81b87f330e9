#pragma once

#include "inventoryparser.h"

namespace thaw::inventory {

// Streams an inventory in Glacier's CSV dialect. The first row names the columns (ArchiveId,
// ArchiveDescription, CreationDate, Size, SHA256TreeHash, in any order; a UTF-8 BOM is
// skipped). A field holding a comma or a double quote is enclosed in double quotes; inside, a
// double quote is escaped with a backslash (\") and a backslash is NOT escaped, so \ followed by
// anything but " is kept as is. "" inside quotes is also read as one quote (RFC 4180), which
// Glacier never writes. Rows end with LF or CRLF; a line break inside quotes is data. Errors
// carry line, column and byte offset.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-job-output-get.html
ParseOutcome parseInventoryCsv(const ReadFunction &read, const ArchiveSink &sink,
                               qint64 chunkSize = 1 << 20);

} // namespace thaw::inventory
