#pragma once

#include <QString>
#include <QtGlobal>

#include <atomic>
#include <mutex>

namespace thaw::transfer {

// The `<name>.part` file a download writes into: positional writes (pwrite) from any chunk,
// preallocation, and the syncs the journal relies on. Errors come back as false with *error.
// Reads, writes and syncs may run on several threads at once; open(), resize() and close() not.
//
// A write whose memory, offset and length are all multiples of DirectAlignment goes around the
// page cache (O_DIRECT) where the file system allows it: the device reads the caller's buffer
// itself, so a restore of many gigabytes neither pays a CPU copy per byte into the page cache
// nor evicts the rest of the machine's cache, and the fdatasync after each chunk finds little
// to do. Any other write (a file's unaligned tail, odd pieces), and every write on a file system
// without O_DIRECT (or that refuses one with EINVAL), goes through the page cache as usual.
// Reads always use the page cache; the kernel keeps both views coherent.
class PartFile final
{
public:
    PartFile() = default;
    ~PartFile();
    PartFile(const PartFile &) = delete;
    PartFile &operator=(const PartFile &) = delete;

    bool open(const QString &path, QString *error); // created when missing, never truncated
    void close();
    bool isOpen() const { return m_fd >= 0; }
    const QString &path() const { return m_path; }

    qint64 size() const;           // -1 when unknown
    qint64 allocatedBytes() const; // blocks on disk, for the free-space check
    qint64 modificationTimeNs() const;

    // Makes the file exactly `size` bytes, reserving the blocks with posix_fallocate where the
    // file system can (so a full disk shows now, not mid-download), ftruncate otherwise.
    bool resize(qint64 size, QString *error);
    static constexpr qint64 DirectAlignment = 4096;

    // Whether writeAt(offset, data, size) would bypass the page cache.
    bool writesDirectly(qint64 offset, const char *data, qint64 size) const;
    // Bytes written around the page cache so far (for tests and diagnostics).
    qint64 directBytesWritten() const { return m_directBytes.load(std::memory_order_relaxed); }

    // Buffered writes are one at a time: a buffered write holds the file's inode lock in the kernel
    // (ext4, XFS, btrfs), where a second writer spins on it and burns the CPU another stream
    // needs for hashing. writeAt() waits its turn (asleep); tryWriteAt() writes only when no
    // other write is running and otherwise answers Busy at once, so the caller can do other work.
    // Direct writes (which wait for the device, asleep) never wait for each other.
    bool writeAt(qint64 offset, const char *data, qint64 size, QString *error);
    enum class TryWrite { Written, Busy, Failed };
    TryWrite tryWriteAt(qint64 offset, const char *data, qint64 size, QString *error);
    bool readAt(qint64 offset, char *data, qint64 size, QString *error) const;
    // sync_file_range(SYNC_FILE_RANGE_WRITE): starts writing those bytes back without waiting,
    // so that a later syncData() has little left to do. Only a hint: errors are ignored.
    void startWriteback(qint64 offset, qint64 size);
    bool syncData(QString *error); // fdatasync: written bytes are durable
    bool syncAll(QString *error);  // fsync, before the final rename

private:
    static int openDirect(int fd);
    bool writeBuffered(qint64 offset, const char *data, qint64 size, QString *error);
    // false with *error on a failure; false with an empty *error when the file system refused
    // O_DIRECT (the bytes not yet written are then for writeBuffered()).
    bool writeDirect(qint64 &offset, const char *&data, qint64 &size, QString *error);

    QString m_path;
    int m_directFd = -1; // the same file opened with O_DIRECT, -1 without
    std::atomic<bool> m_directRefused = false;
    std::atomic<qint64> m_directBytes = 0;
    std::mutex m_writeMutex;
    int m_fd = -1;
};

// fsync() of a directory, so that a rename or an unlink in it is durable.
bool syncDirectory(const QString &directory, QString *error);

} // namespace thaw::transfer
