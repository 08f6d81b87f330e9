#include "chunkbook.h"

#include <algorithm>

namespace thaw::transfer {

void ChunkBook::reset(std::vector<crypto::Chunk> plan)
{
    m_chunks = std::move(plan);
    m_states.assign(m_chunks.size(), State::Pending);
    m_verified.assign(m_chunks.size(), JournalChunk());
    m_failures.assign(m_chunks.size(), 0);
}

void ChunkBook::markVerified(int index, JournalChunk chunk)
{
    m_verified[std::size_t(index)] = std::move(chunk);
    m_states[std::size_t(index)] = State::Verified;
}

std::vector<int> ChunkBook::pending() const
{
    std::vector<int> pending;
    for (std::size_t i = 0; i < m_states.size(); ++i) {
        if (m_states[i] == State::Pending)
            pending.push_back(int(i));
    }
    return pending;
}

int ChunkBook::verifiedCount() const
{
    return int(std::count(m_states.begin(), m_states.end(), State::Verified));
}

qint64 ChunkBook::verifiedBytes() const
{
    qint64 bytes = 0;
    for (std::size_t i = 0; i < m_chunks.size(); ++i) {
        if (m_states[i] == State::Verified)
            bytes += m_chunks[i].length;
    }
    return bytes;
}

bool ChunkBook::allServerChecked() const
{
    return std::all_of(m_verified.begin(), m_verified.end(),
                       [](const JournalChunk &chunk) { return chunk.serverChecked; });
}

std::vector<crypto::Digest>
ChunkBook::leaves(const std::vector<int> &fetched,
                  const std::vector<std::vector<crypto::Digest>> &fetchedLeaves) const
{
    std::vector<crypto::Digest> leaves;
    std::size_t target = 0;
    for (std::size_t i = 0; i < m_chunks.size(); ++i) {
        const bool isFetched = target < fetched.size() && fetched[target] == int(i);
        const std::vector<crypto::Digest> &chunkLeaves
            = isFetched ? fetchedLeaves[target] : m_verified[i].leaves;
        leaves.insert(leaves.end(), chunkLeaves.begin(), chunkLeaves.end());
        if (isFetched)
            ++target;
    }
    return leaves;
}

void ChunkBook::dropServerUnchecked()
{
    for (std::size_t i = 0; i < m_chunks.size(); ++i) {
        if (!m_verified[i].serverChecked)
            m_states[i] = State::Pending;
    }
}

std::map<int, JournalChunk> ChunkBook::journalChunks() const
{
    std::map<int, JournalChunk> chunks;
    for (std::size_t i = 0; i < m_chunks.size(); ++i) {
        if (m_states[i] == State::Verified)
            chunks[int(i)] = m_verified[i];
    }
    return chunks;
}

} // namespace thaw::transfer
