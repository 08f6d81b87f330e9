#pragma once

#include "core/crypto/chunkplan.h"
#include "downloadjournal.h"

#include <map>
#include <vector>

namespace thaw::transfer {

class PartFile;

// Which chunks a journal lists that the .part still holds, for a resume: a chunk past the end of
// the file is dropped, and with `rehash` every chunk is read back and kept only when its leaves
// still match the recorded ones (after a crash mid-write, another program, --verify-kept).
// *dropped counts the chunks left out.
std::map<int, JournalChunk> keptChunks(const PartFile &part, const std::vector<crypto::Chunk> &plan,
                                       const std::map<int, JournalChunk> &recorded, bool rehash,
                                       int *dropped);

} // namespace thaw::transfer
