#pragma once

#include <QDialog>
#include <QProcessEnvironment>

QT_BEGIN_NAMESPACE
class QDialogButtonBox;
class QLabel;
class QListWidget;
QT_END_NAMESPACE

namespace thaw::ui {

class Session;

// Imports profiles of the AWS CLI's ~/.aws/credentials and ~/.aws/config as Thaw accounts that
// link the profile (the keys stay in the user's files). The files are read off the UI thread;
// profiles without an access key (SSO, roles) are listed but cannot be checked.
class ImportProfilesDialog final : public QDialog
{
    Q_OBJECT

public:
    ImportProfilesDialog(Session &session, QProcessEnvironment environment,
                         QWidget *parent = nullptr);

    bool isLoaded() const { return m_loaded; }
    void accept() override;

Q_SIGNALS:
    void loaded(); // the profile list is filled (or the error shown)

private:
    struct Profile
    {
        QString name;
        QString region;
        QString accessKeyId;
    };
    void showProfiles(const QList<Profile> &profiles, const QString &error);
    void importNext(QStringList names, QStringList errors);

    Session &m_session;
    QListWidget *m_list;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QList<Profile> m_profiles;
    bool m_loaded = false;
};

} // namespace thaw::ui
