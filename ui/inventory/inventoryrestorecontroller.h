#pragma once

#include "restorestarter.h"

#include "core/inventory/inventorytypes.h"
#include "ui/vaultref.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace thaw::ui {

class ClientProvider;
class InventoryDataSource;
class RestoreCollector;

// What Restore… does with a selection of the Inventory view: the selected folders' archives
// collected from the cache first (RestoreCollector), then the Restore dialog (its plan and
// options), then the retrieval jobs started one after another (RestoreStarter), each job's
// download handed to QueueDownload once the folders of its path exist. The view only says what
// is selected and shows the status.
class InventoryRestoreController final : public QObject
{
    Q_OBJECT

public:
    // dialogParent: the widget the Restore dialog is modal to (and this object's parent).
    InventoryRestoreController(ClientProvider &clients, InventoryDataSource &source,
                               QueueDownload queueDownload, QWidget *dialogParent);
    ~InventoryRestoreController() override;

    // The vault and inventory shown. Another one drops a collection under way: the archives it
    // read belong to the inventory no longer shown.
    void setInventory(const VaultRef &vault, qint64 inventoryId);

    // Restores `archives` plus every archive under `folders` (folder tree paths, "a/b"). With
    // no folder the Restore dialog opens at once; else the folders' archives are read in pages
    // first (progress in statusChanged()) and the dialog opens with all of them. Does nothing
    // while busy, without a vault, or when there is nothing to restore.
    void restore(const QList<inventory::ArchiveRow> &archives, const QStringList &folders);
    // Drops the collection under way (no dialog follows).
    void cancelCollection();

    bool isCollecting() const;
    bool isStarting() const; // the Initiate Job calls of an accepted dialog are under way
    bool isBusy() const { return isCollecting() || isStarting(); }

    // The folder the Restore dialog proposes; the one last accepted afterwards.
    const QString &restoreFolder() const { return m_restoreFolder; }
    void setRestoreFolder(const QString &folder) { m_restoreFolder = folder; }

Q_SIGNALS:
    // A line for the view's status bar (empty: clear it).
    void statusChanged(const QString &text);
    void errorOccurred(const QString &message);
    // isBusy() may have changed.
    void busyChanged();
    // The Initiate Job calls of a restore are done.
    void restoreStarted(int jobsStarted, int jobsFailed);

private:
    void openDialog(const QList<inventory::ArchiveRow> &archives);
    // Hands a started job's download on, after creating the folders its path needs.
    void queue(const VaultRef &vault, const QString &jobId, const QString &outPath);

    QWidget *m_dialogParent;
    VaultRef m_vault;
    qint64 m_inventoryId = 0;
    QString m_restoreFolder;
    QString m_startedInto;  // the destination of the restore being started
    QString m_startedMount; // the file system it was on then (mountOf())
    QueueDownload m_queueDownload;
    RestoreStarter *m_starter = nullptr;
    RestoreCollector *m_collector = nullptr;
    QMetaObject::Connection m_collected; // the running collection's finished() handler
};

} // namespace thaw::ui
