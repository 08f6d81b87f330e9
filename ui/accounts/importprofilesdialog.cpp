#include "importprofilesdialog.h"

#include "ui/session/session.h"

#include "core/aws/accountstore.h"
#include "core/aws/sharedprofiles.h"

#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace thaw::ui {

ImportProfilesDialog::ImportProfilesDialog(Session &session, QProcessEnvironment environment,
                                           QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_list(new QListWidget(this))
    , m_message(new QLabel(tr("Reading ~/.aws/credentials and ~/.aws/config…"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("importProfilesDialog"));
    setWindowTitle(tr("Import AWS CLI Profiles"));
    m_list->setObjectName(QStringLiteral("profiles"));
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    QPushButton *import = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    import->setObjectName(QStringLiteral("import"));
    import->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Each profile becomes an account; its keys stay in your "
                                    "~/.aws files."),
                                 this));
    layout->addWidget(m_list);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ImportProfilesDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemChanged, this, [this, import] {
        bool any = false;
        for (int i = 0; i < m_list->count(); ++i)
            any = any || m_list->item(i)->checkState() == Qt::Checked;
        import->setEnabled(any);
    });
    resize(480, 360);

    using Loaded = std::pair<QList<Profile>, QString>;
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Loaded result = watcher->result();
        showProfiles(result.first, result.second);
    });
    watcher->setFuture(QtConcurrent::run([environment] {
        QString error;
        const auto profiles
            = aws::SharedProfiles::load(aws::SharedFilePaths::fromEnvironment(environment), &error);
        QList<Profile> list;
        if (profiles) {
            for (const QString &name : profiles->profileNames())
                list.append({name, profiles->value(name, QStringLiteral("region")),
                             profiles->value(name, QStringLiteral("aws_access_key_id"))});
        }
        return Loaded(list, error);
    }));
}

void ImportProfilesDialog::showProfiles(const QList<Profile> &profiles, const QString &error)
{
    m_profiles = profiles;
    m_list->clear();
    for (const Profile &profile : profiles) {
        const bool usable = !profile.accessKeyId.isEmpty();
        const bool taken = m_session.account(profile.name).has_value();
        auto *item = new QListWidgetItem(
            usable ? tr("%1 — %2, key %3")
                         .arg(profile.name,
                              profile.region.isEmpty() ? tr("no region") : profile.region,
                              profile.accessKeyId)
                   : tr("%1 — no access key (SSO or role profiles are not supported)")
                         .arg(profile.name),
            m_list);
        item->setData(Qt::UserRole, profile.name);
        item->setFlags(usable && !taken ? Qt::ItemIsEnabled | Qt::ItemIsUserCheckable
                                        : Qt::NoItemFlags);
        item->setCheckState(Qt::Unchecked);
        if (taken)
            item->setToolTip(tr("An account of this name exists already."));
    }
    if (!error.isEmpty())
        m_message->setText(error);
    else if (profiles.isEmpty())
        m_message->setText(tr("No profiles found in ~/.aws/credentials or ~/.aws/config."));
    else
        m_message->setText(tr("Check the profiles to import."));
    m_loaded = true;
    Q_EMIT loaded();
}

void ImportProfilesDialog::accept()
{
    QStringList names;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            names.append(m_list->item(i)->data(Qt::UserRole).toString());
    }
    m_buttons->setEnabled(false);
    importNext(names, {});
}

void ImportProfilesDialog::importNext(QStringList names, QStringList errors)
{
    if (names.isEmpty()) {
        m_buttons->setEnabled(true);
        if (errors.isEmpty())
            QDialog::accept();
        else
            m_message->setText(errors.join(QLatin1Char('\n')));
        return;
    }
    const QString name = names.takeFirst();
    Profile profile;
    for (const Profile &p : std::as_const(m_profiles)) {
        if (p.name == name)
            profile = p;
    }
    aws::Account account{profile.name, profile.accessKeyId,
                         profile.region.isEmpty() ? QStringLiteral("us-east-1") : profile.region};
    account.profile = profile.name;
    // A profile name that is not a valid account name gets one that is.
    if (!aws::AccountStore::isValidName(account.name))
        account.name = QString(account.name)
                           .replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._@+-]")),
                                    QStringLiteral("_"))
                           .left(64);
    QPointer<ImportProfilesDialog> self(this);
    m_session.saveAccount(account, {}, false, [self, names, errors, name](const QString &error) {
        if (!self)
            return;
        QStringList all = errors;
        if (!error.isEmpty())
            all.append(tr("%1: %2").arg(name, error));
        self->importNext(names, all);
    });
}

} // namespace thaw::ui
