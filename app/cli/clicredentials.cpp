#include "clicredentials.h"

#include "core/aws/accountstore.h"
#include "core/aws/credentialchain.h"
#include "core/aws/keychainsecretstore.h"
#include "core/aws/profileregion.h"

#include <QSettings>

#include <chrono>

namespace thaw::cli {

namespace {

using namespace std::chrono_literals;

// One keychain job may take 5 s, and a backend that is not ready gets one retry after 1 s; the
// whole lookup gives up after 15 s so that a locked keyring can never hang a script.
constexpr auto keychainJobTimeout = 5s;
constexpr auto keychainRetryDelay = 1s;
constexpr auto lookupTimeout = 15s;

} // namespace

std::optional<aws::Credentials> resolveCliCredentials(const GlobalOptions &options,
                                                      const QProcessEnvironment &environment,
                                                      QSettings &accountSettings,
                                                      aws::KeychainSecretStore &keychain,
                                                      QString *error, QString *source)
{
    const aws::AccountStore accounts(accountSettings);
    aws::CredentialChain chain(environment, &accounts, &keychain);
    const aws::CredentialLookup lookup = chain.resolveBlocking(options.profile, lookupTimeout);
    if (!lookup.found()) {
        if (error)
            *error = lookup.error.isEmpty() ? QStringLiteral("no AWS credentials found")
                                            : lookup.error;
        return std::nullopt;
    }
    if (source)
        *source = lookup.source.toString();
    return lookup.credentials;
}

std::optional<aws::Credentials> resolveCliCredentials(const GlobalOptions &options, QString *error)
{
    // The settings of the GUI: main() sets the organisation and application names to "thaw".
    QSettings settings;
    aws::KeychainSecretStore keychain;
    keychain.setTimeout(keychainJobTimeout);
    keychain.setRetryDelay(keychainRetryDelay);
    return resolveCliCredentials(options, QProcessEnvironment::systemEnvironment(), settings,
                                 keychain, error);
}

std::optional<QString> resolveCliRegion(const GlobalOptions &options, QString *error)
{
    QSettings settings;
    const aws::AccountStore accounts(settings);
    const aws::RegionLookup lookup = aws::resolveRegion(
        options.region, options.profile, QProcessEnvironment::systemEnvironment(), &accounts);
    if (!lookup.found()) {
        if (error)
            *error = lookup.error;
        return std::nullopt;
    }
    return lookup.region;
}

} // namespace thaw::cli
