#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>
#include <vector>

// Download plans whose every chunk is tree-hash aligned, so that Glacier sends the chunk's
// tree hash with it and each chunk is verified on its own. The rules are those of
// https://docs.aws.amazon.com/amazonglacier/latest/dev/checksum-calculations-range.html
namespace thaw::crypto {

// One piece of a download: `length` bytes from `offset`.
struct Chunk
{
    qint64 offset = 0;
    qint64 length = 0;

    qint64 last() const { return offset + length - 1; } // inclusive, as in a Range header
    friend bool operator==(const Chunk &, const Chunk &) = default;
};

// Splits [0, archiveSize) into consecutive chunks of chunkSizeMiB MiB, the last one shorter if
// the size is not a multiple; each chunk is a node of the archive's tree. chunkSizeMiB must be
// a power of two (1, 2, 4, ... up to 2^32). An empty archive has an empty plan; an archive
// smaller than one chunk is a single chunk. On bad input, nullopt with *error set.
std::optional<std::vector<Chunk>> planChunks(qint64 archiveSize, qint64 chunkSizeMiB,
                                             QString *error = nullptr);

// Splits the megabyte-aligned inclusive range [start, end] of the archive into consecutive
// tree-hash-aligned chunks of at most maxChunkSizeMiB MiB (a power of two), taking at each
// offset the largest node of the archive's tree that starts there and fits. On bad input,
// nullopt with *error set.
std::optional<std::vector<Chunk>> planRangeChunks(qint64 start, qint64 end, qint64 archiveSize,
                                                  qint64 maxChunkSizeMiB, QString *error = nullptr);

} // namespace thaw::crypto
