#include "glacierclientsetup.h"

#include "clicredentials.h"
#include "core/glacier/endpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkProxyFactory>
#include <QTextStream>

namespace thaw::cli {

namespace {

const QString AccountIdOption = QStringLiteral("account-id");
const QString AllowInsecureOption = QStringLiteral("allow-insecure-endpoint");

void printText(QTextStream &out, const QString &prefix, const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            printText(out, prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key(),
                      it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            printText(out, QStringLiteral("%1[%2]").arg(prefix).arg(i), array.at(i));
    } else if (value.isNull()) {
        out << prefix << "\tNone\n";
    } else if (value.isBool()) {
        out << prefix << '\t' << (value.toBool() ? "True" : "False") << '\n';
    } else if (value.isDouble()) {
        out << prefix << '\t' << qint64(value.toDouble()) << '\n';
    } else {
        out << prefix << '\t' << value.toString() << '\n';
    }
}

} // namespace

void addGlacierOptions(QCommandLineParser &parser)
{
    addGlobalOptions(parser);
    parser.addOptions({
        {AccountIdOption,
         QStringLiteral("The AWS account that owns the vault; '-' (default) for the "
                        "credentials' own."),
         QStringLiteral("id"), QStringLiteral("-")},
        {AllowInsecureOption,
         QStringLiteral("Allow a plain http:// --endpoint-url that is not a loopback address. "
                        "Requests then travel unencrypted.")},
    });
}

std::optional<GlobalOptions> parseCommandOptions(QCommandLineParser &parser,
                                                 const QStringList &arguments, int *exitCode)
{
    if (!parseOrComplain(parser, arguments)) {
        *exitCode = UsageError;
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        *exitCode = Success;
        return std::nullopt;
    }
    QString error;
    std::optional<GlobalOptions> options = globalOptions(parser, &error);
    if (!options) {
        printError(error);
        *exitCode = UsageError;
    }
    return options;
}

std::optional<GlacierSetup> setupGlacierCommand(QCommandLineParser &parser,
                                                const QStringList &arguments, int *exitCode,
                                                const std::function<bool()> &validate)
{
    const std::optional<GlobalOptions> options = parseCommandOptions(parser, arguments, exitCode);
    if (!options)
        return std::nullopt;
    if (validate && !validate()) {
        *exitCode = UsageError;
        return std::nullopt;
    }
    QString error;
    const std::optional<QString> region = resolveCliRegion(*options, &error);
    if (!region) {
        printError(error);
        *exitCode = ConfigError;
        return std::nullopt;
    }
    const std::optional<QUrl> endpoint = glacier::glacierEndpoint(
        *region, options->endpointUrl, parser.isSet(AllowInsecureOption), &error);
    if (!endpoint) {
        printError(error);
        *exitCode = options->endpointUrl.isEmpty() ? ConfigError : UsageError;
        return std::nullopt;
    }
    const std::optional<aws::Credentials> credentials = resolveCliCredentials(*options, &error);
    if (!credentials) {
        printError(error);
        *exitCode = ConfigError;
        return std::nullopt;
    }
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    GlacierSetup setup;
    setup.options = *options;
    setup.network = std::make_unique<QNetworkAccessManager>();
    glacier::GlacierClient::Options clientOptions;
    clientOptions.accountId = parser.value(AccountIdOption);
    setup.client = std::make_unique<glacier::GlacierClient>(setup.network.get(), *endpoint, *region,
                                                            *credentials, clientOptions);
    return setup;
}

int reportGlacierError(const glacier::GlacierError &error)
{
    using namespace glacier;
    if (error.code == QLatin1String(NoCredentialsCode)) {
        printError(error.message);
        return ConfigError;
    }
    if (error.code == QLatin1String(LocalErrorCode)) {
        printError(error.message);
        return LocalIoError;
    }
    if (error.code == QLatin1String(AbortedCode)) {
        printError(error.message);
        return Interrupted;
    }
    if (error.isNetworkError() && error.httpStatus == 0) {
        printError(QStringLiteral("could not complete the %1 call: %2")
                       .arg(operationName(error.operation), error.networkErrorText));
        return GeneralError;
    }
    printError(error.awsCliMessage());
    return AwsError;
}

void printResult(const QJsonObject &object, OutputFormat format)
{
    QTextStream out(stdout);
    if (format == OutputFormat::Text) {
        printText(out, QString(), object);
        return;
    }
    out << QJsonDocument(object).toJson(QJsonDocument::Indented);
}

std::optional<QString> requiredOption(const QCommandLineParser &parser, const QString &name,
                                      const QString &command)
{
    const QString value = parser.value(name);
    if (value.isEmpty()) {
        printError(QStringLiteral("%1 needs --%2").arg(command, name));
        return std::nullopt;
    }
    return value;
}

void addVaultNameOption(QCommandLineParser &parser)
{
    parser.addOption(
        {VaultNameOption, QStringLiteral("The vault's name (required)."), QStringLiteral("name")});
}

void addJobIdOption(QCommandLineParser &parser)
{
    parser.addOption(
        {JobIdOption, QStringLiteral("The job's id (required)."), QStringLiteral("id")});
}

} // namespace thaw::cli
