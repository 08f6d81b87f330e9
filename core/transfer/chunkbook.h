#pragma once

#include "core/crypto/chunkplan.h"
#include "core/crypto/sha256.h"
#include "downloadjournal.h"

#include <vector>

namespace thaw::transfer {

// The bookkeeping of one download's chunks: the plan, where each chunk stands (waiting, being
// fetched, verified), the leaves of the verified ones and the failed fetches of each.
class ChunkBook final
{
public:
    enum class State { Pending, Active, Verified };

    void reset(std::vector<crypto::Chunk> plan);

    int size() const { return int(m_chunks.size()); }
    bool isEmpty() const { return m_chunks.empty(); }
    const crypto::Chunk &chunk(int index) const { return m_chunks[std::size_t(index)]; }
    const std::vector<crypto::Chunk> &chunks() const { return m_chunks; }
    State state(int index) const { return m_states[std::size_t(index)]; }
    void setState(int index, State state) { m_states[std::size_t(index)] = state; }
    const JournalChunk &verified(int index) const { return m_verified[std::size_t(index)]; }
    void markVerified(int index, JournalChunk chunk);

    std::vector<int> pending() const;
    int verifiedCount() const;
    qint64 verifiedBytes() const;
    bool allVerified() const { return verifiedCount() == size(); }
    bool allServerChecked() const; // every chunk matched a reply's x-amz-sha256-tree-hash
    // One more failed fetch of the chunk; how many so far.
    int addFailure(int index) { return ++m_failures[std::size_t(index)]; }

    // The leaves of every chunk in order: those of `fetched` (sorted indexes) from `fetchedLeaves`,
    // the others as verified before.
    std::vector<crypto::Digest> leaves(const std::vector<int> &fetched = {},
                                       const std::vector<std::vector<crypto::Digest>> &fetchedLeaves
                                       = {}) const;
    // Chunks no server header vouched for become pending again (after a job-hash mismatch).
    void dropServerUnchecked();
    // The verified chunks, by index, as the journal records them.
    std::map<int, JournalChunk> journalChunks() const;

private:
    std::vector<crypto::Chunk> m_chunks;
    std::vector<State> m_states;
    std::vector<JournalChunk> m_verified; // by chunk; meaningful when Verified
    std::vector<int> m_failures;          // failed fetches per chunk
};

} // namespace thaw::transfer
