#pragma once

#include <QAbstractTableModel>

namespace thaw::ui {

class TransferManager;

// The downloads of a TransferManager as a table. DisplayRole is text; RawRole the value to sort
// by; ProgressRole the fraction done (0..1, -1 unknown) for the progress bar delegate; IdRole the
// transfer's id; StatusRole its TransferStatus as int.
class TransfersModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Progress, State, Rate, Eta, Chunks, Size, Vault, Destination, ColumnCount };
    enum Role { RawRole = Qt::UserRole + 1, ProgressRole, IdRole, StatusRole };

    explicit TransfersModel(TransferManager &manager, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    TransferManager &m_manager;
};

} // namespace thaw::ui
