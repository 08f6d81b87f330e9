#pragma once

#include "inventorydatasource.h"

#include <QAbstractListModel>

namespace thaw::ui {

// The cached inventories of one vault, newest first: date, archive count, total size. For the
// Inventory view's chooser. Loaded on the data source's worker thread.
class InventoryListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { InventoryIdRole = Qt::UserRole + 1, ArchiveCountRole, TotalSizeRole, DateRole };

    explicit InventoryListModel(InventoryDataSource &source, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void setVault(const VaultRef &vault);
    void reload();
    const VaultRef &vault() const { return m_vault; }
    const inventory::InventorySummary &at(int row) const { return m_inventories.at(row); }
    int rowOf(qint64 inventoryId) const;

    static QString label(const inventory::InventorySummary &summary);

Q_SIGNALS:
    void loaded(); // after the reset that shows the vault's inventories
    void errorOccurred(const QString &message);

private:
    InventoryDataSource &m_source;
    VaultRef m_vault;
    quint64 m_request = 0;
    QList<inventory::InventorySummary> m_inventories;
};

} // namespace thaw::ui
