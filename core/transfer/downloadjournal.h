#pragma once

#include "core/crypto/sha256.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace thaw::transfer {

// One chunk whose bytes are durable in the .part and matched every check available.
struct JournalChunk
{
    std::vector<crypto::Digest> leaves; // its 1 MiB leaf hashes, in order
    bool serverChecked = false;         // it matched the reply's x-amz-sha256-tree-hash
};

// The crash-safe record of a download, kept beside it as `<name>.part.journal` (JSON, version
// 1): the job, the plan, and the chunks already verified. Saved by replacing the file
// atomically (write a temporary, fsync, rename) and only after the .part was synced, so after a
// crash every chunk it lists is on disk.
struct DownloadJournal
{
    QString vault;
    QString jobId;
    QString archiveId; // lets a new job for the same archive and range reuse the chunks
    QString retrievalByteRange;
    qint64 size = 0;
    qint64 chunkSizeMiB = 0;
    QString expectedTreeHash;           // hex, empty when the job gave none
    qint64 partModificationTimeNs = -1; // the .part's mtime when last saved; -1 unknown
    std::map<int, JournalChunk> chunks; // by chunk index

    // Same output, same plan: the same job, or a job for the same archive and range with the
    // same size and expected hash.
    bool describesSameOutput(const DownloadJournal &other) const;

    QByteArray toJson() const;
    static std::optional<DownloadJournal> fromJson(const QByteArray &json, QString *error);

    static std::optional<DownloadJournal> load(const QString &path, QString *error);
    bool save(const QString &path, QString *error) const;
};

} // namespace thaw::transfer
