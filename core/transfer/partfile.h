#pragma once

#include <QString>
#include <QtGlobal>

namespace thaw::transfer {

// The `<name>.part` file a download writes into: positional writes (pwrite) from any chunk,
// preallocation, and the syncs the journal relies on. Errors come back as false with *error.
// Reads, writes and syncs may run on several threads at once; open(), resize() and close() not.
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
    bool writeAt(qint64 offset, const char *data, qint64 size, QString *error);
    bool readAt(qint64 offset, char *data, qint64 size, QString *error) const;
    // sync_file_range(SYNC_FILE_RANGE_WRITE): starts writing those bytes back without waiting,
    // so that a later syncData() has little left to do. Only a hint: errors are ignored.
    void startWriteback(qint64 offset, qint64 size);
    bool syncData(QString *error); // fdatasync: written bytes are durable
    bool syncAll(QString *error);  // fsync, before the final rename

private:
    QString m_path;
    int m_fd = -1;
};

// fsync() of a directory, so that a rename or an unlink in it is durable.
bool syncDirectory(const QString &directory, QString *error);

} // namespace thaw::transfer
