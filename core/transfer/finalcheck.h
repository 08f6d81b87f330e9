#pragma once

#include "core/crypto/sha256.h"
#include "downloadtypes.h"

#include <QString>

#include <optional>

namespace thaw::transfer {

class ChunkBook;

// What vouches for a download whose chunks are all in: the root of all leaves against the job's
// tree hash, else every chunk's server header, else nothing.
struct FinalCheck
{
    QString treeHash; // hex root of all leaves
    VerifiedBy verifiedBy = VerifiedBy::None;
    bool mismatch = false; // the root differs from the job's hash
    QString message;       // why the download cannot be accepted; empty when it can
};

// `journalPath` and `partPath` are named in the messages.
FinalCheck checkWholeOutput(const ChunkBook &book, const std::optional<crypto::Digest> &expected,
                            const QString &journalPath, const QString &partPath);

} // namespace thaw::transfer
