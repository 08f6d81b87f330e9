#include "accountdialog.h"

#include "regions.h"

#include "ui/session/session.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace thaw::ui {

AccountDialog::AccountDialog(Session &session, const aws::Account *existing, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_editing(existing != nullptr)
    , m_name(new QLineEdit(this))
    , m_accessKeyId(new QLineEdit(this))
    , m_secret(new QLineEdit(this))
    , m_region(new QComboBox(this))
    , m_endpoint(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("accountDialog"));
    setWindowTitle(m_editing ? tr("Edit Account") : tr("Add Account"));
    m_name->setObjectName(QStringLiteral("name"));
    m_accessKeyId->setObjectName(QStringLiteral("accessKeyId"));
    m_secret->setObjectName(QStringLiteral("secretAccessKey"));
    m_region->setObjectName(QStringLiteral("region"));
    m_endpoint->setObjectName(QStringLiteral("endpointUrl"));
    m_error->setObjectName(QStringLiteral("error"));

    m_name->setPlaceholderText(tr("e.g. backups"));
    m_accessKeyId->setPlaceholderText(QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(m_editing ? tr("unchanged") : tr("kept in the system keychain"));
    m_region->setEditable(true);
    m_region->addItems(knownRegions());
    m_region->setInsertPolicy(QComboBox::NoInsert);
    m_endpoint->setPlaceholderText(tr("optional: default https://glacier.<region>.amazonaws.com"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();

    if (existing) {
        m_name->setText(existing->name);
        m_name->setReadOnly(true);
        m_accessKeyId->setText(existing->accessKeyId);
        m_region->setCurrentText(existing->region);
        m_endpoint->setText(existing->endpointUrl);
        m_profile = existing->profile;
        if (!m_profile.isEmpty()) {
            m_accessKeyId->setEnabled(false);
            m_secret->setEnabled(false);
            m_secret->setPlaceholderText(tr("in ~/.aws (profile %1)").arg(m_profile));
        }
    } else {
        m_region->setCurrentText(QStringLiteral("us-east-1"));
    }

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Access &key ID:"), m_accessKeyId);
    form->addRow(tr("&Secret access key:"), m_secret);
    form->addRow(tr("Default &region:"), m_region);
    form->addRow(tr("&Endpoint URL:"), m_endpoint);
    auto *note = new QLabel(tr("The secret access key is stored in the system keychain. Without "
                               "a keychain the account works until Thaw quits."),
                            this);
    note->setWordWrap(true);
    note->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AccountDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(480);
}

aws::Account AccountDialog::account() const
{
    aws::Account account{m_name->text().trimmed(), m_accessKeyId->text().trimmed(),
                         m_region->currentText().trimmed()};
    account.endpointUrl = m_endpoint->text().trimmed();
    account.profile = m_profile;
    return account;
}

void AccountDialog::accept()
{
    m_buttons->setEnabled(false);
    m_error->hide();
    QPointer<AccountDialog> self(this);
    m_session.saveAccount(account(), m_secret->text(), m_editing, [self](const QString &error) {
        if (!self)
            return;
        self->m_buttons->setEnabled(true);
        if (error.isEmpty())
            self->QDialog::accept();
        else
            self->showError(error);
    });
}

void AccountDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

} // namespace thaw::ui
