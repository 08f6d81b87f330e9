#pragma once

#include <QString>

namespace thaw::ui {

class ClientProvider;
class InventoryView;
class JobsView;
class MainWindow;
class TransferManager;
class TransfersView;

// The views a vault shows, as the main window holds them.
struct VaultViews
{
    JobsView *jobs = nullptr;
    InventoryView *inventory = nullptr;
    TransfersView *transfers = nullptr;
};

// Creates the Jobs, Inventory and Transfers tabs and wires them to the window: the selected
// vault, F5 / Ctrl+F / Delete, errors to the window's banner, a started download or restore
// switching to Transfers. `inventoryCachePath`: the inventory SQLite cache.
VaultViews addVaultTabs(MainWindow &window, ClientProvider &clients, TransferManager &transfers,
                        const QString &inventoryCachePath);

} // namespace thaw::ui
