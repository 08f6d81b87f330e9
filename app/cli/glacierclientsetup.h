#pragma once

#include "cliargs.h"
#include "core/glacier/glacierclient.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <memory>
#include <optional>

// What every Glacier command of thaw-cli shares: its extra options, building a GlacierClient
// from them, waiting for a call, and printing results and errors like `aws glacier`.
namespace thaw::cli {

// --account-id (default "-") and --allow-insecure-endpoint, besides the global options.
void addGlacierOptions(QCommandLineParser &parser);

// The option names most Glacier commands take, spelled as `aws glacier` spells them.
inline const QString VaultNameOption = QStringLiteral("vault-name");
inline const QString JobIdOption = QStringLiteral("job-id");
// --vault-name <name> and --job-id <id>, both required by the commands that add them.
void addVaultNameOption(QCommandLineParser &parser);
void addJobIdOption(QCommandLineParser &parser);

// A client and the network manager it uses, alive for the command.
struct GlacierSetup
{
    GlobalOptions options;
    std::unique_ptr<QNetworkAccessManager> network;
    std::unique_ptr<glacier::GlacierClient> client;
};

// Parses arguments, prints --help, reads the global options. On failure (or after --help)
// returns nullopt with *exitCode set (UsageError, or Success after --help) and the reason
// printed. The first step of every command, networked or not.
std::optional<GlobalOptions> parseCommandOptions(QCommandLineParser &parser,
                                                 const QStringList &arguments, int *exitCode);

// Parses arguments, handles --help, runs `validate` (the command's own checks: false means it
// printed why, UsageError), then resolves region, endpoint and credentials. On failure (or
// after --help) returns nullopt with *exitCode set and the reason printed.
std::optional<GlacierSetup> setupGlacierCommand(QCommandLineParser &parser,
                                                const QStringList &arguments, int *exitCode,
                                                const std::function<bool()> &validate = {});

// Runs a call in a local event loop until its callback fires.
template<typename T>
glacier::Result<T> waitFor(const std::function<void(glacier::GlacierClient::Callback<T>)> &start)
{
    std::optional<glacier::Result<T>> result;
    QEventLoop loop;
    start([&result, &loop](glacier::Result<T> value) {
        result.emplace(std::move(value));
        loop.quit();
    });
    if (!result)
        loop.exec();
    return std::move(*result);
}

// Prints the error like the AWS CLI ("An error occurred (Code) when calling the Op operation:
// message") and returns the exit code: AwsError for an AWS answer, GeneralError for a network
// failure, LocalIoError, ConfigError or Interrupted for Thaw's own.
int reportGlacierError(const glacier::GlacierError &error);

// Prints a JSON object as `aws glacier` does (indented), or key<TAB>value lines for --output text.
void printResult(const QJsonObject &object, OutputFormat format);

// Reads a required option; prints "<command> needs --<name>" and returns nullopt when missing.
std::optional<QString> requiredOption(const QCommandLineParser &parser, const QString &name,
                                      const QString &command);

} // namespace thaw::cli
