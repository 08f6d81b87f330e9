#pragma once

#include "credentialsource.h"

#include <QObject>
#include <QProcessEnvironment>

#include <chrono>
#include <functional>

namespace thaw::aws {

class AccountStore;
class KeychainSecretStore;

// The credential provider chain, in the AWS CLI's order: the environment, the shared
// ~/.aws/credentials and ~/.aws/config files, then Thaw's own keychain-backed accounts.
class CredentialChain final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const CredentialLookup &)>;

    // `accounts` and `keychain` may be null: the chain then stops after the shared files.
    CredentialChain(QProcessEnvironment environment, const AccountStore *accounts,
                    KeychainSecretStore *keychain, QObject *parent = nullptr);

    // Resolves credentials for `explicitProfile` (--profile; empty when none was given).
    // `done` is called exactly once, never before resolve() returns; an Error or NotFound
    // lookup carries a message for the user that names what was searched.
    void resolve(const QString &explicitProfile, Callback done);

    // resolve(), waiting in a local event loop for at most `timeout` (for the CLI).
    CredentialLookup resolveBlocking(const QString &explicitProfile,
                                     std::chrono::milliseconds timeout);

private:
    QProcessEnvironment m_environment;
    const AccountStore *m_accounts;
    KeychainSecretStore *m_keychain;
};

} // namespace thaw::aws
