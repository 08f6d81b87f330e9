#include "credentialchain.h"

#include "accountstore.h"
#include "credentialslogging.h"
#include "credentialwait.h"
#include "environmentcredentials.h"
#include "keychainsecretstore.h"
#include "profileselection.h"
#include "sharedprofilecredentials.h"
#include "sharedprofiles.h"

#include <QTimer>

#include <utility>

namespace thaw::aws {

namespace {

QString noCredentialsMessage(const ProfileSelection &selection, const SharedFilePaths &paths)
{
    QString message = QStringLiteral("Unable to locate credentials for profile %1: searched ")
                          .arg(selection.name);
    if (!selection.explicitProfile)
        message += QStringLiteral("the environment (AWS_ACCESS_KEY_ID), ");
    message += QStringLiteral("%1, %2 and Thaw's accounts")
                   .arg(paths.credentialsFile, paths.configFile);
    return message;
}

} // namespace

CredentialChain::CredentialChain(QProcessEnvironment environment, const AccountStore *accounts,
                                 KeychainSecretStore *keychain, QObject *parent)
    : QObject(parent)
    , m_environment(std::move(environment))
    , m_accounts(accounts)
    , m_keychain(keychain)
{}

void CredentialChain::resolve(const QString &explicitProfile, Callback done)
{
    auto finish = [this, done](const CredentialLookup &lookup) {
        if (lookup.found())
            qCInfo(lcThawCredentials).noquote() << "Credentials from" << lookup.source.toString();
        QTimer::singleShot(0, this, [done, lookup] { done(lookup); });
    };
    const ProfileSelection selection = ProfileSelection::select(explicitProfile, m_environment);

    // 1. The environment. Like botocore's create_credential_resolver, an explicitly named
    //    profile removes the environment provider ("An explicitly provided profile will negate
    //    an EnvProvider"), while AWS_PROFILE does not: keys in the environment still win then.
    if (!selection.explicitProfile) {
        const CredentialLookup fromEnvironment = credentialsFromEnvironment(m_environment);
        if (fromEnvironment.status != CredentialLookup::Status::NotFound) {
            finish(fromEnvironment);
            return;
        }
    } else {
        qCDebug(lcThawCredentials)
            << "Skipping the environment: profile" << selection.name << "was named explicitly";
    }

    // 2. The shared files: the credentials file, then the config file (botocore's order).
    const SharedFilePaths paths = SharedFilePaths::fromEnvironment(m_environment);
    QString error;
    const std::optional<SharedProfiles> profiles = SharedProfiles::load(paths, &error);
    if (!profiles) {
        finish(CredentialLookup::makeError(error));
        return;
    }
    const CredentialLookup fromFiles = credentialsFromSharedProfiles(*profiles, selection.name);
    if (fromFiles.status != CredentialLookup::Status::NotFound) {
        finish(fromFiles);
        return;
    }

    // 3. Thaw's accounts: the key id in the account store, the secret in the keychain.
    const QString accountName = selection.accountName(m_accounts);
    if (accountName.isEmpty() || !m_keychain) {
        if (selection.named() && !profiles->contains(selection.name))
            finish(CredentialLookup::makeError(profileNotFoundMessage(selection.name, paths)));
        else
            finish(CredentialLookup::makeNotFound(noCredentialsMessage(selection, paths)));
        return;
    }
    const std::optional<Account> account = m_accounts->account(accountName);
    if (!account) {
        finish(CredentialLookup::makeNotFound(noCredentialsMessage(selection, paths)));
        return;
    }
    m_keychain->readSecret(accountName, [done, account = *account](const KeychainResult &result) {
        if (!result.ok()) {
            const QString problem = QStringLiteral("Thaw account '%1' has no usable secret: %2")
                                        .arg(account.name, result.message);
            qCWarning(lcThawCredentials).noquote() << problem;
            done(CredentialLookup::makeError(problem));
            return;
        }
        qCInfo(lcThawCredentials).noquote()
            << "Credentials from" << QStringLiteral("thaw account %1").arg(account.name);
        done(CredentialLookup::makeFound(
            Credentials(account.accessKeyId, result.secret.secretAccessKey,
                        result.secret.sessionToken),
            CredentialSource{CredentialSource::Kind::ThawAccount, account.name, {}}));
    });
}

CredentialLookup CredentialChain::resolveBlocking(const QString &explicitProfile,
                                                  std::chrono::milliseconds timeout)
{
    const std::optional<CredentialLookup> lookup = waitForCallback<CredentialLookup>(
        [this, explicitProfile](std::function<void(const CredentialLookup &)> done) {
            resolve(explicitProfile, std::move(done));
        },
        timeout);
    if (lookup)
        return *lookup;
    return CredentialLookup::makeError(
        QStringLiteral("Looking up credentials took longer than %1 s (is the system keychain "
                       "locked?)")
            .arg(timeout.count() / 1000.0));
}

} // namespace thaw::aws
