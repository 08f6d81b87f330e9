#pragma once

#include "ui/vaultref.h"

#include <QTreeView>

namespace thaw::ui {

class VaultTreeModel;

// The main window's sidebar: the accounts → regions → vaults tree, expanded as it loads.
// Says which vault (or account and region) is current; the window acts on it.
class VaultSidebar final : public QTreeView
{
    Q_OBJECT

public:
    explicit VaultSidebar(VaultTreeModel &model, QWidget *parent = nullptr);

    // The current node's account, region and vault (each empty when the node has none).
    VaultRef currentRef() const;
    // Makes the vault current once it is listed (now, or when its region finishes loading).
    void selectVault(const VaultRef &vault);

Q_SIGNALS:
    // The current node changed: a vault (vault set), or an account or region (vault empty).
    void currentRefChanged(const VaultRef &ref);

private:
    VaultTreeModel &m_model;
    VaultRef m_pendingSelection;
};

} // namespace thaw::ui
