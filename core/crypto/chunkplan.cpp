#include "chunkplan.h"

#include "rangealignment.h"
#include "treehashcombine.h"

#include <algorithm>

namespace thaw::crypto {

namespace {

constexpr qint64 MaxChunkSizeMiB = qint64(1) << 32;

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool checkChunkSize(qint64 chunkSizeMiB, QString *error)
{
    const bool powerOfTwo = chunkSizeMiB > 0 && (chunkSizeMiB & (chunkSizeMiB - 1)) == 0;
    if (!powerOfTwo || chunkSizeMiB > MaxChunkSizeMiB) {
        return fail(error, QStringLiteral("chunk size must be a power of two MiB up to 2^32, "
                                          "not %1")
                               .arg(chunkSizeMiB));
    }
    return true;
}

} // namespace

std::optional<std::vector<Chunk>> planChunks(qint64 archiveSize, qint64 chunkSizeMiB,
                                             QString *error)
{
    if (archiveSize < 0) {
        fail(error, QStringLiteral("archive size must not be negative, not %1").arg(archiveSize));
        return std::nullopt;
    }
    if (!checkChunkSize(chunkSizeMiB, error))
        return std::nullopt;
    const qint64 chunkSize = chunkSizeMiB * TreeHashLeafSize;
    std::vector<Chunk> chunks;
    chunks.reserve(std::size_t((archiveSize + chunkSize - 1) / chunkSize));
    // Chunk j spans [j * 2^k MiB, min((j + 1) * 2^k MiB, size)): a node of level k.
    for (qint64 offset = 0; offset < archiveSize; offset += chunkSize)
        chunks.push_back({offset, std::min(chunkSize, archiveSize - offset)});
    return chunks;
}

std::optional<std::vector<Chunk>> planRangeChunks(qint64 start, qint64 end, qint64 archiveSize,
                                                  qint64 maxChunkSizeMiB, QString *error)
{
    if (!checkChunkSize(maxChunkSizeMiB, error))
        return std::nullopt;
    if (!isMegabyteAligned(start, end, archiveSize)) {
        fail(error, QStringLiteral("range %1-%2 is not megabyte aligned in an archive of %3 bytes")
                        .arg(start)
                        .arg(end)
                        .arg(archiveSize));
        return std::nullopt;
    }
    const qint64 maxChunkSize = maxChunkSizeMiB * TreeHashLeafSize;
    const qint64 endExclusive = end + 1;
    std::vector<Chunk> chunks;
    for (qint64 offset = start; offset < endExclusive;) {
        // The largest node starting at `offset` that fits in the range and in a chunk. A leaf
        // always fits: the range is megabyte aligned.
        qint64 length = std::min(TreeHashLeafSize, archiveSize - offset);
        for (qint64 span = 2 * TreeHashLeafSize; span <= maxChunkSize && offset % span == 0;
             span *= 2) {
            const qint64 nodeLength = std::min(span, archiveSize - offset);
            if (offset + nodeLength > endExclusive)
                break;
            length = nodeLength;
        }
        chunks.push_back({offset, length});
        offset += length;
    }
    return chunks;
}

} // namespace thaw::crypto
