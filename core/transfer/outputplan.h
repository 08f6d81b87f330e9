#pragma once

#include "core/crypto/chunkplan.h"
#include "core/crypto/sha256.h"
#include "core/glacier/jobdescription.h"

#include <QString>

#include <optional>
#include <vector>

namespace thaw::transfer {

// What a finished job's output is: its size and the tree hash it must have, from Describe Job.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-describe-job-get.html
struct JobOutputTarget
{
    qint64 size = 0;
    std::optional<crypto::Digest> expectedTreeHash;
    QString archiveId;          // empty for an inventory
    QString retrievalByteRange; // as Describe Job gave it, empty when absent
};

// The size is ArchiveSizeInBytes for a whole archive, the RetrievalByteRange's length for a
// ranged job, InventorySizeInBytes for an inventory. The expected hash is SHA256TreeHash, or
// ArchiveSHA256TreeHash when the job covers the whole archive. nullopt with *error when the job
// is not a finished, successful retrieval or its size is missing.
std::optional<JobOutputTarget> jobOutputTarget(const glacier::JobDescription &job, QString *error);

// 64 MiB, halved (down to 1 MiB) until the output spans at least 2 × parallel chunks, so small
// outputs still use every stream and a big one is not split into thousands of requests.
qint64 defaultChunkSizeMiB(qint64 size, int parallel);

} // namespace thaw::transfer
