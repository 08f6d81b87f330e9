#include "chunksink.h"

#include "partfile.h"
#include "ratelimiter.h"
#include "streamwriter.h"

#include <QRegularExpression>
#include <QTimer>

#include <utility>

namespace thaw::transfer {

namespace {

// Fits a core's L1 data cache (48 KiB here) with room to spare; 16 KiB (more system calls) and
// 64 KiB (out of L1) both measured slower.
constexpr qint64 HashWriteStep = 32 << 10;
// How far a stream hashes ahead of its writes while another stream holds the file's write lock:
// well within a core's L2 cache (2 MiB here), so the write still finds the bytes there.
constexpr qint64 MaxHashAhead = 256 << 10;

} // namespace

ChunkSink::ChunkSink(PartFile *file, qint64 outputSize, qint64 streamStart, qint64 streamEnd,
                     std::vector<crypto::Chunk> targets, RateLimiter *limiter, QThreadPool *pool,
                     SinkBuffers buffers)
    : m_file(file)
    , m_limiter(limiter)
    , m_outputSize(outputSize)
    , m_streamStart(streamStart)
    , m_streamEnd(streamEnd)
    , m_targets(std::move(targets))
    , m_hashers(m_targets.size())
{
    if (pool) {
        m_writer = std::make_unique<StreamWriter>(
            pool, buffers.count, buffers.size, streamStart,
            [this](qint64 position, const char *data, qint64 size, QString *error) {
                return process(position, data, size, error);
            });
    }
}

ChunkSink::~ChunkSink() = default; // the writer waits for the piece it is processing

bool ChunkSink::begin(const glacier::JobOutputMetadata &metadata, QString *error)
{
    m_checksum = metadata.checksum;
    // "bytes 0-1048575/16777216": the total must be the size Describe Job gave.
    if (metadata.contentRange) {
        static const QRegularExpression pattern(QStringLiteral("^bytes \\d+-\\d+/(\\d+)$"));
        const QRegularExpressionMatch match = pattern.match(*metadata.contentRange);
        if (match.hasMatch() && match.captured(1).toLongLong() != m_outputSize) {
            m_replyMismatch = true;
            m_outputSizeMismatch = true;
            *error = QStringLiteral("the output is %1 bytes (Content-Range '%2'), not the %3 "
                                    "bytes the job describes")
                         .arg(match.captured(1), *metadata.contentRange)
                         .arg(m_outputSize);
            return false;
        }
    } else if (metadata.contentLength && *metadata.contentLength != length()) {
        // A whole-body answer (200) must be exactly the output.
        m_replyMismatch = true;
        m_outputSizeMismatch = m_streamStart == 0 && m_streamEnd == m_outputSize;
        *error = QStringLiteral("the answer holds %1 bytes where %2 were expected")
                     .arg(*metadata.contentLength)
                     .arg(length());
        return false;
    }
    return true;
}

bool ChunkSink::take(qint64 size, QString *error)
{
    if (m_received + size > length()) {
        m_replyMismatch = true;
        *error = QStringLiteral("the answer holds more than the %1 bytes asked for").arg(length());
        return false;
    }
    m_received += size;
    m_totalReceived += size;
    if (m_limiter)
        m_readDelayMs = m_limiter->take(size);
    return true;
}

bool ChunkSink::write(QByteArrayView data, QString *error)
{
    if (m_writer) {
        *error = QStringLiteral("write() on a sink that lends buffers");
        return false;
    }
    const qint64 position = m_streamStart + m_received;
    return take(data.size(), error) && process(position, data.data(), data.size(), error);
}

std::span<char> ChunkSink::writeBuffer()
{
    return m_writer ? m_writer->space() : std::span<char>();
}

bool ChunkSink::commitBuffer(qint64 size, QString *error)
{
    if (const std::optional<QString> failed = m_writer->error()) {
        *error = *failed;
        return false;
    }
    if (!take(size, error))
        return false;
    m_writer->fill(size);
    if (m_received == length())
        m_writer->flush(); // the body is complete: its last piece goes now
    return true;
}

void ChunkSink::setReadyCallback(std::function<void()> ready)
{
    if (m_writer)
        m_writer->setReadyCallback(std::move(ready));
}

void ChunkSink::whenDrained(std::function<void()> then)
{
    if (m_writer)
        m_writer->whenIdle(std::move(then));
    else
        QTimer::singleShot(0, std::move(then));
}

std::optional<QString> ChunkSink::writeError() const
{
    return m_writer ? m_writer->error() : std::nullopt;
}

void ChunkSink::startWriteback(qint64 offset, qint64 size, qint64 targetEnd)
{
    // Starts the writeback of what was written, so that the sync before the journal finds little
    // to do: a few MiB at a time (each request is a trip to the device), and each target's end.
    constexpr qint64 Batch = 4 << 20;
    const auto submit = [this] {
        if (m_writebackFrom >= 0 && m_writebackEnd > m_writebackFrom)
            m_file->startWriteback(m_writebackFrom, m_writebackEnd - m_writebackFrom);
        m_writebackFrom = m_writebackEnd;
    };
    if (m_writebackEnd != offset) { // the first write, or past a gap
        submit();
        m_writebackFrom = offset;
    }
    m_writebackEnd = offset + size;
    if (m_writebackEnd - m_writebackFrom >= Batch || m_writebackEnd == targetEnd)
        submit();
}

bool ChunkSink::process(qint64 position, const char *data, qint64 size, QString *error)
{
    while (size > 0) {
        while (m_current < m_targets.size()
               && m_targets[m_current].offset + m_targets[m_current].length <= position) {
            ++m_current;
        }
        if (m_current == m_targets.size())
            break; // past the last target: nothing more to keep
        qint64 take = size;
        const crypto::Chunk &target = m_targets[m_current];
        if (position < target.offset) {
            take = qMin(take, target.offset - position); // a gap: skip
        } else {
            take = qMin(take, target.offset + target.length - position);
            // Whole pages go around the page cache: the device reads the buffer, no copy to keep
            // hot. A piece that ends in a partial page (the output's tail) writes its whole
            // pages so and only the rest through the page cache.
            const qint64 pages = take / PartFile::DirectAlignment * PartFile::DirectAlignment;
            if (pages > 0 && m_file->writesDirectly(position, data, pages)) {
                m_hashers[m_current].addData(data, pages);
                if (!m_file->writeAt(position, data, pages, error))
                    return false;
                // Nothing to write back, but a batch of buffered bytes before it is submitted
                // when the target ends here.
                startWriteback(position, pages, target.offset + target.length);
                position += pages;
                data += pages;
                size -= pages;
                continue;
            }
            // Otherwise hashed, then written, a step at a time: the hash pulls the step (filled on another
            // core) into this core's L1 cache and the copy into the page cache finds it there.
            // Whole 128 KiB-512 KiB pieces did not stay in cache between the two on a busy
            // machine: the kernel's copy then read memory again and cost up to twice the
            // system time (see the README of this folder). When another stream is writing to
            // the file, this one hashes ahead (up to MaxHashAhead, still in L2) instead of
            // waiting for it, then writes what it has hashed in one go.
            qint64 written = 0;
            for (qint64 hashed = 0; hashed < take;) {
                const qint64 step = qMin(HashWriteStep, take - hashed);
                m_hashers[m_current].addData(data + hashed, step);
                hashed += step;
                const qint64 offset = position + written;
                const qint64 pending = hashed - written;
                if (hashed == take || pending >= MaxHashAhead) {
                    if (!m_file->writeAt(offset, data + written, pending, error))
                        return false;
                    written = hashed;
                    continue;
                }
                switch (m_file->tryWriteAt(offset, data + written, pending, error)) {
                case PartFile::TryWrite::Written:
                    written = hashed;
                    break;
                case PartFile::TryWrite::Busy:
                    break;
                case PartFile::TryWrite::Failed:
                    return false;
                }
            }
            startWriteback(position, take, target.offset + target.length);
        }
        position += take;
        data += take;
        size -= take;
    }
    return true;
}

qint64 ChunkSink::takeReadDelayMs()
{
    return std::exchange(m_readDelayMs, 0);
}

qint64 ChunkSink::readDelayLeftMs()
{
    return m_limiter ? m_limiter->pauseLeft() : 0;
}

qint64 ChunkSink::readAheadLimit(qint64 standard) const
{
    const qint64 rate = m_limiter ? m_limiter->effectiveBytesPerSecond() : 0;
    if (rate <= 0)
        return standard;
    constexpr qint64 Least = 64 << 10;
    return qMin(standard, qMax(Least, 2 * rate));
}

bool ChunkSink::reset(QString *)
{
    if (m_writer)
        m_writer->restart(m_streamStart); // waits for the pieces in flight
    m_hashers = std::vector<crypto::TreeHasher>(m_targets.size());
    m_current = 0;
    m_writebackFrom = -1;
    m_writebackEnd = -1;
    m_received = 0;
    m_checksum.reset();
    return true;
}

std::vector<crypto::TreeHash> ChunkSink::finish()
{
    if (m_writer)
        m_writer->waitIdle();
    std::vector<crypto::TreeHash> hashes;
    hashes.reserve(m_hashers.size());
    for (crypto::TreeHasher &hasher : m_hashers)
        hashes.push_back(hasher.finish());
    return hashes;
}

} // namespace thaw::transfer
