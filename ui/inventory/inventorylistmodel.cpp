#include "inventorylistmodel.h"

#include <QLocale>

namespace thaw::ui {

InventoryListModel::InventoryListModel(InventoryDataSource &source, QObject *parent)
    : QAbstractListModel(parent)
    , m_source(source)
{}

int InventoryListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_inventories.size());
}

QString InventoryListModel::label(const inventory::InventorySummary &summary)
{
    const QLocale locale;
    const QString date = summary.inventoryDateTime.isValid()
                             ? locale.toString(summary.inventoryDateTime.toLocalTime(),
                                               QLocale::ShortFormat)
                             : summary.inventoryDate;
    return tr("%1 — %2 archives, %3")
        .arg(date, locale.toString(summary.archiveCount), locale.formattedDataSize(summary.totalSize));
}

QVariant InventoryListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const inventory::InventorySummary &summary = m_inventories.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return label(summary);
    case Qt::ToolTipRole:
        return tr("Inventory of %1, imported %2 from %3")
            .arg(summary.inventoryDate,
                 QLocale().toString(summary.importedAt.toLocalTime(), QLocale::ShortFormat),
                 summary.format);
    case InventoryIdRole:
        return summary.id;
    case ArchiveCountRole:
        return summary.archiveCount;
    case TotalSizeRole:
        return summary.totalSize;
    case DateRole:
        return summary.inventoryDateTime;
    default:
        return {};
    }
}

int InventoryListModel::rowOf(qint64 inventoryId) const
{
    for (int row = 0; row < m_inventories.size(); ++row) {
        if (m_inventories.at(row).id == inventoryId)
            return row;
    }
    return -1;
}

void InventoryListModel::setVault(const VaultRef &vault)
{
    m_vault = vault;
    reload();
}

void InventoryListModel::reload()
{
    const quint64 request = ++m_request;
    if (m_vault.isEmpty()) {
        beginResetModel();
        m_inventories.clear();
        endResetModel();
        Q_EMIT loaded();
        return;
    }
    m_source.inventories(m_vault, this,
                         [this, request](Fetched<QList<inventory::InventorySummary>> list) {
                             if (request != m_request)
                                 return;
                             beginResetModel();
                             m_inventories = list.ok() ? std::move(*list.value)
                                                       : QList<inventory::InventorySummary>();
                             endResetModel();
                             if (!list.ok())
                                 Q_EMIT errorOccurred(list.error);
                             Q_EMIT loaded();
                         });
}

} // namespace thaw::ui
