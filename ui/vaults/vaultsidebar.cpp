#include "vaultsidebar.h"

#include "vaulttreemodel.h"

#include <QHeaderView>

namespace thaw::ui {

VaultSidebar::VaultSidebar(VaultTreeModel &model, QWidget *parent)
    : QTreeView(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("vaultSidebar"));
    setModel(&model);
    setUniformRowHeights(true);
    setAllColumnsShowFocus(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setContextMenuPolicy(Qt::CustomContextMenu);
    // The names get the room they need; the figures follow.
    header()->setStretchLastSection(true);
    for (int column = 0; column < VaultTreeModel::ColumnCount - 1; ++column)
        header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);

    // Accounts and regions open as they fill, so vaults show without clicking.
    auto expandNew = [this](const QModelIndex &parent, int first, int last) {
        if (!parent.isValid()
            || parent.data(VaultTreeModel::NodeKindRole).toInt()
                   == int(VaultTreeModel::NodeKind::Account)) {
            for (int row = first; row <= last; ++row)
                expand(m_model.index(row, 0, parent));
        }
        if (parent.isValid())
            expand(parent);
        if (!m_pendingSelection.isEmpty()) {
            const QModelIndex vault = m_model.vaultIndex(m_pendingSelection);
            if (vault.isValid()) {
                m_pendingSelection = {};
                setCurrentIndex(vault);
            }
        }
    };
    connect(&model, &QAbstractItemModel::rowsInserted, this, expandNew);
    connect(&model, &QAbstractItemModel::modelReset, this, [this] { expandAll(); });
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &) { Q_EMIT currentRefChanged(currentRef()); });
    expandAll();
}

VaultRef VaultSidebar::currentRef() const
{
    const QModelIndex index = currentIndex();
    if (!index.isValid())
        return {};
    return index.data(VaultTreeModel::VaultRefRole).value<VaultRef>();
}

void VaultSidebar::selectVault(const VaultRef &vault)
{
    const QModelIndex index = m_model.vaultIndex(vault);
    if (index.isValid()) {
        m_pendingSelection = {};
        setCurrentIndex(index);
    } else {
        m_pendingSelection = vault;
    }
}

} // namespace thaw::ui
