// The app's InventoryView constructor, apart so that users of the QueueDownload constructor
// (tests, the benchmark) do not link the TransferManager.
#include "inventoryview.h"

#include "ui/transfers/transfermanager.h"

namespace thaw::ui {

InventoryView::InventoryView(ClientProvider &clients, TransferManager &transfers,
                             QString cachePath, QWidget *parent)
    : InventoryView(
          clients,
          [&transfers](const VaultRef &vault, const QString &jobId, const QString &outPath) {
              // The one place a restore's job reaches the Transfers view.
              transfers.queueWhenReady(vault, jobId, outPath);
          },
          std::move(cachePath), parent)
{}

} // namespace thaw::ui
