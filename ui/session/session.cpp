#include "session.h"

#include "core/aws/accountstore.h"
#include "core/aws/keychainsecretstore.h"
#include "core/aws/sharedprofilecredentials.h"
#include "core/aws/sharedprofiles.h"
#include "core/glacier/endpoint.h"
#include "core/glacier/glacierclient.h"

#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QRegularExpression>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>

namespace thaw::ui {

namespace {

QString regionsKey(const QString &account)
{
    return QStringLiteral("ui/regions/%1").arg(account);
}

bool isRegionName(const QString &region)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z]{2}(-[a-z]+)+-[0-9]+$"));
    return pattern.match(region).hasMatch();
}

} // namespace

Session::Session(QSettings &settings, aws::KeychainSecretStore &keychain,
                 QProcessEnvironment environment, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_store(std::make_unique<aws::AccountStore>(settings))
    , m_keychain(keychain)
    , m_environment(std::move(environment))
    , m_network(new QNetworkAccessManager(this))
{}

Session::~Session() = default;

void Session::load()
{
    for (const aws::Account &account : m_store->accounts()) {
        SessionAccount entry;
        entry.account = account;
        entry.kind = account.profile.isEmpty() ? SessionAccount::Kind::Keychain
                                               : SessionAccount::Kind::Profile;
        entry.message
            = account.profile.isEmpty()
                  ? tr("Reading the secret key from the system keychain…")
                  : tr("Reading profile %1 from the AWS CLI's files…").arg(account.profile);
        m_accounts[account.name] = entry;
    }
    Q_EMIT accountsChanged();
    for (const auto &[name, entry] : m_accounts) {
        if (entry.kind == SessionAccount::Kind::Profile)
            readProfile(name, entry.account.profile);
        else
            readSecret(name);
    }
}

QList<SessionAccount> Session::accounts() const
{
    QList<SessionAccount> result;
    for (const auto &[name, entry] : m_accounts)
        result.append(entry);
    return result;
}

std::optional<SessionAccount> Session::account(const QString &name) const
{
    const auto it = m_accounts.find(name);
    if (it == m_accounts.end())
        return std::nullopt;
    return it->second;
}

QStringList Session::regions(const QString &account) const
{
    QStringList result;
    if (const auto entry = this->account(account); entry && !entry->account.region.isEmpty())
        result.append(entry->account.region);
    const QStringList extra = m_accounts.count(account) && m_accounts.at(account).isSaved()
                                  ? m_settings.value(regionsKey(account)).toStringList()
                                  : m_unsavedRegions.value(account);
    for (const QString &region : extra) {
        if (!result.contains(region) && isRegionName(region))
            result.append(region);
    }
    return result;
}

void Session::addRegion(const QString &account, const QString &region)
{
    if (!m_accounts.count(account) || !isRegionName(region) || regions(account).contains(region))
        return;
    if (m_accounts.at(account).isSaved()) {
        QStringList extra = m_settings.value(regionsKey(account)).toStringList();
        extra.append(region);
        m_settings.setValue(regionsKey(account), extra);
    } else {
        m_unsavedRegions[account].append(region);
    }
    Q_EMIT accountChanged(account);
}

QString Session::validateAccount(const aws::Account &account, bool needsKeyId)
{
    if (!aws::AccountStore::isValidName(account.name))
        return tr("\"%1\" is not a valid account name: use 1 to 64 letters, digits or ._@+-")
            .arg(account.name);
    static const QRegularExpression keyId(QStringLiteral("^[A-Z0-9]{16,128}$"));
    if (needsKeyId && !keyId.match(account.accessKeyId).hasMatch())
        return tr("The access key ID should be 16 to 128 capital letters and digits, like "
                  "AKIAIOSFODNN7EXAMPLE.");
    if (!isRegionName(account.region))
        return tr("\"%1\" is not an AWS region name such as eu-west-1.").arg(account.region);
    QString error;
    if (!glacier::glacierEndpoint(account.region, account.endpointUrl, false, &error))
        return tr("The endpoint URL cannot be used: %1").arg(error);
    return {};
}

void Session::saveAccount(const aws::Account &account, const QString &secret, bool replace,
                          Done done)
{
    const bool isProfile = !account.profile.isEmpty();
    const auto existing = this->account(account.name);
    QString error = validateAccount(account, !isProfile);
    if (error.isEmpty() && existing && !replace)
        error = tr("An account named \"%1\" already exists.").arg(account.name);
    if (error.isEmpty() && !isProfile && secret.isEmpty()
        && (!existing || existing->kind == SessionAccount::Kind::Profile))
        error = tr("Enter the secret access key.");
    if (error.isEmpty() && existing && existing->kind == SessionAccount::Kind::Demo)
        error = tr("The demo account cannot be changed.");
    if (!error.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [done, error] { done(error); }, Qt::QueuedConnection);
        return;
    }
    const quint64 generation = ++m_generation;
    m_accountGeneration[account.name] = generation;
    const bool added = !existing;

    auto commit = [this, account, added, done](SessionAccount::Kind kind, const QString &message) {
        if (kind == SessionAccount::Kind::Keychain || kind == SessionAccount::Kind::Profile) {
            QString storeError;
            if (!m_store->save(account, &storeError)) {
                done(storeError);
                return;
            }
        }
        SessionAccount &entry = m_accounts[account.name];
        entry.account = account;
        entry.kind = kind;
        dropClients(account.name);
        if (added)
            Q_EMIT accountsChanged();
        else
            Q_EMIT accountChanged(account.name);
        if (!message.isEmpty())
            Q_EMIT warning(message);
        done({});
    };

    if (isProfile) {
        if (existing && existing->kind == SessionAccount::Kind::Keychain) {
            // The account no longer uses its keychain secret: remove it.
            m_keychain.removeSecret(account.name, [](const aws::KeychainResult &) {});
        }
        m_credentials.remove(account.name);
        m_accounts[account.name].state = SessionAccount::State::Loading;
        commit(SessionAccount::Kind::Profile, {});
        readProfile(account.name, account.profile);
        return;
    }
    if (secret.isEmpty()) { // editing: the secret stays where it is
        if (m_credentials.contains(account.name)) {
            const aws::Credentials old = m_credentials.value(account.name);
            m_credentials.insert(
                account.name,
                aws::Credentials(account.accessKeyId, old.secretAccessKey(), old.sessionToken()));
        }
        commit(existing->kind, {});
        return;
    }
    QPointer<Session> self(this);
    m_keychain.writeSecret(
        account.name, aws::AccountSecret{secret, {}},
        [self, account, secret, generation, commit, done](const aws::KeychainResult &result) {
            if (!self || self->m_accountGeneration.value(account.name) != generation)
                return;
            if (!result.ok()) {
                done(tr("The secret could not be stored in the system keychain: %1")
                         .arg(result.message));
                return;
            }
            const bool sessionOnly = result.status == aws::KeychainResult::Status::SessionOnly;
            if (sessionOnly)
                self->m_store->remove(account.name); // nothing on disk without its secret
            self->m_credentials.insert(account.name, aws::Credentials(account.accessKeyId, secret));
            SessionAccount &entry = self->m_accounts[account.name];
            entry.state = SessionAccount::State::Ready;
            const QString warning = sessionOnly ? tr("Account %1 works for this session only: %2")
                                                      .arg(account.name, result.message)
                                                : QString();
            entry.message = warning;
            commit(sessionOnly ? SessionAccount::Kind::SessionOnly : SessionAccount::Kind::Keychain,
                   warning);
        });
}

void Session::removeAccount(const QString &name, Done done)
{
    const auto existing = account(name);
    if (!existing) {
        QMetaObject::invokeMethod(
            this, [done, name] { done(tr("There is no account named \"%1\".").arg(name)); },
            Qt::QueuedConnection);
        return;
    }
    m_accountGeneration[name] = ++m_generation;
    dropClients(name);
    m_credentials.remove(name);
    m_accounts.erase(name);
    m_unsavedRegions.remove(name);
    if (existing->isSaved()) {
        m_store->remove(name);
        m_settings.remove(regionsKey(name));
    }
    Q_EMIT accountsChanged();
    if (existing->kind != SessionAccount::Kind::Keychain
        && existing->kind != SessionAccount::Kind::SessionOnly) {
        QMetaObject::invokeMethod(
            this, [done] { done({}); }, Qt::QueuedConnection);
        return;
    }
    m_keychain.removeSecret(name, [done, name](const aws::KeychainResult &result) {
        if (result.ok() || result.status == aws::KeychainResult::Status::NotFound)
            done({});
        else
            done(tr("Account %1 was removed, but its secret could not be removed from the "
                    "system keychain: %2")
                     .arg(name, result.message));
    });
}

bool Session::addDemoAccount(const aws::Account &account, const aws::Credentials &credentials,
                             QString *error)
{
    QString why = validateAccount(account, true);
    if (why.isEmpty() && m_accounts.count(account.name))
        why = tr("An account named \"%1\" already exists.").arg(account.name);
    if (!why.isEmpty()) {
        if (error)
            *error = why;
        return false;
    }
    SessionAccount entry;
    entry.account = account;
    entry.kind = SessionAccount::Kind::Demo;
    entry.state = SessionAccount::State::Ready;
    m_accounts[account.name] = entry;
    m_credentials.insert(account.name, credentials);
    Q_EMIT accountsChanged();
    return true;
}

void Session::setCredentials(const QString &name, std::optional<aws::Credentials> credentials,
                             const QString &message)
{
    const auto it = m_accounts.find(name);
    if (it == m_accounts.end())
        return;
    dropClients(name);
    if (credentials) {
        m_credentials.insert(name, *credentials);
        it->second.state = SessionAccount::State::Ready;
    } else {
        m_credentials.remove(name);
        it->second.state = SessionAccount::State::Failed;
    }
    it->second.message = message;
    Q_EMIT accountChanged(name);
}

void Session::readSecret(const QString &name)
{
    const quint64 generation = m_accountGeneration.value(name);
    QPointer<Session> self(this);
    m_keychain.readSecret(name, [self, name, generation](const aws::KeychainResult &result) {
        if (!self || self->m_accountGeneration.value(name) != generation)
            return;
        const auto entry = self->account(name);
        if (!entry)
            return;
        if (result.ok()) {
            self->setCredentials(name,
                                 aws::Credentials(entry->account.accessKeyId,
                                                  result.secret.secretAccessKey,
                                                  result.secret.sessionToken),
                                 {});
            return;
        }
        const QString message
            = result.status == aws::KeychainResult::Status::NotFound
                  ? tr("The keychain holds no secret key for account %1: edit the account to "
                       "enter it again.")
                        .arg(name)
                  : tr("The secret key of account %1 could not be read from the system "
                       "keychain: %2")
                        .arg(name, result.message);
        self->setCredentials(name, std::nullopt, message);
        Q_EMIT self->warning(message);
    });
}

void Session::readProfile(const QString &name, const QString &profile)
{
    const quint64 generation = m_accountGeneration.value(name);
    auto *watcher = new QFutureWatcher<aws::CredentialLookup>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, name, generation] {
        watcher->deleteLater();
        if (m_accountGeneration.value(name) != generation)
            return;
        const aws::CredentialLookup lookup = watcher->result();
        if (lookup.found()) {
            setCredentials(name, lookup.credentials, {});
        } else {
            const QString message = tr("Account %1: %2").arg(name, lookup.error);
            setCredentials(name, std::nullopt, message);
            Q_EMIT warning(message);
        }
    });
    // The AWS CLI's files are read off the UI thread.
    watcher->setFuture(QtConcurrent::run([environment = m_environment, profile] {
        QString error;
        const auto profiles
            = aws::SharedProfiles::load(aws::SharedFilePaths::fromEnvironment(environment), &error);
        if (!profiles)
            return aws::CredentialLookup::makeError(error);
        aws::CredentialLookup lookup = aws::credentialsFromSharedProfiles(*profiles, profile);
        if (lookup.status == aws::CredentialLookup::Status::NotFound && lookup.error.isEmpty())
            lookup.error = aws::profileNotFoundMessage(profile, profiles->paths());
        return lookup;
    }));
}

void Session::dropClients(const QString &name)
{
    for (auto it = m_clients.begin(); it != m_clients.end();) {
        if (it->first.first == name)
            it = m_clients.erase(it);
        else
            ++it;
    }
}

glacier::GlacierClient *Session::client(const QString &account, const QString &region)
{
    if (!errorString(account, region).isEmpty())
        return nullptr;
    const auto key = std::pair(account, region);
    auto it = m_clients.find(key);
    if (it == m_clients.end()) {
        const SessionAccount &entry = m_accounts.at(account);
        QString error;
        const std::optional<QUrl> endpoint
            = glacier::glacierEndpoint(region, entry.account.endpointUrl, false, &error);
        if (!endpoint)
            return nullptr;
        it = m_clients
                 .emplace(key, std::make_unique<glacier::GlacierClient>(
                                   m_network, *endpoint, region, m_credentials.value(account)))
                 .first;
    }
    return it->second.get();
}

QString Session::errorString(const QString &account, const QString &region) const
{
    const auto it = m_accounts.find(account);
    if (it == m_accounts.end())
        return tr("There is no account named \"%1\".").arg(account);
    if (it->second.state != SessionAccount::State::Ready || !m_credentials.contains(account))
        return it->second.message.isEmpty() ? tr("Account %1 has no usable key.").arg(account)
                                            : it->second.message;
    if (!isRegionName(region))
        return tr("\"%1\" is not an AWS region name.").arg(region);
    QString error;
    if (!glacier::glacierEndpoint(region, it->second.account.endpointUrl, false, &error))
        return tr("The endpoint URL of account %1 cannot be used: %2").arg(account, error);
    return {};
}

} // namespace thaw::ui
