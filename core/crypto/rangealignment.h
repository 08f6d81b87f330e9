#pragma once

#include <QtGlobal>

// The alignment rules of AWS's "Receiving Checksums When Downloading Data":
// https://docs.aws.amazon.com/amazonglacier/latest/dev/checksum-calculations-range.html
// Ranges are inclusive byte ranges [start, end] of an archive of archiveSize bytes; a range
// that is empty, reversed, negative or reaches past the archive is aligned in no sense.
namespace thaw::crypto {

// start is a multiple of 1 MiB, and end + 1 is a multiple of 1 MiB or the archive's size.
// Initiate Job requires this of a retrieval range.
bool isMegabyteAligned(qint64 start, qint64 end, qint64 archiveSize);

// The range is exactly one node of the archive's tree hash: for some k >= 0 and j >= 0 it
// starts at j * 2^k MiB and ends at min((j + 1) * 2^k MiB, archiveSize) - 1. Only for such
// ranges does Glacier send x-amz-sha256-tree-hash with the data.
bool isTreeHashAligned(qint64 start, qint64 end, qint64 archiveSize);

} // namespace thaw::crypto
