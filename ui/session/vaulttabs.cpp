#include "vaulttabs.h"

#include "inventoryfetch.h"

#include "ui/inventory/inventoryview.h"
#include "ui/jobs/jobsview.h"
#include "ui/mainwindow.h"
#include "ui/transfers/transfermanager.h"
#include "ui/transfers/transfersview.h"

#include <QTabWidget>

namespace thaw::ui {

VaultViews addVaultTabs(MainWindow &window, ClientProvider &clients, TransferManager &transfers,
                        const QString &inventoryCachePath)
{
    VaultViews views;
    views.jobs = new JobsView(clients, transfers, &window);
    views.jobs->setObjectName(QStringLiteral("jobsView"));
    views.inventory = new InventoryView(clients, transfers, inventoryCachePath, &window);
    views.inventory->setObjectName(QStringLiteral("inventoryView"));
    views.transfers = new TransfersView(transfers, &window);
    views.transfers->setObjectName(QStringLiteral("transfersView"));

    JobsView *jobs = views.jobs;
    InventoryView *inventory = views.inventory;
    TransfersView *transfersView = views.transfers;
    window.addTab({jobs,
                   QObject::tr("Jobs"),
                   QIcon(QStringLiteral(":/icons/jobs.svg")),
                   [jobs](const VaultRef &vault) { jobs->setVault(vault); },
                   [jobs] { jobs->refresh(); },
                   [jobs] { jobs->focusSearch(); },
                   {}});
    window.addTab(
        {inventory, QObject::tr("Inventory"), QIcon(QStringLiteral(":/icons/inventory.svg")),
         [inventory](const VaultRef &vault) { inventory->setVault(vault); },
         [inventory] { inventory->reloadInventories(); }, [inventory] { inventory->focusSearch(); },
         [inventory] {
             inventory->cancelExport();
         }});
    window.addTab({transfersView,
                   QObject::tr("Transfers"),
                   QIcon(QStringLiteral(":/icons/transfers.svg")),
                   {},
                   [&transfers] { transfers.refreshWaiting(); },
                   {},
                   [transfersView] {
                       transfersView->cancelSelected();
                   }});

    QTabWidget *tabs = &window.tabs();
    QObject::connect(jobs, &JobsView::downloadStarted, &window,
                     [tabs, transfersView](const QString &id) {
                         tabs->setCurrentWidget(transfersView);
                         transfersView->selectTransfer(id);
                     });
    QObject::connect(inventory, &InventoryView::restoreStarted, &window,
                     [tabs, transfersView](int started, int) {
                         if (started > 0)
                             tabs->setCurrentWidget(transfersView);
                     });
    QObject::connect(inventory, &InventoryView::errorOccurred, &window, &MainWindow::showError);
    QObject::connect(&transfers, &TransferManager::errorOccurred, &window, &MainWindow::showError);

    // The demo's seeded inventory goes into the cache at once, so the Inventory tab has content.
    auto *fetch = new InventoryFetch(clients, inventoryCachePath, &window);
    QObject::connect(&window, &MainWindow::demoReady, fetch, [fetch] {
        fetch->fetchLatest(VaultRef{QStringLiteral("Demo"), QStringLiteral("us-east-1"),
                                    QStringLiteral("demo-photos")});
    });
    QObject::connect(jobs, &JobsView::inventoryImportRequested, fetch,
                     [fetch](const VaultRef &vault, const glacier::JobDescription &job) {
                         fetch->fetchJob(vault, job);
                     });
    QObject::connect(
        fetch, &InventoryFetch::finished, &window,
        [&window, tabs, inventory](const VaultRef &vault, const QString &error) {
            if (!error.isEmpty()) {
                window.showError(QObject::tr("The inventory of %1 could not be loaded: %2")
                                     .arg(vault.vault, error));
                return;
            }
            inventory->reloadInventories();
            if (inventory->vault() == vault)
                tabs->setCurrentWidget(inventory);
        });
    return views;
}

} // namespace thaw::ui
