#pragma once

#include "cliargs.h"
#include "core/aws/credentials.h"

#include <QProcessEnvironment>
#include <QString>

#include <optional>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace thaw::aws {
class KeychainSecretStore;
}

namespace thaw::cli {

// Credentials for a thaw-cli command, found the way the AWS CLI finds them (--profile honoured):
// the environment, ~/.aws/credentials and ~/.aws/config, then Thaw's keychain-backed accounts.
// nullopt with *error set (never containing a secret) when none can be found.
std::optional<aws::Credentials> resolveCliCredentials(const GlobalOptions &options, QString *error);

// The same with the environment, the account settings and the keychain injected; *source
// (optional) names where the credentials came from, e.g. "shared-credentials-file profile work".
std::optional<aws::Credentials> resolveCliCredentials(const GlobalOptions &options,
                                                      const QProcessEnvironment &environment,
                                                      QSettings &accountSettings,
                                                      aws::KeychainSecretStore &keychain,
                                                      QString *error, QString *source = nullptr);

// The region for a thaw-cli command: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's
// region, the Thaw account's region. nullopt with *error set when there is none.
std::optional<QString> resolveCliRegion(const GlobalOptions &options, QString *error);

} // namespace thaw::cli
