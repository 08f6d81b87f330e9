#include "clicredentials.h"

#include <QProcessEnvironment>

namespace thaw::cli {

// Interim: the environment provider only, until the full provider chain lands.
std::optional<aws::Credentials> resolveCliCredentials(const GlobalOptions &, QString *error)
{
    const auto env = QProcessEnvironment::systemEnvironment();
    aws::Credentials credentials(env.value(QStringLiteral("AWS_ACCESS_KEY_ID")),
                                 env.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")),
                                 env.value(QStringLiteral("AWS_SESSION_TOKEN")));
    if (!credentials.isValid()) {
        *error = QStringLiteral("no AWS credentials found");
        return std::nullopt;
    }
    return credentials;
}

} // namespace thaw::cli
