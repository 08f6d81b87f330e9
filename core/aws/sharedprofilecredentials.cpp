#include "sharedprofilecredentials.h"

namespace thaw::aws {

namespace {

const QString accessKeyKey = QStringLiteral("aws_access_key_id");
const QString secretKey = QStringLiteral("aws_secret_access_key");

CredentialLookup fromSection(const IniSection *section, const QString &profile, const QString &file,
                             CredentialSource::Kind kind)
{
    if (!section || !section->contains(accessKeyKey))
        return CredentialLookup::makeNotFound();
    const IniEntry *secret = section->entry(secretKey);
    if (!secret || secret->value.isEmpty()) {
        return CredentialLookup::makeError(
            QStringLiteral("%1:%2: profile '%3' sets aws_access_key_id but no "
                           "aws_secret_access_key")
                .arg(file, QString::number(section->line), profile));
    }
    // aws_security_token is botocore's older name for the session token.
    QString token = section->value(QStringLiteral("aws_session_token"));
    if (token.isEmpty())
        token = section->value(QStringLiteral("aws_security_token"));
    return CredentialLookup::makeFound(
        Credentials(section->value(accessKeyKey), secret->value, token),
        CredentialSource{kind, profile, file});
}

} // namespace

CredentialLookup credentialsFromSharedProfiles(const SharedProfiles &profiles,
                                               const QString &profile)
{
    const CredentialLookup fromCredentials = fromSection(
        profiles.credentialsSection(profile), profile, profiles.paths().credentialsFile,
        CredentialSource::Kind::SharedCredentialsFile);
    if (fromCredentials.status != CredentialLookup::Status::NotFound)
        return fromCredentials;
    return fromSection(profiles.configSection(profile), profile, profiles.paths().configFile,
                       CredentialSource::Kind::SharedConfigFile);
}

} // namespace thaw::aws
