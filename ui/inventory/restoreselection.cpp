#include "restoreselection.h"

#include <algorithm>
#include <utility>

namespace thaw::ui {

RestoreCollector::RestoreCollector(InventoryDataSource &source, QObject *parent)
    : QObject(parent)
    , m_source(source)
{}

QStringList RestoreCollector::outermostFolders(const QStringList &folders)
{
    QStringList outermost;
    for (const QString &folder : folders) {
        const bool covered
            = std::any_of(folders.cbegin(), folders.cend(), [&](const QString &other) {
                  return other != folder
                         && (other.isEmpty() || folder.startsWith(other + QLatin1Char('/')));
              });
        if (!covered && !outermost.contains(folder))
            outermost.append(folder);
    }
    return outermost;
}

void RestoreCollector::collect(qint64 inventoryId, const QList<inventory::ArchiveRow> &archives,
                               const QStringList &folders)
{
    m_generation.advance(); // answers to an earlier collection are dropped
    m_inventoryId = inventoryId;
    m_archives.clear();
    m_ids.clear();
    m_bytes = 0;
    m_running = true;
    for (const inventory::ArchiveRow &archive : archives)
        add(archive);
    m_pending = outermostFolders(folders);
    nextFolder();
}

void RestoreCollector::cancel()
{
    m_generation.advance();
    m_running = false;
    m_pending.clear();
    m_archives.clear();
    m_ids.clear();
}

void RestoreCollector::add(const inventory::ArchiveRow &archive)
{
    if (m_ids.contains(archive.archiveId))
        return;
    m_ids.insert(archive.archiveId);
    m_bytes += archive.size;
    m_archives.append(archive);
}

void RestoreCollector::fail(const QString &error)
{
    m_running = false;
    m_pending.clear();
    m_archives.clear();
    m_ids.clear();
    Q_EMIT finished({}, error);
}

void RestoreCollector::nextFolder()
{
    if (m_pending.isEmpty()) {
        m_running = false;
        const QList<inventory::ArchiveRow> archives = std::exchange(m_archives, {});
        m_ids.clear();
        Q_EMIT finished(archives, QString());
        return;
    }
    m_folder = m_pending.takeFirst();
    m_cursor.reset();
    const quint64 generation = m_generation.current();
    // Subfolders go first in the queue, in their (name) order: the files come folder by folder,
    // depth first, as the tree shows them.
    m_source.subfolders(m_inventoryId, m_folder, m_generation, this,
                        [this, generation](Fetched<QList<inventory::FolderEntry>> folders) {
                            if (!m_generation.isCurrent(generation))
                                return;
                            if (!folders.ok()) {
                                fail(folders.error);
                                return;
                            }
                            QStringList paths;
                            for (const inventory::FolderEntry &entry :
                                 std::as_const(*folders.value))
                                paths.append(entry.path);
                            m_pending = paths + m_pending;
                            requestPage();
                        });
}

void RestoreCollector::requestPage()
{
    const quint64 generation = m_generation.current();
    m_source.folderFiles(m_inventoryId, m_folder, m_cursor, PageSize, m_generation, this,
                         [this, generation](Fetched<inventory::FolderFiles> files) {
                             if (!m_generation.isCurrent(generation))
                                 return;
                             if (!files.ok()) {
                                 fail(files.error);
                                 return;
                             }
                             for (const inventory::ArchiveRow &archive :
                                  std::as_const(files.value->rows))
                                 add(archive);
                             Q_EMIT progress(m_archives.size(), m_bytes);
                             if (files.value->rows.size() < PageSize) {
                                 nextFolder();
                                 return;
                             }
                             m_cursor = files.value->next;
                             requestPage();
                         });
}

} // namespace thaw::ui
