#include "treehashcombine.h"

#include <vector>

namespace thaw::crypto {

Digest combineTreeHashes(std::span<const Digest> hashes)
{
    if (hashes.empty())
        return Sha256::hash(QByteArrayView());
    if (hashes.size() == 1)
        return hashes.front();

    std::vector<Digest> level((hashes.size() + 1) / 2);
    for (std::size_t i = 0; i < hashes.size(); i += 2)
        level[i / 2] = i + 1 < hashes.size() ? hashPair(hashes[i], hashes[i + 1]) : hashes[i];
    // Each next level is built in place: slot i/2 is written after slots i and i+1 are read.
    while (level.size() > 1) {
        const std::size_t count = level.size();
        for (std::size_t i = 0; i < count; i += 2)
            level[i / 2] = i + 1 < count ? hashPair(level[i], level[i + 1]) : level[i];
        level.resize((count + 1) / 2);
    }
    return level.front();
}

} // namespace thaw::crypto
