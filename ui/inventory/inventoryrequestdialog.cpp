#include "inventoryrequestdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace thaw::ui {

InventoryRequestDialog::InventoryRequestDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Request inventory"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Glacier prepares a list of the vault's archives; it is "
                                "typically ready in about four hours. Glacier updates a vault's "
                                "inventory about once a day."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("formatCombo"));
    m_format->addItem(tr("JSON"), QStringLiteral("JSON"));
    m_format->addItem(tr("CSV"), QStringLiteral("CSV"));
    form->addRow(tr("&Format:"), m_format);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto dateRow = [this](QCheckBox *&check, QDateTimeEdit *&edit, const QString &label,
                          const QString &name, const QDateTime &initial) {
        auto *row = new QHBoxLayout;
        check = new QCheckBox(label, this);
        check->setObjectName(name + QStringLiteral("Check"));
        edit = new QDateTimeEdit(initial, this);
        edit->setObjectName(name + QStringLiteral("Edit"));
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
        connect(check, &QCheckBox::toggled, edit, &QWidget::setEnabled);
        row->addWidget(check);
        row->addWidget(edit, 1);
        return row;
    };
    form->addRow(QString(), dateRow(m_useStart, m_start, tr("Created &from"),
                                    QStringLiteral("start"), now.addYears(-1)));
    form->addRow(QString(), dateRow(m_useEnd, m_end, tr("Created &before"),
                                    QStringLiteral("end"), now));
    auto *limitRow = new QHBoxLayout;
    m_useLimit = new QCheckBox(tr("At &most"), this);
    m_useLimit->setObjectName(QStringLiteral("limitCheck"));
    m_limit = new QSpinBox(this);
    m_limit->setObjectName(QStringLiteral("limitSpin"));
    m_limit->setRange(1, 100'000'000);
    m_limit->setValue(10'000);
    m_limit->setSuffix(tr(" archives"));
    m_limit->setEnabled(false);
    connect(m_useLimit, &QCheckBox::toggled, m_limit, &QWidget::setEnabled);
    limitRow->addWidget(m_useLimit);
    limitRow->addWidget(m_limit, 1);
    form->addRow(QString(), limitRow);
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Request"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    for (QCheckBox *check : {m_useStart, m_useEnd, m_useLimit})
        connect(check, &QCheckBox::toggled, this, &InventoryRequestDialog::validate);
    for (QDateTimeEdit *edit : {m_start, m_end})
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &InventoryRequestDialog::validate);
    validate();
}

glacier::InventoryRetrievalJobParameters InventoryRequestDialog::parameters() const
{
    glacier::InventoryRetrievalJobParameters parameters;
    parameters.format = m_format->currentData().toString();
    if (m_useStart->isChecked())
        parameters.startDate = m_start->dateTime().toUTC();
    if (m_useEnd->isChecked())
        parameters.endDate = m_end->dateTime().toUTC();
    if (m_useLimit->isChecked())
        parameters.limit = QString::number(m_limit->value());
    return parameters;
}

QString InventoryRequestDialog::problem() const
{
    if (m_useStart->isChecked() && m_useEnd->isChecked()
        && m_start->dateTime() >= m_end->dateTime())
        return tr("The start date must be before the end date.");
    return {};
}

void InventoryRequestDialog::validate()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

} // namespace thaw::ui
