#pragma once

#include "credentials.h"

#include <QString>

namespace thaw::aws {

// Where a set of credentials came from, for messages such as "using thaw account backup".
struct CredentialSource
{
    enum class Kind { None, Environment, SharedCredentialsFile, SharedConfigFile, ThawAccount };

    Kind kind = Kind::None;
    QString name; // the profile or account name; empty for the environment
    QString file; // the file read, for the shared files

    // "environment", "shared-credentials-file profile x", "config-file profile x",
    // "thaw account x" (the method names of botocore, so users recognise them).
    QString toString() const;

    friend bool operator==(const CredentialSource &, const CredentialSource &) = default;
};

// The outcome of one provider or of the whole chain. Errors are values; none contains a secret.
struct CredentialLookup
{
    enum class Status { NotFound, Found, Error };

    Status status = Status::NotFound;
    Credentials credentials; // when Found
    CredentialSource source; // when Found
    QString error;           // when Error or NotFound: a message for the user

    bool found() const { return status == Status::Found; }

    static CredentialLookup makeFound(Credentials credentials, CredentialSource source);
    static CredentialLookup makeNotFound(QString why = {});
    static CredentialLookup makeError(QString message);
};

} // namespace thaw::aws
