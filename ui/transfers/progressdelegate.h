#pragma once

#include <QStyledItemDelegate>

namespace thaw::ui {

// Draws TransfersModel::ProgressRole (0..1; negative: unknown, nothing drawn) as the style's
// progress bar with the DisplayRole text on it.
class ProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace thaw::ui
