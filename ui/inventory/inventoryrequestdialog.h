#pragma once

#include "core/glacier/jobparameters.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QSpinBox;
QT_END_NAMESPACE

namespace thaw::ui {

// Request inventory…: the parameters of an inventory-retrieval job — Format (JSON or CSV) and
// the optional StartDate, EndDate (archives created in [start, end)) and Limit.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-InventoryRetrievalJobInput.html
class InventoryRequestDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit InventoryRequestDialog(QWidget *parent = nullptr);

    glacier::InventoryRetrievalJobParameters parameters() const;
    // Empty when the choices are valid, else why not (the OK button is disabled then).
    QString problem() const;

private:
    void validate();

    QComboBox *m_format = nullptr;
    QCheckBox *m_useStart = nullptr;
    QDateTimeEdit *m_start = nullptr;
    QCheckBox *m_useEnd = nullptr;
    QDateTimeEdit *m_end = nullptr;
    QCheckBox *m_useLimit = nullptr;
    QSpinBox *m_limit = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace thaw::ui
