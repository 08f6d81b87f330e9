#include "filetreehash.h"

#include "treehashcombine.h"

#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

// The pipeline: every worker thread claims the next leaf, reads it with pread() into its own
// 1 MiB buffer and hashes it, so reading (a copy out of the page cache, or waiting for the
// disk) of one leaf overlaps hashing of others on every core, and no thread waits for a
// single reader. A leaf fits in a core's L2 cache, so hashing reads what pread() just wrote.
// Memory: one leaf buffer per thread (plus one for the optional plain SHA-256).
// The leaf hashes land in a vector indexed by leaf and are combined at the end.

namespace thaw::crypto {

namespace {

// Reads at a given offset from one open file, from several threads at once.
class PositionalReader final
{
public:
    explicit PositionalReader(QFile &file)
        : m_file(file)
    {}

    // Fills buffer with exactly `size` bytes from `offset`; false with *error set otherwise.
    bool read(char *buffer, qint64 size, qint64 offset, QString *error)
    {
#ifdef Q_OS_UNIX
        const int fd = m_file.handle();
        while (size > 0) {
            const ssize_t got = ::pread(fd, buffer, std::size_t(size), off_t(offset));
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0) {
                *error = got == 0 ? QStringLiteral("unexpected end of file")
                                  : QString::fromLocal8Bit(std::strerror(errno));
                return false;
            }
            buffer += got;
            size -= got;
            offset += got;
        }
        return true;
#else
        QMutexLocker locker(&m_mutex);
        if (!m_file.seek(offset) || m_file.read(buffer, size) != size) {
            *error = m_file.errorString();
            return false;
        }
        return true;
#endif
    }

private:
    QFile &m_file;
#ifndef Q_OS_UNIX
    QMutex m_mutex;
#endif
};

// The first error any thread met; the others stop at their next leaf.
class ErrorLatch final
{
public:
    void set(const QString &message)
    {
        QMutexLocker locker(&m_mutex);
        if (m_message.isEmpty())
            m_message = message;
        m_failed.store(true, std::memory_order_relaxed);
    }
    bool failed() const { return m_failed.load(std::memory_order_relaxed); }
    QString message() const
    {
        QMutexLocker locker(&m_mutex);
        return m_message;
    }

private:
    mutable QMutex m_mutex;
    QString m_message;
    std::atomic_bool m_failed = false;
};

struct Job
{
    PositionalReader *reader;
    ErrorLatch *errors;
    qint64 offset; // of the first byte hashed
    qint64 size;   // bytes hashed
    std::vector<Digest> *leaves;
    std::atomic<qint64> nextLeaf = 0;
};

void hashLeaves(Job &job)
{
    const std::unique_ptr<char[]> buffer(new char[TreeHashLeafSize]);
    Sha256 sha;
    const auto leafCount = qint64(job.leaves->size());
    for (;;) {
        const qint64 leaf = job.nextLeaf.fetch_add(1, std::memory_order_relaxed);
        if (leaf >= leafCount || job.errors->failed())
            return;
        const qint64 start = leaf * TreeHashLeafSize;
        const qint64 length = std::min(TreeHashLeafSize, job.size - start);
        QString error;
        if (!job.reader->read(buffer.get(), length, job.offset + start, &error)) {
            job.errors->set(error);
            return;
        }
        sha.update(buffer.get(), std::size_t(length));
        (*job.leaves)[std::size_t(leaf)] = sha.finish();
    }
}

// The plain SHA-256 cannot be split; one thread reads everything again, in order.
void hashWhole(Job &job, Digest *digest)
{
    const std::unique_ptr<char[]> buffer(new char[TreeHashLeafSize]);
    Sha256 sha;
    for (qint64 done = 0; done < job.size && !job.errors->failed();) {
        const qint64 length = std::min(TreeHashLeafSize, job.size - done);
        QString error;
        if (!job.reader->read(buffer.get(), length, job.offset + done, &error)) {
            job.errors->set(error);
            return;
        }
        sha.update(buffer.get(), std::size_t(length));
        done += length;
    }
    *digest = sha.finish();
}

FileTreeHashResult failure(const QString &message)
{
    FileTreeHashResult result;
    result.error = message;
    return result;
}

} // namespace

FileTreeHashResult treeHashFile(const QString &path, const FileTreeHashOptions &options)
{
    const QFileInfo info(path);
    if (info.isDir())
        return failure(QStringLiteral("%1 is a directory").arg(path));
    // Devices and pipes have no size to plan leaves by (and a FIFO would block in open()).
    if (info.exists() && !info.isFile())
        return failure(QStringLiteral("%1 is not a regular file").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return failure(QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
    const qint64 fileSize = file.size();

    ByteRange range{0, fileSize - 1};
    if (options.range) {
        range = *options.range;
        if (range.first < 0 || range.first > range.last) {
            return failure(
                QStringLiteral("invalid byte range %1-%2").arg(range.first).arg(range.last));
        }
        if (range.last >= fileSize) {
            return failure(QStringLiteral("byte range %1-%2 is past the end of %3 (%4 bytes)")
                               .arg(range.first)
                               .arg(range.last)
                               .arg(path)
                               .arg(fileSize));
        }
    }
    const qint64 size = range.size();

#ifdef Q_OS_LINUX
    if (size > 0)
        ::posix_fadvise(file.handle(), range.first, size, POSIX_FADV_SEQUENTIAL);
#endif

    FileTreeHashResult result;
    // Empty data still has one leaf, the hash of nothing (see TreeHash::leaves).
    result.treeHash.leaves.resize(
        std::size_t(std::max<qint64>(1, (size + TreeHashLeafSize - 1) / TreeHashLeafSize)));
    result.treeHash.size = size;

    PositionalReader reader(file);
    ErrorLatch errors;
    Job job{&reader, &errors, range.first, size, &result.treeHash.leaves};
    const int threadCount = int(std::min<qint64>(
        options.threadCount > 0 ? options.threadCount : QThread::idealThreadCount(),
        qint64(result.treeHash.leaves.size())));

    Digest whole{};
    { // the jthreads join at the end of this block
        std::vector<std::jthread> threads;
        if (options.computeSha256)
            threads.emplace_back([&job, &whole] { hashWhole(job, &whole); });
        for (int i = 1; i < threadCount; ++i)
            threads.emplace_back([&job] { hashLeaves(job); });
        hashLeaves(job); // this thread is a worker too
    }

    if (errors.failed())
        return failure(QStringLiteral("cannot read %1: %2").arg(path, errors.message()));
    result.treeHash.root = combineTreeHashes(result.treeHash.leaves);
    if (options.computeSha256)
        result.sha256 = whole;
    return result;
}

QFuture<FileTreeHashResult> treeHashFileAsync(const QString &path,
                                              const FileTreeHashOptions &options)
{
    return QtConcurrent::run([path, options] { return treeHashFile(path, options); });
}

} // namespace thaw::crypto
