#pragma once

#include "inventorydatasource.h"

#include "core/inventory/inventorytypes.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <optional>

namespace thaw::ui {

// What a Restore… selection stands for: the archives picked one by one plus every archive
// anywhere under the picked folders of the folder tree. A folder may hold a million archives,
// so they are read from the cache in pages (subfolders first, then each folder's own files; each
// page starts where the last ended, by a name-and-row cursor, not by an offset) on
// the data source's worker thread; the UI thread only appends each page. An archive inside a
// picked folder that was also picked itself, or under two nested picked folders, counts once.
class RestoreCollector final : public QObject
{
    Q_OBJECT

public:
    static constexpr int PageSize = 5000;

    explicit RestoreCollector(InventoryDataSource &source, QObject *parent = nullptr);

    // Starts over (a collection under way is dropped). `folders`: folder paths as the folder
    // tree gives them ("a/b", no slash at either end).
    void collect(qint64 inventoryId, const QList<inventory::ArchiveRow> &archives,
                 const QStringList &folders);
    void cancel(); // no finished() follows
    bool isRunning() const { return m_running; }

    // The folders of `folders` that no other of them contains ("a" covers "a/b").
    static QStringList outermostFolders(const QStringList &folders);

Q_SIGNALS:
    void progress(qint64 archives, qint64 totalBytes);
    // Every archive of the selection, in the order picked and then folder by folder; error
    // non-empty (and archives empty) when the cache could not be read.
    void finished(const QList<thaw::inventory::ArchiveRow> &archives, const QString &error);

private:
    void add(const inventory::ArchiveRow &archive);
    void nextFolder();
    void requestPage();
    void fail(const QString &error);

    InventoryDataSource &m_source;
    QueryGeneration m_generation;
    qint64 m_inventoryId = 0;
    QStringList m_pending; // folders still to read, the next first
    QString m_folder;      // the folder whose files are being paged
    std::optional<inventory::FolderCursor> m_cursor; // where its next page starts
    QList<inventory::ArchiveRow> m_archives;
    QSet<QString> m_ids;
    qint64 m_bytes = 0;
    bool m_running = false;
};

} // namespace thaw::ui
