#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>

namespace QKeychain {
class Job;
}

namespace thaw::aws {

// The secret part of a Thaw account, as kept in the system keychain.
struct AccountSecret
{
    QString secretAccessKey;
    QString sessionToken;
};

// The outcome of one keychain operation. `message` is for the user and never holds a secret.
struct KeychainResult
{
    enum class Status {
        Ok,          // done; for a read, `secret` is set
        NotFound,    // nothing stored for this account
        SessionOnly, // no keychain: the secret is kept in memory for this session only
        Unavailable, // no keychain (QKeychain::AccessDenied, NoBackendAvailable or OtherError)
        TimedOut,    // the keychain did not answer in time (a locked keyring waiting for a prompt)
        Failed,      // any other keychain error, e.g. the user denied access
    };

    Status status = Status::Failed;
    AccountSecret secret;
    QString message;
    int keychainError = 0; // the QKeychain::Error behind the status, 0 for none

    bool ok() const { return status == Status::Ok || status == Status::SessionOnly; }
};

// Thaw accounts' secrets in the system keychain through QtKeychain, asynchronously. Never falls
// back to a file: without a keychain a written secret is kept in memory for the session only.
class KeychainSecretStore final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const KeychainResult &)>;

    // `service` is the keychain's service name; tests pass their own so as not to touch a
    // user's real entries.
    explicit KeychainSecretStore(QString service = QStringLiteral("Thaw"),
                                 QObject *parent = nullptr);

    // How long one keychain job may take before it counts as TimedOut (default 10 s).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    // The pause before the single retry of a job whose backend was not ready, as Nextcloud's
    // HttpCredentials does at login (default 2 s; 0 disables the retry).
    void setRetryDelay(std::chrono::milliseconds delay) { m_retryDelay = delay; }

    // "thaw/account/<name>/secret" and "thaw/account/<name>/session-token".
    static QString secretKey(const QString &account);
    static QString sessionTokenKey(const QString &account);

    // Each calls `done` exactly once, never before returning.
    void readSecret(const QString &account, Callback done);
    void writeSecret(const QString &account, const AccountSecret &secret, Callback done);
    void removeSecret(const QString &account, Callback done);

    // A secret written while no keychain was available is held for this session only.
    bool holdsSessionOnlySecret(const QString &account) const;

Q_SIGNALS:
    // No keychain answered; `message` explains that secrets are kept for this session only.
    void keychainUnavailable(const QString &message);

private:
    using JobFactory = std::function<QKeychain::Job *()>;
    using JobHandler = std::function<void(QKeychain::Job *)>; // nullptr: timed out

    void runJob(const JobFactory &makeJob, const JobHandler &handle, bool mayRetry);
    void finishLater(const Callback &done, const KeychainResult &result);
    KeychainResult failure(QKeychain::Job *job, const QString &account) const;
    void keepForSession(const QString &account, const AccountSecret &secret,
                        const KeychainResult &why, const Callback &done);

    QString m_service;
    std::chrono::milliseconds m_timeout{10000};
    std::chrono::milliseconds m_retryDelay{2000};
    QHash<QString, AccountSecret> m_sessionSecrets;
};

} // namespace thaw::aws
