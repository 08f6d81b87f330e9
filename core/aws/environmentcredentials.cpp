#include "environmentcredentials.h"

namespace thaw::aws {

CredentialLookup credentialsFromEnvironment(const QProcessEnvironment &environment)
{
    const QString keyId = environment.value(QStringLiteral("AWS_ACCESS_KEY_ID"));
    if (keyId.isEmpty())
        return CredentialLookup::makeNotFound();
    const QString secret = environment.value(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    if (secret.isEmpty()) {
        // botocore's PartialCredentialsError: a half-set pair is a mistake, not a reason to
        // fall through to another (perhaps unintended) account.
        return CredentialLookup::makeError(
            QStringLiteral("Partial credentials found in the environment: AWS_ACCESS_KEY_ID is "
                           "set but AWS_SECRET_ACCESS_KEY is not"));
    }
    // AWS_SECURITY_TOKEN is botocore's older name for the session token.
    QString token = environment.value(QStringLiteral("AWS_SESSION_TOKEN"));
    if (token.isEmpty())
        token = environment.value(QStringLiteral("AWS_SECURITY_TOKEN"));
    return CredentialLookup::makeFound(
        Credentials(keyId, secret, token),
        CredentialSource{CredentialSource::Kind::Environment, {}, {}});
}

} // namespace thaw::aws
