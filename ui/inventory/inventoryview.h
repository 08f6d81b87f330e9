#pragma once

#include "restorestarter.h" // QueueDownload

#include "core/inventory/inventoryexporter.h"
#include "ui/vaultref.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QToolButton;
class QTreeView;
QT_END_NAMESPACE

namespace thaw::ui {

class ArchiveTableModel;
class ClientProvider;
class ExportRunner;
class FolderTreeModel;
class InventoryDataSource;
class InventoryListModel;
class InventoryRestoreController;
class TransferManager;

// The Inventory tab: the selected vault's cached inventories (newest first), the archives of
// the chosen one as a list (search, sort) or as a folder tree of decoded paths, and the actions
// Restore…, Request inventory… and Export. The archives are read from the SQLite cache in
// pages on a worker thread, so a million rows stay instant. What Restore… does with the
// selection is the InventoryRestoreController's; this class is the layout and its wiring.
class InventoryView final : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { List, Folders };

    // cachePath: the inventory cache (inventory::defaultCachePath() in the app). Restores are
    // handed to transfers.queueWhenReady.
    InventoryView(ClientProvider &clients, TransferManager &transfers, QString cachePath,
                  QWidget *parent = nullptr);
    // The same with any receiver for the jobs a restore starts (tests, tools).
    InventoryView(ClientProvider &clients, QueueDownload queueDownload, QString cachePath,
                  QWidget *parent = nullptr);
    ~InventoryView() override;

    void setVault(const VaultRef &vault);
    const VaultRef &vault() const { return m_vault; }
    void focusSearch();
    // Reads the list of cached inventories again (after an import).
    void reloadInventories();

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    // Opens the Restore dialog for the selected archives (the Restore… button). In folder mode
    // a selected folder stands for every archive under it: they are read from the cache in
    // pages first (the status line counts them), then the dialog opens.
    void restoreSelected();
    bool isCollectingRestore() const;
    // Opens the Request inventory dialog (the Request inventory… button).
    void requestInventory();
    // Exports the shown inventory to `path` with the inline progress bar (Export… asks for the
    // file first).
    void exportTo(const QString &path, inventory::ExportFormat format);
    void cancelExport();

    // The default folder the Restore dialog proposes.
    void setRestoreFolder(const QString &folder);

    // For tests and the benchmark.
    ArchiveTableModel *archiveModel() const { return m_archives; }
    FolderTreeModel *folderModel() const { return m_folders; }
    InventoryListModel *inventoryModel() const { return m_inventories; }
    InventoryRestoreController *restoreController() const { return m_restore; }
    QTreeView *listView() const { return m_listView; }
    QTreeView *folderView() const { return m_folderView; }
    qint64 currentInventoryId() const { return m_inventoryId; }

Q_SIGNALS:
    // A restore's Initiate Job calls are done.
    void restoreStarted(int jobsStarted, int jobsFailed);
    void inventoryRequested(const QString &jobId);
    void exportFinished(bool ok, const QString &message);
    // Something failed that the user should read (also shown in the view).
    void errorOccurred(const QString &message);

private:
    void chooseInventory(int row);
    void showStatus();
    void showError(const QString &message);
    void updateActions();
    // The archives selected one by one, and in folder mode the selected folders' paths.
    QList<inventory::ArchiveRow> selectedArchives(QStringList *folders, QString *problem) const;
    void startExportDialog(inventory::ExportFormat format);

    ClientProvider &m_clients;
    QString m_cachePath;
    VaultRef m_vault;
    Mode m_mode = Mode::List;
    qint64 m_inventoryId = 0;

    InventoryDataSource *m_source = nullptr;
    InventoryListModel *m_inventories = nullptr;
    ArchiveTableModel *m_archives = nullptr;
    FolderTreeModel *m_folders = nullptr;
    InventoryRestoreController *m_restore = nullptr;
    ExportRunner *m_exporter = nullptr;

    QComboBox *m_inventoryCombo = nullptr;
    QLineEdit *m_search = nullptr;
    QToolButton *m_listButton = nullptr;
    QToolButton *m_folderButton = nullptr;
    QPushButton *m_restoreButton = nullptr;
    QPushButton *m_requestButton = nullptr;
    QToolButton *m_exportButton = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTreeView *m_listView = nullptr;
    QTreeView *m_folderView = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_exportProgress = nullptr;
    QPushButton *m_exportCancel = nullptr;
    QString m_lastError;
    bool m_reloadingInventories = false;
};

} // namespace thaw::ui
