#include "finalcheck.h"

#include "chunkbook.h"
#include "core/crypto/treehashcombine.h"

namespace thaw::transfer {

FinalCheck checkWholeOutput(const ChunkBook &book, const std::optional<crypto::Digest> &expected,
                            const QString &journalPath, const QString &partPath)
{
    FinalCheck check;
    const crypto::Digest root = crypto::combineTreeHashes(book.leaves());
    check.treeHash = QString::fromLatin1(crypto::toHex(root));
    if (expected && *expected != root) {
        check.mismatch = true;
        check.message
            = QStringLiteral("the downloaded bytes have the tree hash %1, the job says "
                             "%2. Chunks without a server checksum were dropped from "
                             "%3; run again to fetch them.")
                  .arg(check.treeHash, QString::fromLatin1(crypto::toHex(*expected)), journalPath);
        return check;
    }
    check.verifiedBy = expected                                     ? VerifiedBy::JobHash
                       : book.allServerChecked() && !book.isEmpty() ? VerifiedBy::ServerHeader
                                                                    : VerifiedBy::None;
    if (check.verifiedBy == VerifiedBy::None) {
        check.message = QStringLiteral("not verified by the server: it offered no checksum for "
                                       "this output (no tree hash in the job, no "
                                       "x-amz-sha256-tree-hash). The complete but unverified "
                                       "bytes (tree hash %1) are kept in %2; rename it yourself "
                                       "to accept them.")
                            .arg(check.treeHash, partPath);
    }
    return check;
}

} // namespace thaw::transfer
