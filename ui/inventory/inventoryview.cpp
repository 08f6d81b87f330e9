#include "inventoryview.h"

#include "archivetablemodel.h"
#include "cacheinventorystore.h"
#include "exportrunner.h"
#include "foldertreemodel.h"
#include "inventorydatasource.h"
#include "inventorylistmodel.h"
#include "inventoryrequestdialog.h"
#include "inventoryrestorecontroller.h"

#include "core/glacier/glacierclient.h"
#include "ui/clientprovider.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace thaw::ui {

namespace {

enum StackPage { ListPage, FolderPage, EmptyPage };

QTreeView *makeTree(QWidget *parent, const QString &name)
{
    auto *view = new QTreeView(parent);
    view->setObjectName(name);
    view->setUniformRowHeights(true); // lets the view skip measuring a million rows
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setAllColumnsShowFocus(true);
    return view;
}

} // namespace

InventoryView::InventoryView(ClientProvider &clients, QueueDownload queueDownload,
                             QString cachePath, QWidget *parent)
    : QWidget(parent)
    , m_clients(clients)
    , m_cachePath(std::move(cachePath))
{
    m_source = new InventoryDataSource(CacheInventoryStore::factory(m_cachePath), this);
    m_inventories = new InventoryListModel(*m_source, this);
    m_archives = new ArchiveTableModel(*m_source, this);
    m_folders = new FolderTreeModel(*m_source, this);
    m_restore = new InventoryRestoreController(clients, *m_source, std::move(queueDownload), this);
    m_exporter = new ExportRunner(m_cachePath, this);

    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_inventoryCombo = new QComboBox(this);
    m_inventoryCombo->setObjectName(QStringLiteral("inventoryCombo"));
    m_inventoryCombo->setModel(m_inventories);
    m_inventoryCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_inventoryCombo->setToolTip(tr("The cached inventories of this vault, newest first"));
    bar->addWidget(m_inventoryCombo);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Search names, descriptions and archive ids (Ctrl+F)"));
    bar->addWidget(m_search, 1);

    m_listButton = new QToolButton(this);
    m_listButton->setObjectName(QStringLiteral("listModeButton"));
    m_listButton->setText(tr("List"));
    m_listButton->setCheckable(true);
    m_listButton->setChecked(true);
    m_folderButton = new QToolButton(this);
    m_folderButton->setObjectName(QStringLiteral("folderModeButton"));
    m_folderButton->setText(tr("Folders"));
    m_folderButton->setCheckable(true);
    bar->addWidget(m_listButton);
    bar->addWidget(m_folderButton);

    m_restoreButton = new QPushButton(tr("&Restore…"), this);
    m_restoreButton->setObjectName(QStringLiteral("restoreButton"));
    m_requestButton = new QPushButton(tr("Request &inventory…"), this);
    m_requestButton->setObjectName(QStringLiteral("requestButton"));
    m_exportButton = new QToolButton(this);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setText(tr("&Export"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_exportButton);
    exportMenu->addAction(tr("As &CSV…"), this,
                          [this] { startExportDialog(inventory::ExportFormat::Csv); });
    exportMenu->addAction(tr("As &JSON…"), this,
                          [this] { startExportDialog(inventory::ExportFormat::Json); });
    m_exportButton->setMenu(exportMenu);
    bar->addWidget(m_restoreButton);
    bar->addWidget(m_requestButton);
    bar->addWidget(m_exportButton);
    layout->addLayout(bar);

    m_stack = new QStackedWidget(this);
    m_listView = makeTree(m_stack, QStringLiteral("archiveList"));
    m_listView->setRootIsDecorated(false);
    m_listView->setModel(m_archives);
    m_listView->setSortingEnabled(true);
    m_listView->sortByColumn(ArchiveTableModel::Name, Qt::AscendingOrder);
    m_listView->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_listView->setColumnWidth(ArchiveTableModel::Name, 360);
    m_listView->setColumnWidth(ArchiveTableModel::Size, 90);
    m_listView->setColumnWidth(ArchiveTableModel::Created, 140);
    m_listView->setColumnWidth(ArchiveTableModel::Modified, 140);
    m_folderView = makeTree(m_stack, QStringLiteral("folderTree"));
    m_folderView->setModel(m_folders);
    m_folderView->setColumnWidth(FolderTreeModel::Name, 360);
    m_emptyLabel = new QLabel(m_stack);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_stack->addWidget(m_listView);
    m_stack->addWidget(m_folderView);
    m_stack->addWidget(m_emptyLabel);
    layout->addWidget(m_stack, 1);

    auto *statusRow = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setTextFormat(Qt::PlainText);
    m_exportProgress = new QProgressBar(this);
    m_exportProgress->setObjectName(QStringLiteral("exportProgress"));
    m_exportProgress->setFormat(tr("Exporting… %p%"));
    m_exportProgress->hide();
    m_exportCancel = new QPushButton(tr("Cancel export"), this);
    m_exportCancel->setObjectName(QStringLiteral("exportCancel"));
    m_exportCancel->hide();
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_exportProgress);
    statusRow->addWidget(m_exportCancel);
    layout->addLayout(statusRow);

    auto *findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(findAction);
    connect(findAction, &QAction::triggered, this, &InventoryView::focusSearch);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (!text.isEmpty() && m_mode == Mode::Folders)
            setMode(Mode::List); // the search lists matches from every folder
        m_archives->setFilter(text);
    });
    connect(m_listButton, &QToolButton::clicked, this, [this] { setMode(Mode::List); });
    connect(m_folderButton, &QToolButton::clicked, this, [this] { setMode(Mode::Folders); });
    connect(m_inventoryCombo, &QComboBox::currentIndexChanged, this, [this](int row) {
        if (!m_reloadingInventories) // a reload keeps the inventory shown when it is still there
            chooseInventory(row);
    });
    connect(m_inventories, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_reloadingInventories = true; });
    connect(m_inventories, &InventoryListModel::loaded, this, [this] {
        m_reloadingInventories = false;
        const int row = m_inventories->rowOf(m_inventoryId);
        const int wanted = row >= 0 ? row : (m_inventories->rowCount() > 0 ? 0 : -1);
        m_inventoryCombo->setCurrentIndex(wanted);
        chooseInventory(wanted); // also when the index did not change
    });
    connect(m_restoreButton, &QPushButton::clicked, this, &InventoryView::restoreSelected);
    connect(m_requestButton, &QPushButton::clicked, this, &InventoryView::requestInventory);
    connect(m_exportCancel, &QPushButton::clicked, this, &InventoryView::cancelExport);
    connect(m_listView, &QTreeView::activated, this, [this] { restoreSelected(); });

    connect(m_archives, &ArchiveTableModel::countKnownChanged, this, &InventoryView::showStatus);
    connect(m_archives, &ArchiveTableModel::queryShown, this, &InventoryView::showStatus);
    connect(m_listView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InventoryView::updateActions);
    connect(m_folderView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InventoryView::updateActions);
    connect(m_archives, &ArchiveTableModel::modelReset, this, &InventoryView::updateActions);
    connect(m_folders, &FolderTreeModel::modelReset, this, &InventoryView::updateActions);
    connect(m_archives, &ArchiveTableModel::errorOccurred, this, &InventoryView::showError);
    connect(m_folders, &FolderTreeModel::errorOccurred, this, &InventoryView::showError);
    connect(m_inventories, &InventoryListModel::errorOccurred, this, &InventoryView::showError);

    connect(m_restore, &InventoryRestoreController::statusChanged, this,
            [this](const QString &text) {
                if (!text.isEmpty())
                    m_lastError.clear(); // news about the restore replace an older error
                m_status->setText(text);
            });
    connect(m_restore, &InventoryRestoreController::errorOccurred, this,
            &InventoryView::showError);
    connect(m_restore, &InventoryRestoreController::busyChanged, this,
            &InventoryView::updateActions);
    connect(m_restore, &InventoryRestoreController::restoreStarted, this,
            &InventoryView::restoreStarted);
    connect(m_exporter, &ExportRunner::progress, this, [this](qint64 done, qint64 total) {
        m_exportProgress->setMaximum(1000);
        m_exportProgress->setValue(total > 0 ? int(done * 1000 / total) : 0);
    });
    connect(m_exporter, &ExportRunner::finished, this,
            [this](bool ok, qint64 rows, const QString &error) {
                m_exportProgress->hide();
                m_exportCancel->hide();
                updateActions();
                const QString message = ok ? tr("%1 archives exported.").arg(QLocale().toString(rows))
                                           : tr("The export failed: %1").arg(error);
                if (ok)
                    m_status->setText(message);
                else
                    showError(message);
                Q_EMIT exportFinished(ok, message);
            });

    setMode(Mode::List);
    setVault({});
}

InventoryView::~InventoryView() = default;

void InventoryView::setVault(const VaultRef &vault)
{
    const bool sameVault = vault == m_vault;
    m_vault = vault;
    if (!sameVault) {
        m_inventoryId = 0;
        m_restore->setInventory(m_vault, 0);
    }
    m_lastError.clear();
    m_inventories->setVault(vault); // chooseInventory() follows when the list has arrived
}

void InventoryView::reloadInventories()
{
    m_inventories->reload();
}

void InventoryView::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void InventoryView::chooseInventory(int row)
{
    const qint64 id = row >= 0 && row < m_inventories->rowCount() ? m_inventories->at(row).id : 0;
    if (id != m_inventoryId || id == 0) {
        m_restore->setInventory(m_vault, id); // drops a collection for another inventory
        m_inventoryId = id;
        m_archives->setInventory(id);
        m_folders->setInventory(id);
    }
    if (id == 0) {
        m_emptyLabel->setText(
            m_vault.isEmpty()
                ? tr("Choose a vault to see its archives.")
                : tr("No inventory of %1 is cached yet.\n\nRequest one with Request "
                     "inventory…; once its job has succeeded, its download adds it here.")
                      .arg(m_vault.vault));
        m_stack->setCurrentIndex(EmptyPage);
    } else {
        m_stack->setCurrentIndex(m_mode == Mode::List ? ListPage : FolderPage);
    }
    showStatus();
    updateActions();
}

void InventoryView::setMode(Mode mode)
{
    m_mode = mode;
    m_listButton->setChecked(mode == Mode::List);
    m_folderButton->setChecked(mode == Mode::Folders);
    if (m_inventoryId != 0)
        m_stack->setCurrentIndex(mode == Mode::List ? ListPage : FolderPage);
    updateActions();
}

void InventoryView::showStatus()
{
    if (!m_lastError.isEmpty())
        return;
    if (m_inventoryId == 0) {
        m_status->setText(m_vault.isEmpty() ? QString() : tr("No cached inventory."));
        return;
    }
    const int row = m_inventories->rowOf(m_inventoryId);
    const qint64 total = row >= 0 ? m_inventories->at(row).archiveCount : 0;
    const QLocale locale;
    if (!m_archives->isCountKnown()) {
        m_status->setText(tr("Counting matches among %1 archives…").arg(locale.toString(total)));
    } else if (m_archives->query().filter.isEmpty()) {
        m_status->setText(tr("%1 archives").arg(locale.toString(total)));
    } else {
        m_status->setText(tr("%1 of %2 archives match")
                              .arg(locale.toString(m_archives->rowCount()), locale.toString(total)));
    }
}

void InventoryView::showError(const QString &message)
{
    m_lastError = message;
    m_status->setText(message);
    Q_EMIT errorOccurred(message);
}

void InventoryView::updateActions()
{
    const bool haveInventory = m_inventoryId != 0;
    QTreeView *view = m_mode == Mode::List ? m_listView : m_folderView;
    const bool selected = view->selectionModel() && view->selectionModel()->hasSelection();
    m_restoreButton->setEnabled(haveInventory && selected && !m_restore->isBusy());
    m_requestButton->setEnabled(!m_vault.isEmpty());
    m_exportButton->setEnabled(haveInventory && !m_exporter->isRunning());
    m_search->setEnabled(haveInventory);
}

QList<inventory::ArchiveRow> InventoryView::selectedArchives(QStringList *folders,
                                                             QString *problem) const
{
    QList<inventory::ArchiveRow> archives;
    if (m_mode == Mode::List) {
        const QModelIndexList rows = m_listView->selectionModel()->selectedRows();
        for (const QModelIndex &index : rows) {
            if (const auto archive = m_archives->archiveAt(index.row()))
                archives.append(*archive);
            else
                *problem = tr("Some selected rows are still loading; try again in a moment.");
        }
        if (!problem->isEmpty())
            return {};
    } else {
        const QModelIndexList rows = m_folderView->selectionModel()->selectedRows();
        for (const QModelIndex &index : rows) {
            if (index.data(FolderTreeModel::IsFolderRole).toBool())
                folders->append(index.data(FolderTreeModel::PathRole).toString());
            else if (const auto archive = m_folders->archiveAt(index))
                archives.append(*archive);
        }
    }
    return archives;
}

bool InventoryView::isCollectingRestore() const
{
    return m_restore->isCollecting();
}

void InventoryView::setRestoreFolder(const QString &folder)
{
    m_restore->setRestoreFolder(folder);
}

void InventoryView::restoreSelected()
{
    if (m_restore->isBusy() || m_vault.isEmpty())
        return;
    QString problem;
    QStringList folders;
    const QList<inventory::ArchiveRow> archives = selectedArchives(&folders, &problem);
    if (!problem.isEmpty()) {
        showError(problem);
        return;
    }
    m_restore->restore(archives, folders);
}

void InventoryView::requestInventory()
{
    if (m_vault.isEmpty())
        return;
    auto *dialog = new InventoryRequestDialog(this);
    dialog->setObjectName(QStringLiteral("inventoryRequestDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const VaultRef vault = m_vault;
        glacier::GlacierClient *client = m_clients.client(vault.account, vault.region);
        if (!client) {
            showError(m_clients.errorString(vault.account, vault.region));
            return;
        }
        QPointer<InventoryView> self(this);
        client->initiateJob(vault.vault, dialog->parameters(),
                            [self, vault](glacier::Result<glacier::InitiateJobResult> result) {
                                if (!self)
                                    return;
                                if (!result.ok()) {
                                    self->showError(tr("The inventory of %1 could not be "
                                                       "requested: %2")
                                                        .arg(vault.vault,
                                                             result.error().userMessage()));
                                    return;
                                }
                                self->m_lastError.clear();
                                self->m_status->setText(
                                    tr("Inventory requested (job %1). It is typically ready in "
                                       "about four hours; follow it in Jobs.")
                                        .arg(result->jobId));
                                Q_EMIT self->inventoryRequested(result->jobId);
                            });
    });
    dialog->open();
}

void InventoryView::startExportDialog(inventory::ExportFormat format)
{
    const bool csv = format == inventory::ExportFormat::Csv;
    const QString suggested = QDir(m_restore->restoreFolder())
                                  .filePath(m_vault.vault + (csv ? QStringLiteral(".csv")
                                                                 : QStringLiteral(".json")));
    const QString path = QFileDialog::getSaveFileName(
        this, csv ? tr("Export as CSV") : tr("Export as JSON"), suggested,
        csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (!path.isEmpty())
        exportTo(path, format);
}

void InventoryView::exportTo(const QString &path, inventory::ExportFormat format)
{
    if (m_inventoryId == 0 || m_exporter->isRunning())
        return;
    m_lastError.clear();
    m_exportProgress->setMaximum(0); // busy until the first progress report
    m_exportProgress->setValue(0);
    m_exportProgress->show();
    m_exportCancel->show();
    m_status->setText(tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)));
    inventory::ExportOptions options;
    options.format = format;
    m_exporter->start(m_inventoryId, path, options);
    updateActions();
}

void InventoryView::cancelExport()
{
    m_exporter->cancel();
}

} // namespace thaw::ui
