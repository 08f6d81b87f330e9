#pragma once

#include "sha256.h"
#include "treehasher.h"

#include <QFuture>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace thaw::crypto {

// An inclusive byte range [first, last], as in an HTTP Range header.
struct ByteRange
{
    qint64 first = 0;
    qint64 last = 0;

    qint64 size() const { return last - first + 1; }
    friend bool operator==(const ByteRange &, const ByteRange &) = default;
};

struct FileTreeHashOptions
{
    std::optional<ByteRange> range; // the whole file when unset
    bool computeSha256 = false;     // also the plain SHA-256 of the same bytes
    int threadCount = 0;            // hashing threads; 0 means QThread::idealThreadCount()
};

// What treeHashFile() found: either an error message, or the hashes.
struct FileTreeHashResult
{
    QString error; // empty on success
    TreeHash treeHash;
    std::optional<Digest> sha256; // set when FileTreeHashOptions::computeSha256 was

    bool ok() const { return error.isEmpty(); }
};

// The SHA-256 tree hash of a file, or of an inclusive byte range of it, taken as data of its
// own (https://docs.aws.amazon.com/amazonglacier/latest/dev/checksum-calculations.html).
// The 1 MiB leaves are read and hashed on all cores with a few MiB of buffers, whatever the
// file's size. Blocks the caller; errors (missing file, range past the end, a read failure)
// come back in the result.
FileTreeHashResult treeHashFile(const QString &path, const FileTreeHashOptions &options = {});

// treeHashFile() on Qt's global thread pool.
QFuture<FileTreeHashResult> treeHashFileAsync(const QString &path,
                                              const FileTreeHashOptions &options = {});

} // namespace thaw::crypto
