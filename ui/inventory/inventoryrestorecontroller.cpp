#include "inventoryrestorecontroller.h"

#include "restoredialog.h"
#include "restoreselection.h"

#include "core/inventory/pathsanitizer.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QWidget>

namespace thaw::ui {

namespace {

// The file system a folder is on (its mount point), to tell when a destination was unmounted:
// the empty mount point left behind is on another one.
QString mountOf(const QString &folder)
{
    const QStorageInfo storage(folder);
    return storage.isValid() ? storage.rootPath() + u'\n' + QString::fromLocal8Bit(storage.device())
                             : QString();
}

// Creates the folders the plan put `outPath` in (an archive named "photos/2019/a.jpg" goes to
// <destination>/photos/2019/): the download engine opens its file in an existing folder. Only
// inside the destination, and only while the destination exists on the file system it was on
// when the restore was accepted (`mount`): the mount point of an unplugged drive, left empty on
// the system disk, is not filled with folders; the path is checked against symlinks again, as
// the plan checked it. Returns why not, or an empty string.
QString createFoldersOf(const QString &destination, const QString &mount, const QString &outPath)
{
    const QString base = QFileInfo(destination).canonicalFilePath();
    if (base.isEmpty())
        return InventoryRestoreController::tr("%1 no longer exists").arg(destination);
    if (mountOf(base) != mount)
        return InventoryRestoreController::tr("%1 is no longer on the drive it was on "
                                              "(unmounted?)")
            .arg(destination);
    const QString prefix = base.endsWith(u'/') ? base : base + u'/';
    if (!outPath.startsWith(prefix))
        return InventoryRestoreController::tr("%1 is not inside %2").arg(outPath, base);
    const QString folder = QFileInfo(outPath).absolutePath();
    if (folder == base || folder.size() < prefix.size())
        return {}; // the file goes right into the destination
    inventory::SanitizedPath relative;
    relative.relativePath = folder.mid(prefix.size());
    const auto resolved = inventory::resolveUnder(base, relative);
    if (!resolved.ok())
        return resolved.error().message();
    if (!QDir().mkpath(resolved.value()))
        return InventoryRestoreController::tr("cannot create %1").arg(resolved.value());
    return {};
}

// Where the Restore dialog points first: the Downloads folder, or the home folder where there
// is none (a fresh account often has no ~/Downloads, and the dialog accepts only an existing
// folder).
QString defaultRestoreFolder()
{
    const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    return !downloads.isEmpty() && QFileInfo(downloads).isDir() ? downloads : QDir::homePath();
}

} // namespace

InventoryRestoreController::InventoryRestoreController(ClientProvider &clients,
                                                       InventoryDataSource &source,
                                                       QueueDownload queueDownload,
                                                       QWidget *dialogParent)
    : QObject(dialogParent)
    , m_dialogParent(dialogParent)
    , m_restoreFolder(defaultRestoreFolder())
    , m_queueDownload(std::move(queueDownload))
    , m_starter(new RestoreStarter(
          clients,
          [this](const VaultRef &vault, const QString &jobId, const QString &outPath) {
              queue(vault, jobId, outPath);
          },
          this))
    , m_collector(new RestoreCollector(source, this))
{
    connect(m_collector, &RestoreCollector::progress, this, [this](qint64 archives, qint64 bytes) {
        Q_EMIT statusChanged(
            tr("Collecting the selected folders' archives: %1 so far, %2…")
                .arg(QLocale().toString(archives), QLocale().formattedDataSize(bytes)));
    });
    connect(m_starter, &RestoreStarter::jobFailed, this,
            [this](const QString &archiveId, const QString &message) {
                Q_EMIT errorOccurred(
                    tr("The retrieval of %1 could not start: %2").arg(archiveId, message));
            });
    connect(m_starter, &RestoreStarter::finished, this, [this](int started, int failed) {
        if (failed == 0)
            Q_EMIT statusChanged(started == 1
                                     ? tr("1 retrieval job started; its download is queued.")
                                     : tr("%1 retrieval jobs started; their downloads are "
                                          "queued.")
                                           .arg(started));
        Q_EMIT busyChanged();
        Q_EMIT restoreStarted(started, failed);
    });
}

InventoryRestoreController::~InventoryRestoreController() = default;

bool InventoryRestoreController::isCollecting() const
{
    return m_collector->isRunning();
}

bool InventoryRestoreController::isStarting() const
{
    return m_starter->isRunning();
}

void InventoryRestoreController::setInventory(const VaultRef &vault, qint64 inventoryId)
{
    if (vault != m_vault || inventoryId != m_inventoryId)
        cancelCollection();
    m_vault = vault;
    m_inventoryId = inventoryId;
}

// No cap on the number of archives: Glacier documents none for Initiate Job (throttling is
// retried by GlacierClient), the archives of a folder are read in pages off the UI thread, and
// the dialog plans large restores on a worker thread. The dialog says how many requests it
// will make.
void InventoryRestoreController::restore(const QList<inventory::ArchiveRow> &archives,
                                         const QStringList &folders)
{
    if (isBusy() || m_vault.isEmpty())
        return;
    if (folders.isEmpty()) {
        if (!archives.isEmpty())
            openDialog(archives);
        return;
    }
    const qint64 inventoryId = m_inventoryId;
    Q_EMIT statusChanged(tr("Collecting the selected folders' archives…"));
    // Ends with finished(), once, unless cancelCollection() disconnects it first.
    m_collected = connect(
        m_collector, &RestoreCollector::finished, this,
        [this, inventoryId](const QList<inventory::ArchiveRow> &found, const QString &error) {
            m_collected = {};
            Q_EMIT busyChanged();
            if (inventoryId != m_inventoryId)
                return; // another inventory is shown now
            if (!error.isEmpty()) {
                Q_EMIT errorOccurred(
                    tr("The selected folders' archives could not be read: %1").arg(error));
                return;
            }
            if (found.isEmpty()) {
                Q_EMIT statusChanged(tr("The selected folders hold no archives."));
                return;
            }
            qint64 bytes = 0;
            for (const inventory::ArchiveRow &archive : found)
                bytes += archive.size;
            const QString size = QLocale().formattedDataSize(bytes);
            Q_EMIT statusChanged(
                found.size() == 1
                    ? tr("The selection holds 1 archive, %1.").arg(size)
                    : tr("The selection holds %1 archives, %2.")
                          .arg(QLocale().toString(qint64(found.size())), size));
            openDialog(found);
        },
        Qt::SingleShotConnection);
    m_collector->collect(inventoryId, archives, folders);
    Q_EMIT busyChanged();
}

void InventoryRestoreController::cancelCollection()
{
    if (!m_collector->isRunning())
        return;
    // Drops what was collected, and frees the data source's worker for the new inventory's
    // queries and Restore… at once.
    m_collector->cancel();
    disconnect(m_collected);
    m_collected = {};
    Q_EMIT statusChanged(QString());
    Q_EMIT busyChanged();
}

void InventoryRestoreController::openDialog(const QList<inventory::ArchiveRow> &archives)
{
    auto *dialog = new RestoreDialog(archives, m_restoreFolder, m_dialogParent);
    dialog->setObjectName(QStringLiteral("restoreDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_restoreFolder = dialog->destination();
        m_startedInto = m_restoreFolder;
        m_startedMount = mountOf(m_restoreFolder);
        const QList<RestoreItem> &items = dialog->plan().items;
        Q_EMIT statusChanged(
            tr("Starting %1 retrieval jobs…").arg(QLocale().toString(qint64(items.size()))));
        m_starter->start(m_vault, items, dialog->tier(), dialog->range());
        Q_EMIT busyChanged();
    });
    dialog->open();
}

// A job Glacier accepted: its folder is made now, while the destination is known to be there,
// not when the download starts hours later.
void InventoryRestoreController::queue(const VaultRef &vault, const QString &jobId,
                                       const QString &outPath)
{
    const QString problem = createFoldersOf(m_startedInto, m_startedMount, outPath);
    if (!problem.isEmpty()) {
        // Queued all the same: the job is paid for, and once the folder is there Resume in
        // Transfers fetches it.
        Q_EMIT errorOccurred(tr("The folder of %1 could not be created: %2")
                                 .arg(QDir::toNativeSeparators(outPath), problem));
    }
    m_queueDownload(vault, jobId, outPath);
}

} // namespace thaw::ui
