#pragma once

#include "core/crypto/chunkplan.h"
#include "core/crypto/treehasher.h"
#include "core/glacier/joboutputsink.h"

#include <optional>
#include <vector>

namespace thaw::transfer {

class PartFile;
class RateLimiter;

// Streams one Get Job Output body straight into the .part at its offsets and tree-hashes each
// target chunk as it passes, so memory stays bounded. The body covers [streamStart, streamEnd)
// of the output: one chunk for a ranged GET, the whole output for the fallback GET after a
// server ignored Range (bytes of chunks that are not targets are then skipped, not written).
// It checks what the client cannot: the Content-Range total against the job's size, and that
// no more than the asked-for bytes arrive; the caller checks received() == length() after.
class ChunkSink final : public glacier::JobOutputSink
{
public:
    ChunkSink(PartFile *file, qint64 outputSize, qint64 streamStart, qint64 streamEnd,
              std::vector<crypto::Chunk> targets, RateLimiter *limiter = nullptr);

    bool begin(const glacier::JobOutputMetadata &metadata, QString *error) override;
    bool write(QByteArrayView data, QString *error) override;
    bool reset(QString *error) override;
    qint64 takeReadDelayMs() override; // what the rate limiter asks for, if any

    qint64 length() const { return m_streamEnd - m_streamStart; }
    qint64 received() const { return m_received; }           // in the current attempt
    qint64 totalReceived() const { return m_totalReceived; } // over every attempt
    const std::vector<crypto::Chunk> &targets() const { return m_targets; }
    // The reply's x-amz-sha256-tree-hash, when it sent one.
    const std::optional<QString> &checksum() const { return m_checksum; }
    // A failure of the sink's own checks (not of the disk): the reply did not match the request.
    bool replyMismatch() const { return m_replyMismatch; }
    // The Content-Range total differs from the job's size: fetching again will not help.
    bool outputSizeMismatch() const { return m_outputSizeMismatch; }

    // The tree hash of each target, in order; call once, after the body is complete.
    std::vector<crypto::TreeHash> finish();

private:
    PartFile *m_file;
    RateLimiter *m_limiter;
    qint64 m_outputSize;
    qint64 m_streamStart;
    qint64 m_streamEnd;
    std::vector<crypto::Chunk> m_targets;
    std::vector<crypto::TreeHasher> m_hashers;
    std::size_t m_current = 0; // the first target not yet behind the stream's position
    qint64 m_received = 0;
    qint64 m_totalReceived = 0;
    qint64 m_readDelayMs = 0;
    std::optional<QString> m_checksum;
    bool m_replyMismatch = false;
    bool m_outputSizeMismatch = false;
};

} // namespace thaw::transfer
