#pragma once

#include "ui/clientprovider.h"

#include "core/aws/account.h"
#include "core/aws/credentials.h"

#include <QHash>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QSettings;
QT_END_NAMESPACE

namespace thaw::aws {
class AccountStore;
class KeychainSecretStore;
} // namespace thaw::aws

namespace thaw::ui {

// One account as the desktop app knows it: where its secret lives and whether it is usable.
struct SessionAccount
{
    enum class Kind {
        Keychain,    // metadata in QSettings, secret in the system keychain
        Profile,     // linked to a ~/.aws profile: keys stay in the user's files
        SessionOnly, // no keychain answered: kept in memory until the app quits
        Demo,        // the demo's throwaway key for the local thaw-emulator; never saved
    };
    enum class State { Loading, Ready, Failed };

    aws::Account account;
    Kind kind = Kind::Keychain;
    State state = State::Loading;
    QString message; // why it is not Ready, or the session-only warning

    bool isSaved() const { return kind == Kind::Keychain || kind == Kind::Profile; }
};

// The app's accounts and their Glacier clients: account metadata in QSettings (AccountStore),
// secrets in the keychain (read asynchronously at load), linked ~/.aws profiles read off the UI
// thread, session-only and demo accounts in memory. Implements ClientProvider for the views: one
// GlacierClient per (account, region), rebuilt when the account changes.
class Session final : public QObject, public ClientProvider
{
    Q_OBJECT

public:
    // Called once with an empty string on success, else with a message for the user.
    using Done = std::function<void(const QString &error)>;

    Session(QSettings &settings, aws::KeychainSecretStore &keychain,
            QProcessEnvironment environment, QObject *parent = nullptr);
    ~Session() override;

    // Reads the saved accounts and starts reading their secrets; accountChanged() follows for
    // each as it becomes Ready or Failed.
    void load();

    QList<SessionAccount> accounts() const; // sorted by name
    std::optional<SessionAccount> account(const QString &name) const;
    bool hasAccounts() const { return !m_accounts.empty(); }

    // The regions the sidebar shows for an account: its default region, then the ones added.
    QStringList regions(const QString &account) const;
    void addRegion(const QString &account, const QString &region);

    // Adds an account, or replaces one of the same name when `replace`. A non-empty `secret` is
    // written to the keychain first (without a keychain the account is kept for this session
    // only, with a warning()); an empty one keeps the stored secret (editing) or, with
    // account.profile set, links the ~/.aws profile. Validates name, key id, region, endpoint.
    void saveAccount(const aws::Account &account, const QString &secret, bool replace, Done done);
    // Removes the account and its keychain entry. The metadata goes even when the keychain
    // cannot be reached; `done` then says what was left behind.
    void removeAccount(const QString &name, Done done);
    // An in-memory account (the demo): never written to QSettings or the keychain.
    bool addDemoAccount(const aws::Account &account, const aws::Credentials &credentials,
                        QString *error);

    // Empty when the account's fields are usable (name, key id, region, endpoint), else why not.
    static QString validateAccount(const aws::Account &account, bool needsKeyId);

    // ClientProvider
    glacier::GlacierClient *client(const QString &account, const QString &region) override;
    QString errorString(const QString &account, const QString &region) const override;

    QNetworkAccessManager &network() { return *m_network; }

Q_SIGNALS:
    void accountsChanged();                   // added or removed
    void accountChanged(const QString &name); // state, credentials or settings changed
    void warning(const QString &message);     // for the user, never swallowed

private:
    void setCredentials(const QString &name, std::optional<aws::Credentials> credentials,
                        const QString &message);
    void readSecret(const QString &name);
    void readProfile(const QString &name, const QString &profile);
    void dropClients(const QString &name);

    QSettings &m_settings;
    std::unique_ptr<aws::AccountStore> m_store;
    aws::KeychainSecretStore &m_keychain;
    QProcessEnvironment m_environment;
    QNetworkAccessManager *m_network;
    std::map<QString, SessionAccount> m_accounts;
    QHash<QString, aws::Credentials> m_credentials;
    std::map<std::pair<QString, QString>, std::unique_ptr<glacier::GlacierClient>> m_clients;
    quint64 m_generation = 0; // bumps on every change, so stale async answers are dropped
    QHash<QString, quint64> m_accountGeneration;
    QHash<QString, QStringList> m_unsavedRegions; // regions added to session-only accounts
};

} // namespace thaw::ui
