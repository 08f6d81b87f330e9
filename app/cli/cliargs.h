#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>

// Shared command-line conventions of thaw-cli: the AWS CLI's global options and Thaw's exit codes.
namespace thaw::cli {

// Exit codes, documented in README.md. Distinct so that scripts can tell failures apart.
enum ExitCode : int {
    Success = 0,
    GeneralError = 1,
    UsageError = 2,        // bad arguments or options
    LocalIoError = 3,      // a local file could not be read or written
    AwsError = 4,          // AWS (or the endpoint) answered with an error
    VerificationError = 5, // bytes did not match their SHA-256 tree hash
    Interrupted = 6,       // stopped before the end; running the same command again resumes
    ConfigError = 7,       // no usable credentials, region or profile
};

enum class OutputFormat { Json, Text };

struct GlobalOptions
{
    QString profile;
    QString region;
    QString endpointUrl;
    OutputFormat output = OutputFormat::Json;
};

// Adds --profile, --region, --endpoint-url and --output to a sub-command's parser.
void addGlobalOptions(QCommandLineParser &parser);

// Reads the global options back; nullopt with *error set when --output is not json|text.
std::optional<GlobalOptions> globalOptions(const QCommandLineParser &parser, QString *error);

// Parses a sub-command's arguments; on failure prints the parser's message and usage to stderr.
bool parseOrComplain(QCommandLineParser &parser, const QStringList &arguments);

// The global options that take a value, so the dispatcher can skip their values.
const QStringList &globalOptionsWithValue();

void printError(const QString &message);

} // namespace thaw::cli
