#include "cliargs.h"

#include <QTextStream>

#include <cstdio>

namespace thaw::cli {

void addGlobalOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("profile"), QStringLiteral("Use this profile of ~/.aws/config."),
         QStringLiteral("name")},
        {QStringLiteral("region"), QStringLiteral("AWS region, e.g. eu-west-1."),
         QStringLiteral("region")},
        {QStringLiteral("endpoint-url"), QStringLiteral("Send requests to this URL instead."),
         QStringLiteral("url")},
        {QStringLiteral("output"), QStringLiteral("Output format: json (default) or text."),
         QStringLiteral("format"), QStringLiteral("json")},
    });
    parser.addHelpOption();
}

std::optional<GlobalOptions> globalOptions(const QCommandLineParser &parser, QString *error)
{
    GlobalOptions options;
    options.profile = parser.value(QStringLiteral("profile"));
    options.region = parser.value(QStringLiteral("region"));
    options.endpointUrl = parser.value(QStringLiteral("endpoint-url"));
    const QString output = parser.value(QStringLiteral("output"));
    if (output == QLatin1String("json")) {
        options.output = OutputFormat::Json;
    } else if (output == QLatin1String("text")) {
        options.output = OutputFormat::Text;
    } else {
        *error = QStringLiteral("--output must be json or text, not '%1'").arg(output);
        return std::nullopt;
    }
    return options;
}

bool parseOrComplain(QCommandLineParser &parser, const QStringList &arguments)
{
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        QTextStream(stderr) << parser.helpText();
        return false;
    }
    return true;
}

const QStringList &globalOptionsWithValue()
{
    static const QStringList names = {
        QStringLiteral("--profile"),
        QStringLiteral("--region"),
        QStringLiteral("--endpoint-url"),
        QStringLiteral("--output"),
    };
    return names;
}

void printError(const QString &message)
{
    QTextStream(stderr) << "thaw-cli: " << message << Qt::endl;
}

} // namespace thaw::cli
