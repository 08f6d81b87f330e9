#pragma once

#include "downloadtypes.h"

#include <QString>

#include <vector>

namespace thaw::transfer {

class ChunkBook;
class ChunkSink;

// Checks a fetch whose body is complete: every byte asked for arrived, and the tree hash of its
// chunks (or, for the whole-body GET, of the whole output with the kept leaves) matches the
// reply's x-amz-sha256-tree-hash when it sent one. On success the chunks are marked verified in
// `book` and None returned; otherwise the kind of failure, with *why.
DownloadError checkFetch(ChunkSink &sink, const std::vector<int> &chunks, bool ranged,
                         ChunkBook &book, QString *why);

} // namespace thaw::transfer
