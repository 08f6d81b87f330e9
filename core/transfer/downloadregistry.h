#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace thaw::transfer {

// One unfinished download as the GUI remembers it across restarts: which account, region,
// vault and job, where it writes, and how. `waitingForJob` marks a job that was initiated but
// has not succeeded yet: its download starts once it does.
struct RegisteredDownload
{
    QString id; // stable, unique in the registry (a UUID)
    QString account;
    QString region;
    QString vault;
    QString jobId;
    QString outputPath;
    QString label;           // what the user saw: the decoded name or the job's description
    qint64 totalBytes = 0;   // 0: not known yet
    qint64 chunkSizeMiB = 0; // DownloadOptions::chunkSizeMiB
    int parallel = 4;
    qint64 limitRate = 0;
    bool paused = false;
    bool waitingForJob = false;
    QDateTime added;

    friend bool operator==(const RegisteredDownload &, const RegisteredDownload &) = default;
};

// The unfinished downloads of the desktop application, in one JSON file (by default
// downloads.json under QStandardPaths::AppDataLocation). A save rewrites the whole file
// crash-safely: QSaveFile into a temporary beside it, fsync, atomic rename, directory fsync —
// after a crash the file holds either the old list or the new one, never a mix.
//
// A save costs the whole list and two fsyncs, so a caller making many changes in a row (the
// GUI queueing thousands of restores) uses set()/erase(), which only change the list in memory
// and mark it dirty, and flush()es once later; put()/remove() save at once.
//
// A file that cannot be parsed is not overwritten: load() reports it and moves it aside to
// `<path>.corrupt` (replacing an older one) so the next save starts clean and nothing the user
// might want to inspect is lost. Entries with missing fields are skipped and counted.
class DownloadRegistry final
{
public:
    explicit DownloadRegistry(QString path);

    static QString defaultPath(); // <AppDataLocation>/downloads.json

    const QString &path() const { return m_path; }

    // Reads the file; an absent file is an empty registry. False with *error when unreadable or
    // malformed (the entries are then empty and the file moved aside).
    bool load(QString *error);
    int skippedOnLoad() const { return m_skipped; }

    const QList<RegisteredDownload> &entries() const { return m_entries; }
    std::optional<RegisteredDownload> entry(const QString &id) const;

    // Adds or replaces the entry with the same id, then saves. On a failed save the registry
    // in memory is unchanged and *error says why.
    bool put(const RegisteredDownload &download, QString *error);
    bool remove(const QString &id, QString *error);

    // Adds or replaces (set) or removes (erase) an entry in memory only; flush() saves.
    void set(const RegisteredDownload &download);
    void erase(const QString &id);
    bool isDirty() const { return m_dirty; }
    // Saves when something changed since the last save. On failure the registry stays dirty (a
    // later flush tries again) and *error says why.
    bool flush(QString *error);
    // How many times the file was written since construction, for tests.
    int saveCount() const { return m_saveCount; }

    // For a caller that saves on another thread (the GUI): the list as it is now, which it
    // hands to writeFile() there, and the registry marked saved. Cheap: the list is shared
    // until the next change. markDirty() when that save failed, so that flush() tries again.
    QList<RegisteredDownload> takeSnapshot();
    void markDirty() { m_dirty = true; }
    // Writes `entries` to `path` as a save does (crash-safe, see above). Touches no registry,
    // so it may run on any thread.
    static bool writeFile(const QString &path, const QList<RegisteredDownload> &entries,
                          QString *error);

    // The JSON form, exposed for tests.
    static QByteArray toJson(const QList<RegisteredDownload> &entries);
    static std::optional<QList<RegisteredDownload>> fromJson(const QByteArray &json, int *skipped,
                                                             QString *error);

private:
    bool save(const QList<RegisteredDownload> &entries, QString *error);
    void reindexFrom(qsizetype first);

    QString m_path;
    QList<RegisteredDownload> m_entries;
    QHash<QString, qsizetype> m_index; // id → position in m_entries
    int m_skipped = 0;
    int m_saveCount = 0;
    bool m_dirty = false;
};

} // namespace thaw::transfer
