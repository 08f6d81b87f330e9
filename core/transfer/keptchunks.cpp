#include "keptchunks.h"

#include "core/crypto/treehashcombine.h"
#include "core/crypto/treehasher.h"
#include "partfile.h"

#include <QByteArray>

namespace thaw::transfer {

namespace {

bool stillMatches(const PartFile &part, const crypto::Chunk &chunk, const JournalChunk &kept,
                  QByteArray &buffer)
{
    crypto::TreeHasher hasher;
    QString error;
    for (qint64 done = 0; done < chunk.length; done += buffer.size()) {
        const qint64 size = qMin<qint64>(buffer.size(), chunk.length - done);
        if (!part.readAt(chunk.offset + done, buffer.data(), size, &error))
            return false;
        hasher.addData(buffer.constData(), size);
    }
    return hasher.finish().leaves == kept.leaves;
}

} // namespace

std::map<int, JournalChunk> keptChunks(const PartFile &part, const std::vector<crypto::Chunk> &plan,
                                       const std::map<int, JournalChunk> &recorded, bool rehash,
                                       int *dropped)
{
    const qint64 partSize = part.size();
    QByteArray buffer(crypto::TreeHashLeafSize, Qt::Uninitialized);
    std::map<int, JournalChunk> kept;
    *dropped = 0;
    for (const auto &[index, chunk] : recorded) {
        if (index < 0 || std::size_t(index) >= plan.size()) {
            ++*dropped;
            continue;
        }
        const crypto::Chunk &range = plan[std::size_t(index)];
        const bool ok = range.offset + range.length <= partSize
                        && (!rehash || stillMatches(part, range, chunk, buffer));
        if (ok)
            kept.emplace(index, chunk);
        else
            ++*dropped;
    }
    return kept;
}

} // namespace thaw::transfer
