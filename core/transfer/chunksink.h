#pragma once

#include "core/crypto/chunkplan.h"
#include "core/crypto/treehasher.h"
#include "core/glacier/joboutputsink.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QThreadPool;
QT_END_NAMESPACE

namespace thaw::transfer {

class PartFile;
class RateLimiter;
class StreamWriter;

// The buffers a ChunkSink reads into when it writes on a thread pool.
struct SinkBuffers
{
    int count = 4;
    qint64 size = 1 << 20;
};

// Streams one Get Job Output body straight into the .part at its offsets and tree-hashes each
// target chunk as it passes, so memory stays bounded. The body covers [streamStart, streamEnd)
// of the output: one chunk for a ranged GET, the whole output for the fallback GET after a
// server ignored Range (bytes of chunks that are not targets are then skipped, not written).
// It checks what the client cannot: the Content-Range total against the job's size, and that
// no more than the asked-for bytes arrive; the caller checks received() == length() after.
// Given a thread pool, it lends the client its buffers and writes and hashes on the pool (a
// StreamWriter), so the client's thread only copies the body once; the caller then waits for
// whenDrained() before it looks at the hashes. Without one, write() does it all at once.
class ChunkSink final : public glacier::JobOutputSink
{
public:
    ChunkSink(PartFile *file, qint64 outputSize, qint64 streamStart, qint64 streamEnd,
              std::vector<crypto::Chunk> targets, RateLimiter *limiter = nullptr,
              QThreadPool *pool = nullptr, SinkBuffers buffers = {});
    ~ChunkSink() override;

    bool begin(const glacier::JobOutputMetadata &metadata, QString *error) override;
    bool write(QByteArrayView data, QString *error) override;
    bool reset(QString *error) override;
    qint64 takeReadDelayMs() override; // what the rate limiter asks for, if any
    qint64 readDelayLeftMs() override; // asked again, at its rate now
    // Under a bandwidth limit: two seconds at the limit, at least 64 KiB, at most `standard`.
    qint64 readAheadLimit(qint64 standard) const override;
    bool lendsBuffers() const override { return m_writer != nullptr; }
    std::span<char> writeBuffer() override;
    bool commitBuffer(qint64 size, QString *error) override;
    void setReadyCallback(std::function<void()> ready) override;

    // `then` is called from the event loop once every byte received so far is written and
    // hashed (at once, from the event loop, without a pool).
    void whenDrained(std::function<void()> then);
    // A failure to write the .part, which may come after the body's last byte was taken.
    std::optional<QString> writeError() const;

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

    // The tree hash of each target, in order; call once, after the body is complete (and
    // drained).
    std::vector<crypto::TreeHash> finish();

private:
    bool take(qint64 size, QString *error); // the checks of a piece of `size` bytes
    // Writes and hashes a piece at `position` of the output; on the pool's thread with a pool.
    bool process(qint64 position, const char *data, qint64 size, QString *error);
    // After a write of [offset, offset + size) in the target ending at targetEnd; on the same
    // thread as process().
    void startWriteback(qint64 offset, qint64 size, qint64 targetEnd);

    PartFile *m_file;
    RateLimiter *m_limiter;
    qint64 m_outputSize;
    qint64 m_streamStart;
    qint64 m_streamEnd;
    std::vector<crypto::Chunk> m_targets;
    std::vector<crypto::TreeHasher> m_hashers;
    std::size_t m_current = 0;   // the first target not yet behind the stream's position
    qint64 m_writebackFrom = -1; // [from, end): written, not yet handed to the writeback
    qint64 m_writebackEnd = -1;
    qint64 m_received = 0;
    qint64 m_totalReceived = 0;
    qint64 m_readDelayMs = 0;
    std::optional<QString> m_checksum;
    bool m_replyMismatch = false;
    bool m_outputSizeMismatch = false;
    std::unique_ptr<StreamWriter> m_writer; // with a pool
};

} // namespace thaw::transfer
