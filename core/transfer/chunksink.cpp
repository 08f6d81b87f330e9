#include "chunksink.h"

#include "partfile.h"
#include "ratelimiter.h"

#include <QRegularExpression>

#include <utility>

namespace thaw::transfer {

ChunkSink::ChunkSink(PartFile *file, qint64 outputSize, qint64 streamStart, qint64 streamEnd,
                     std::vector<crypto::Chunk> targets, RateLimiter *limiter)
    : m_file(file)
    , m_limiter(limiter)
    , m_outputSize(outputSize)
    , m_streamStart(streamStart)
    , m_streamEnd(streamEnd)
    , m_targets(std::move(targets))
    , m_hashers(m_targets.size())
{}

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

bool ChunkSink::write(QByteArrayView data, QString *error)
{
    if (m_received + data.size() > length()) {
        m_replyMismatch = true;
        *error = QStringLiteral("the answer holds more than the %1 bytes asked for").arg(length());
        return false;
    }
    const qint64 size = data.size();
    qint64 position = m_streamStart + m_received;
    m_received += size;
    m_totalReceived += size;
    while (!data.isEmpty()) {
        while (m_current < m_targets.size()
               && m_targets[m_current].offset + m_targets[m_current].length <= position) {
            ++m_current;
        }
        qint64 take = data.size();
        if (m_current == m_targets.size()) {
            break; // past the last target: nothing more to keep
        }
        const crypto::Chunk &target = m_targets[m_current];
        if (position < target.offset) {
            take = qMin(take, target.offset - position); // a gap: skip
        } else {
            take = qMin(take, target.offset + target.length - position);
            if (!m_file->writeAt(position, data.data(), take, error))
                return false;
            m_hashers[m_current].addData(data.data(), take);
        }
        position += take;
        data = data.sliced(take);
    }
    if (m_limiter)
        m_readDelayMs = m_limiter->take(size);
    return true;
}

qint64 ChunkSink::takeReadDelayMs()
{
    return std::exchange(m_readDelayMs, 0);
}

bool ChunkSink::reset(QString *)
{
    m_hashers = std::vector<crypto::TreeHasher>(m_targets.size());
    m_current = 0;
    m_received = 0;
    m_checksum.reset();
    return true;
}

std::vector<crypto::TreeHash> ChunkSink::finish()
{
    std::vector<crypto::TreeHash> hashes;
    hashes.reserve(m_hashers.size());
    for (crypto::TreeHasher &hasher : m_hashers)
        hashes.push_back(hasher.finish());
    return hashes;
}

} // namespace thaw::transfer
