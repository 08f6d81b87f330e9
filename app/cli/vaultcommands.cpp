#include "vaultcommands.h"

#include "core/glacier/glacierjson.h"
#include "glacierclientsetup.h"

#include <QJsonArray>

namespace thaw::cli {

using namespace glacier;

namespace {

const QString LimitOption = QStringLiteral("limit");
const QString MarkerOption = QStringLiteral("marker");

// A positive integer option, or nullopt (absent); *ok false when present and malformed.
std::optional<int> limitOption(const QCommandLineParser &parser, bool *ok)
{
    *ok = true;
    if (!parser.isSet(LimitOption))
        return std::nullopt;
    const int limit = parser.value(LimitOption).toInt(ok);
    if (!*ok || limit <= 0) {
        *ok = false;
        printError(QStringLiteral("--limit must be a positive integer"));
        return std::nullopt;
    }
    return limit;
}

} // namespace

int runListVaults(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Lists the vaults of the account (every page unless --limit is given)."));
    addGlacierOptions(parser);
    parser.addOptions({
        {LimitOption, QStringLiteral("Return at most this many vaults (one page)."),
         QStringLiteral("n")},
        {MarkerOption, QStringLiteral("Start after this vault ARN (from a previous Marker)."),
         QStringLiteral("marker")},
    });
    std::optional<int> limit;
    std::optional<QString> marker;
    int exitCode = Success;
    std::optional<GlacierSetup> setup = setupGlacierCommand(parser, arguments, &exitCode, [&] {
        bool ok = false;
        limit = limitOption(parser, &ok);
        if (parser.isSet(MarkerOption))
            marker = parser.value(MarkerOption);
        return ok;
    });
    if (!setup)
        return exitCode;

    QJsonArray vaults;
    for (;;) {
        Result<ListVaultsPage> page
            = waitFor<ListVaultsPage>([&](GlacierClient::Callback<ListVaultsPage> done) {
                  setup->client->listVaults(limit, marker, std::move(done));
              });
        if (!page)
            return reportGlacierError(page.error());
        for (const VaultDescription &vault : page.value().vaultList)
            vaults.append(json::toJson(vault));
        const std::optional<QString> next = page.value().marker;
        if (limit || !next || next->isEmpty() || next == marker) {
            QJsonObject result{{QStringLiteral("VaultList"), vaults}};
            if (limit && next)
                result.insert(QStringLiteral("Marker"), *next);
            printResult(result, setup->options.output);
            return Success;
        }
        marker = next;
    }
}

int runDescribeVault(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Describes a vault."));
    addGlacierOptions(parser);
    addVaultNameOption(parser);
    std::optional<QString> vault;
    int exitCode = Success;
    std::optional<GlacierSetup> setup = setupGlacierCommand(parser, arguments, &exitCode, [&] {
        vault = requiredOption(parser, VaultNameOption, QStringLiteral("describe-vault"));
        return vault.has_value();
    });
    if (!setup)
        return exitCode;
    const Result<VaultDescription> result
        = waitFor<VaultDescription>([&](GlacierClient::Callback<VaultDescription> done) {
              setup->client->describeVault(*vault, std::move(done));
          });
    if (!result)
        return reportGlacierError(result.error());
    printResult(json::toJson(result.value()), setup->options.output);
    return Success;
}

int runCreateVault(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Creates a vault (nothing happens if it "
                                                    "exists already)."));
    addGlacierOptions(parser);
    addVaultNameOption(parser);
    std::optional<QString> vault;
    int exitCode = Success;
    std::optional<GlacierSetup> setup = setupGlacierCommand(parser, arguments, &exitCode, [&] {
        vault = requiredOption(parser, VaultNameOption, QStringLiteral("create-vault"));
        return vault.has_value();
    });
    if (!setup)
        return exitCode;
    const Result<CreateVaultResult> result
        = waitFor<CreateVaultResult>([&](GlacierClient::Callback<CreateVaultResult> done) {
              setup->client->createVault(*vault, std::move(done));
          });
    if (!result)
        return reportGlacierError(result.error());
    printResult(QJsonObject{{QStringLiteral("location"), result.value().location}},
                setup->options.output);
    return Success;
}

} // namespace thaw::cli
