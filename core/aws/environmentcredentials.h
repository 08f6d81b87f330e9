#pragma once

#include "credentialsource.h"

#include <QProcessEnvironment>

namespace thaw::aws {

// The environment provider: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN
// (botocore's EnvProvider). NotFound without a key id; an Error when the secret is missing.
CredentialLookup credentialsFromEnvironment(const QProcessEnvironment &environment);

} // namespace thaw::aws
