#pragma once

#include "core/aws/account.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
QT_END_NAMESPACE

namespace thaw::ui {

class Session;

// Adds an account, or edits one (its name fixed; an empty secret keeps the stored one). OK
// hands the fields to Session::saveAccount and closes only once it succeeded; its error stays
// in the dialog. The secret goes to the keychain, never to the settings.
class AccountDialog final : public QDialog
{
    Q_OBJECT

public:
    // `existing` null: a new account.
    AccountDialog(Session &session, const aws::Account *existing, QWidget *parent = nullptr);

    aws::Account account() const; // the fields as entered

    void accept() override;

private:
    void showError(const QString &message);

    Session &m_session;
    bool m_editing = false;
    QString m_profile;
    QLineEdit *m_name;
    QLineEdit *m_accessKeyId;
    QLineEdit *m_secret;
    QComboBox *m_region;
    QLineEdit *m_endpoint;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace thaw::ui
