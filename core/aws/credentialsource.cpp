#include "credentialsource.h"

#include <utility>

namespace thaw::aws {

QString CredentialSource::toString() const
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Environment:
        return QStringLiteral("environment");
    case Kind::SharedCredentialsFile:
        return QStringLiteral("shared-credentials-file profile %1").arg(name);
    case Kind::SharedConfigFile:
        return QStringLiteral("config-file profile %1").arg(name);
    case Kind::ThawAccount:
        return QStringLiteral("thaw account %1").arg(name);
    }
    return {};
}

CredentialLookup CredentialLookup::makeFound(Credentials credentials, CredentialSource source)
{
    CredentialLookup lookup;
    lookup.status = Status::Found;
    lookup.credentials = std::move(credentials);
    lookup.source = std::move(source);
    return lookup;
}

CredentialLookup CredentialLookup::makeNotFound(QString why)
{
    CredentialLookup lookup;
    lookup.error = std::move(why);
    return lookup;
}

CredentialLookup CredentialLookup::makeError(QString message)
{
    CredentialLookup lookup;
    lookup.status = Status::Error;
    lookup.error = std::move(message);
    return lookup;
}

} // namespace thaw::aws
