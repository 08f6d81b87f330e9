#include "rangealignment.h"

#include "treehashcombine.h"

#include <algorithm>

namespace thaw::crypto {

namespace {

bool isInside(qint64 start, qint64 end, qint64 archiveSize)
{
    return start >= 0 && start <= end && end < archiveSize;
}

} // namespace

bool isMegabyteAligned(qint64 start, qint64 end, qint64 archiveSize)
{
    if (!isInside(start, end, archiveSize))
        return false;
    return start % TreeHashLeafSize == 0
           && ((end + 1) % TreeHashLeafSize == 0 || end == archiveSize - 1);
}

bool isTreeHashAligned(qint64 start, qint64 end, qint64 archiveSize)
{
    if (!isMegabyteAligned(start, end, archiveSize))
        return false;
    const qint64 endExclusive = end + 1;
    // Walk up from the leaf that starts at `start` through every node that starts there too;
    // the node at level k spans 2^k leaves, cut short by the end of the archive.
    for (qint64 span = TreeHashLeafSize;; span *= 2) {
        if (start % span != 0)
            return false; // no node of this level or above starts at `start`
        const qint64 nodeEnd = std::min(start + span, archiveSize);
        if (endExclusive == nodeEnd)
            return true;
        if (nodeEnd == archiveSize || endExclusive < nodeEnd)
            return false; // nodes only grow from here on, or the range is already too short
    }
}

} // namespace thaw::crypto
