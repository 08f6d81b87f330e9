#include "partfile.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace thaw::transfer {

namespace {

QString systemError(const QString &what, const QString &path)
{
    return QStringLiteral("%1 %2: %3")
        .arg(what, path, QString::fromLocal8Bit(std::strerror(errno)));
}

} // namespace

PartFile::~PartFile()
{
    close();
}

bool PartFile::open(const QString &path, QString *error)
{
    close();
    m_path = path;
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        *error = systemError(QStringLiteral("cannot open"), path);
        return false;
    }
    m_directFd = openDirect(m_fd);
    m_directRefused = false;
    return true;
}

// The file behind `fd` opened once more, with O_DIRECT; -1 where the file system has none
// (EINVAL: every write is buffered then). Through /proc/self/fd, not the path, and checked to be
// the same inode: were the path replaced meanwhile (another restore to the same name, a
// symlink), direct writes would land in another file while syncs, reads and the final rename
// used this one, and the published file would silently miss those bytes.
int PartFile::openDirect(int fd)
{
    const QByteArray self = "/proc/self/fd/" + QByteArray::number(fd);
    const int direct = ::open(self.constData(), O_WRONLY | O_DIRECT | O_CLOEXEC);
    if (direct < 0)
        return -1;
    struct stat mine;
    struct stat other;
    if (::fstat(fd, &mine) != 0 || ::fstat(direct, &other) != 0 || mine.st_dev != other.st_dev
        || mine.st_ino != other.st_ino) {
        ::close(direct);
        return -1;
    }
    return direct;
}

void PartFile::close()
{
    if (m_directFd >= 0)
        ::close(m_directFd);
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_directFd = -1;
}

qint64 PartFile::size() const
{
    struct stat info;
    return m_fd >= 0 && ::fstat(m_fd, &info) == 0 ? qint64(info.st_size) : -1;
}

qint64 PartFile::allocatedBytes() const
{
    struct stat info;
    return m_fd >= 0 && ::fstat(m_fd, &info) == 0 ? qint64(info.st_blocks) * 512 : 0;
}

qint64 PartFile::modificationTimeNs() const
{
    struct stat info;
    if (m_fd < 0 || ::fstat(m_fd, &info) != 0)
        return -1;
    return qint64(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
}

bool PartFile::resize(qint64 size, QString *error)
{
    if (size > 0) {
        const int result = ::posix_fallocate(m_fd, 0, off_t(size));
        if (result != 0 && result != EOPNOTSUPP && result != EINVAL) {
            errno = result;
            *error = systemError(QStringLiteral("cannot reserve %1 bytes for").arg(size), m_path);
            return false;
        }
    }
    if (this->size() != size && ::ftruncate(m_fd, off_t(size)) != 0) {
        *error = systemError(QStringLiteral("cannot resize"), m_path);
        return false;
    }
    return true;
}

bool PartFile::writesDirectly(qint64 offset, const char *data, qint64 size) const
{
    return m_directFd >= 0 && !m_directRefused.load(std::memory_order_relaxed) && size > 0
           && offset % DirectAlignment == 0 && size % DirectAlignment == 0
           && quintptr(data) % DirectAlignment == 0;
}

bool PartFile::writeAt(qint64 offset, const char *data, qint64 size, QString *error)
{
    if (writesDirectly(offset, data, size)) {
        if (writeDirect(offset, data, size, error))
            return true;
        if (!error->isEmpty())
            return false;
    }
    const std::lock_guard locker(m_writeMutex);
    return writeBuffered(offset, data, size, error);
}

PartFile::TryWrite PartFile::tryWriteAt(qint64 offset, const char *data, qint64 size,
                                        QString *error)
{
    if (writesDirectly(offset, data, size))
        return writeAt(offset, data, size, error) ? TryWrite::Written : TryWrite::Failed;
    std::unique_lock locker(m_writeMutex, std::try_to_lock);
    if (!locker.owns_lock())
        return TryWrite::Busy;
    return writeBuffered(offset, data, size, error) ? TryWrite::Written : TryWrite::Failed;
}

bool PartFile::writeDirect(qint64 &offset, const char *&data, qint64 &size, QString *error)
{
    error->clear();
    while (size > 0) {
        if (!writesDirectly(offset, data, size))
            return false; // a short write left an unaligned rest
        const ssize_t written = ::pwrite(m_directFd, data, size_t(size), off_t(offset));
        if (written < 0 && errno == EINTR)
            continue;
        if (written == 0 || (written < 0 && errno == EINVAL)) {
            // Alignment stricter than ours, or no O_DIRECT after all (0: no progress, which
            // would loop): the rest goes through the page cache, and so does every later write.
            m_directRefused = true;
            return false;
        }
        if (written < 0) {
            *error = systemError(QStringLiteral("cannot write"), m_path);
            return false;
        }
        m_directBytes.fetch_add(written, std::memory_order_relaxed);
        data += written;
        offset += written;
        size -= written;
    }
    return true;
}

bool PartFile::writeBuffered(qint64 offset, const char *data, qint64 size, QString *error)
{
    while (size > 0) {
        const ssize_t written = ::pwrite(m_fd, data, size_t(size), off_t(offset));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            if (written == 0)
                errno = EIO; // no progress: an error, not an endless loop
            *error = systemError(QStringLiteral("cannot write"), m_path);
            return false;
        }
        data += written;
        offset += written;
        size -= written;
    }
    return true;
}

bool PartFile::readAt(qint64 offset, char *data, qint64 size, QString *error) const
{
    while (size > 0) {
        const ssize_t got = ::pread(m_fd, data, size_t(size), off_t(offset));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got == 0)
                errno = EIO;
            *error = systemError(QStringLiteral("cannot read"), m_path);
            return false;
        }
        data += got;
        offset += got;
        size -= got;
    }
    return true;
}

void PartFile::startWriteback(qint64 offset, qint64 size)
{
#ifdef SYNC_FILE_RANGE_WRITE
    ::sync_file_range(m_fd, off_t(offset), off_t(size), SYNC_FILE_RANGE_WRITE);
#else
    Q_UNUSED(offset);
    Q_UNUSED(size);
#endif
}

bool PartFile::syncData(QString *error)
{
    if (::fdatasync(m_fd) != 0) {
        *error = systemError(QStringLiteral("cannot sync"), m_path);
        return false;
    }
    return true;
}

bool PartFile::syncAll(QString *error)
{
    if (::fsync(m_fd) != 0) {
        *error = systemError(QStringLiteral("cannot sync"), m_path);
        return false;
    }
    return true;
}

bool syncDirectory(const QString &directory, QString *error)
{
    const int fd
        = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        *error = systemError(QStringLiteral("cannot open"), directory);
        return false;
    }
    const bool ok = ::fsync(fd) == 0;
    if (!ok)
        *error = systemError(QStringLiteral("cannot sync"), directory);
    ::close(fd);
    return ok;
}

} // namespace thaw::transfer
