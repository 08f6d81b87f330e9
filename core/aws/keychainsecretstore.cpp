#include "keychainsecretstore.h"

#include "credentialslogging.h"

#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>
#include <utility>

namespace thaw::aws {

namespace {

// The errors QtKeychain reports when no backend works: no Secret Service or KWallet on the bus,
// no bus at all, or a backend that refuses for reasons other than the user's answer.
bool isBackendError(QKeychain::Error error)
{
    return error == QKeychain::AccessDenied || error == QKeychain::NoBackendAvailable
           || error == QKeychain::OtherError;
}

QString unavailableMessage(const QString &reason)
{
    return QStringLiteral("No system keychain is available (%1)").arg(reason);
}

QString sessionOnlyMessage(const QString &reason)
{
    return QStringLiteral("%1; the secret is kept for this session only and will not be saved")
        .arg(reason);
}

template<typename JobType>
JobType *makeJob(const QString &service, const QString &key)
{
    auto *job = new JobType(service);
    // Never let QtKeychain write the secret to a plain-text QSettings file instead.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(key);
    return job;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{}

QString KeychainSecretStore::secretKey(const QString &account)
{
    return QStringLiteral("thaw/account/%1/secret").arg(account);
}

QString KeychainSecretStore::sessionTokenKey(const QString &account)
{
    return QStringLiteral("thaw/account/%1/session-token").arg(account);
}

bool KeychainSecretStore::holdsSessionOnlySecret(const QString &account) const
{
    return m_sessionSecrets.contains(account);
}

void KeychainSecretStore::runJob(const JobFactory &makeJob, const JobHandler &handle, bool mayRetry)
{
    QKeychain::Job *job = makeJob();
    auto handled = std::make_shared<bool>(false);
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, handled, timer, handle, key = job->key()] {
        timer->deleteLater();
        if (*handled)
            return;
        *handled = true;
        // The job may still finish later (it deletes itself); its answer is then ignored.
        qCWarning(lcThawCredentials)
            << "Keychain job for" << key << "timed out after" << m_timeout.count() << "ms";
        handle(nullptr);
    });
    connect(job, &QKeychain::Job::finished, this,
            [this, handled, timer, handle, makeJob, mayRetry](QKeychain::Job *finished) {
                if (*handled)
                    return;
                *handled = true;
                timer->stop();
                timer->deleteLater();
                if (mayRetry && m_retryDelay.count() > 0 && isBackendError(finished->error())) {
                    // The keychain may not be up yet (e.g. right after login): one more try.
                    qCInfo(lcThawCredentials).noquote()
                        << "Keychain not ready for" << finished->key() << "(error"
                        << finished->error() << finished->errorString() << "), retrying in"
                        << m_retryDelay.count() << "ms";
                    QTimer::singleShot(m_retryDelay, this,
                                       [this, makeJob, handle] { runJob(makeJob, handle, false); });
                    return;
                }
                handle(finished);
            });
    timer->start(m_timeout);
    job->start();
}

void KeychainSecretStore::finishLater(const Callback &done, const KeychainResult &result)
{
    QTimer::singleShot(0, this, [done, result] { done(result); });
}

KeychainResult KeychainSecretStore::failure(QKeychain::Job *job, const QString &account) const
{
    KeychainResult result;
    if (!job) {
        result.status = KeychainResult::Status::TimedOut;
        result.message = QStringLiteral("The system keychain did not answer within %1 s (is it "
                                        "locked?)")
                             .arg(m_timeout.count() / 1000.0);
        return result;
    }
    result.keychainError = job->error();
    if (job->error() == QKeychain::EntryNotFound) {
        result.status = KeychainResult::Status::NotFound;
        result.message = QStringLiteral("The system keychain holds no secret for Thaw account "
                                        "'%1'")
                             .arg(account);
    } else if (isBackendError(job->error())) {
        result.status = KeychainResult::Status::Unavailable;
        result.message = unavailableMessage(job->errorString());
    } else {
        result.status = KeychainResult::Status::Failed;
        result.message = QStringLiteral("The system keychain refused access to the secret of "
                                        "Thaw account '%1' (%2)")
                             .arg(account, job->errorString());
    }
    return result;
}

void KeychainSecretStore::readSecret(const QString &account, Callback done)
{
    if (const auto held = m_sessionSecrets.constFind(account); held != m_sessionSecrets.cend()) {
        KeychainResult result;
        result.status = KeychainResult::Status::SessionOnly;
        result.secret = *held;
        result.message = QStringLiteral("The secret of Thaw account '%1' is kept for this "
                                        "session only")
                             .arg(account);
        finishLater(done, result);
        return;
    }
    const QString service = m_service;
    const QString tokenKey = sessionTokenKey(account);
    runJob([service,
            key = secretKey(account)] { return makeJob<QKeychain::ReadPasswordJob>(service, key); },
           [this, account, done, service, tokenKey](QKeychain::Job *job) {
               if (!job || job->error() != QKeychain::NoError) {
                   done(failure(job, account));
                   return;
               }
               const QString secret = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
               runJob([service,
                       tokenKey] { return makeJob<QKeychain::ReadPasswordJob>(service, tokenKey); },
                      [this, account, done, secret](QKeychain::Job *tokenJob) {
                          KeychainResult result;
                          if (tokenJob && tokenJob->error() == QKeychain::NoError) {
                              result.secret.sessionToken
                                  = static_cast<QKeychain::ReadPasswordJob *>(tokenJob)->textData();
                          } else if (!tokenJob || tokenJob->error() != QKeychain::EntryNotFound) {
                              done(failure(tokenJob, account));
                              return;
                          }
                          result.status = KeychainResult::Status::Ok;
                          result.secret.secretAccessKey = secret;
                          done(result);
                      },
                      false);
           },
           true);
}

void KeychainSecretStore::keepForSession(const QString &account, const AccountSecret &secret,
                                         const KeychainResult &why, const Callback &done)
{
    KeychainResult result;
    result.status = KeychainResult::Status::SessionOnly;
    result.keychainError = why.keychainError;
    result.message = sessionOnlyMessage(why.message);
    m_sessionSecrets.insert(account, secret);
    qCWarning(lcThawCredentials).noquote()
        << QStringLiteral("Thaw account '%1': %2").arg(account, result.message);
    Q_EMIT keychainUnavailable(result.message);
    done(result);
}

void KeychainSecretStore::writeSecret(const QString &account, const AccountSecret &secret,
                                      Callback done)
{
    if (account.isEmpty() || secret.secretAccessKey.isEmpty()) {
        KeychainResult result;
        result.message = QStringLiteral("An account name and a secret access key are required");
        finishLater(done, result);
        return;
    }
    const QString service = m_service;
    const QString tokenKey = sessionTokenKey(account);
    // Backend errors and timeouts keep the secret in memory; any other error is reported.
    auto onFailure = [this, account, secret, done](QKeychain::Job *job) {
        const KeychainResult why = failure(job, account);
        if (why.status == KeychainResult::Status::Unavailable
            || why.status == KeychainResult::Status::TimedOut)
            keepForSession(account, secret, why, done);
        else
            done(why);
    };
    auto onSaved = [this, account, done] {
        m_sessionSecrets.remove(account);
        KeychainResult result;
        result.status = KeychainResult::Status::Ok;
        done(result);
    };
    runJob(
        [service, key = secretKey(account), text = secret.secretAccessKey] {
            auto *job = makeJob<QKeychain::WritePasswordJob>(service, key);
            job->setTextData(text);
            return job;
        },
        [this, service, tokenKey, token = secret.sessionToken, onFailure,
         onSaved](QKeychain::Job *job) {
            if (!job || job->error() != QKeychain::NoError) {
                onFailure(job);
                return;
            }
            if (token.isEmpty()) {
                // A stale token of an earlier write must not be paired with the new secret.
                runJob(
                    [service, tokenKey] {
                        return makeJob<QKeychain::DeletePasswordJob>(service, tokenKey);
                    },
                    [onFailure, onSaved](QKeychain::Job *deleteJob) {
                        if (deleteJob
                            && (deleteJob->error() == QKeychain::NoError
                                || deleteJob->error() == QKeychain::EntryNotFound))
                            onSaved();
                        else
                            onFailure(deleteJob);
                    },
                    false);
                return;
            }
            runJob(
                [service, tokenKey, token] {
                    auto *tokenJob = makeJob<QKeychain::WritePasswordJob>(service, tokenKey);
                    tokenJob->setTextData(token);
                    return tokenJob;
                },
                [onFailure, onSaved](QKeychain::Job *tokenJob) {
                    if (tokenJob && tokenJob->error() == QKeychain::NoError)
                        onSaved();
                    else
                        onFailure(tokenJob);
                },
                false);
        },
        true);
}

void KeychainSecretStore::removeSecret(const QString &account, Callback done)
{
    m_sessionSecrets.remove(account);
    const QString service = m_service;
    const QString tokenKey = sessionTokenKey(account);
    auto isGone = [](QKeychain::Job *job) {
        return job
               && (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound);
    };
    runJob(
        [service, key = secretKey(account)] {
            return makeJob<QKeychain::DeletePasswordJob>(service, key);
        },
        [this, account, done, service, tokenKey, isGone](QKeychain::Job *job) {
            if (!isGone(job)) {
                done(failure(job, account));
                return;
            }
            runJob([service,
                    tokenKey] { return makeJob<QKeychain::DeletePasswordJob>(service, tokenKey); },
                   [this, account, done, isGone](QKeychain::Job *tokenJob) {
                       if (!isGone(tokenJob)) {
                           done(failure(tokenJob, account));
                           return;
                       }
                       KeychainResult result;
                       result.status = KeychainResult::Status::Ok;
                       done(result);
                   },
                   false);
        },
        true);
}

} // namespace thaw::aws
