#include "fetchcheck.h"

#include "chunkbook.h"
#include "chunksink.h"
#include "core/crypto/treehashcombine.h"

namespace thaw::transfer {

DownloadError checkFetch(ChunkSink &sink, const std::vector<int> &chunks, bool ranged,
                         ChunkBook &book, QString *why)
{
    if (sink.received() != sink.length()) {
        *why = QStringLiteral("the body ended after %1 of %2 bytes")
                   .arg(sink.received())
                   .arg(sink.length());
        return DownloadError::Aws;
    }
    const std::vector<crypto::TreeHash> hashes = sink.finish();
    std::optional<crypto::Digest> checksum;
    if (sink.checksum()) {
        checksum = crypto::digestFromHex(sink.checksum()->trimmed().toLatin1());
        if (!checksum) {
            *why = QStringLiteral("unreadable x-amz-sha256-tree-hash '%1'").arg(*sink.checksum());
            return DownloadError::Aws;
        }
    }
    crypto::Digest root;
    if (ranged) {
        root = hashes.front().root;
    } else {
        // The whole output: the leaves kept from before and those just received.
        std::vector<std::vector<crypto::Digest>> fetchedLeaves;
        for (const crypto::TreeHash &hash : hashes)
            fetchedLeaves.push_back(hash.leaves);
        root = crypto::combineTreeHashes(book.leaves(chunks, fetchedLeaves));
    }
    if (checksum && *checksum != root) {
        const crypto::Chunk &first = book.chunk(chunks.front());
        *why = QStringLiteral("bytes %1-%2 have the tree hash %3, the server sent %4")
                   .arg(first.offset)
                   .arg(first.offset + sink.length() - 1)
                   .arg(QString::fromLatin1(crypto::toHex(root)), *sink.checksum());
        return DownloadError::Verification;
    }
    for (std::size_t t = 0; t < chunks.size(); ++t)
        book.markVerified(chunks[t], JournalChunk{hashes[t].leaves, checksum.has_value()});
    return DownloadError::None;
}

} // namespace thaw::transfer
