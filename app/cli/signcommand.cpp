#include "signcommand.h"

#include "cliargs.h"
#include "clicredentials.h"
#include "core/aws/httprequestparser.h"
#include "core/aws/sigv4.h"
#include "core/aws/sigv4signer.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QTextStream>

#include <cstdio>

namespace thaw::cli {

namespace {

const QString DateOption = QStringLiteral("date");
const QString ServiceOption = QStringLiteral("service");
const QString VerboseOption = QStringLiteral("verbose");

QByteArray readStandardInput()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    return in.readAll();
}

} // namespace

int runSign(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Signs the raw HTTP/1.1 request read from stdin with AWS Signature "
                       "Version 4 and prints its Authorization header value. Every header of "
                       "the request is signed; X-Amz-Date is added when absent, and "
                       "X-Amz-Security-Token when the credentials carry a session token. The "
                       "payload hash is the request's x-amz-content-sha256 value when it has "
                       "one, else the SHA-256 of its body."));
    addGlobalOptions(parser);
    parser.addOptions({
        {DateOption,
         QStringLiteral("Sign as of this UTC time when the request has no X-Amz-Date header "
                        "(default: now)."),
         QStringLiteral("YYYYMMDDTHHMMSSZ")},
        {ServiceOption, QStringLiteral("The service's signing name, e.g. glacier (required)."),
         QStringLiteral("service")},
        {VerboseOption,
         QStringLiteral("Print the canonical request and the string to sign first. They show "
                        "the session token, if any, but never the secret key.")},
    });
    if (!parseOrComplain(parser, arguments))
        return UsageError;
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("sign takes no arguments; the request is read from stdin"));
        return UsageError;
    }
    QString error;
    const std::optional<GlobalOptions> options = globalOptions(parser, &error);
    if (!options) {
        printError(error);
        return UsageError;
    }
    if (options->region.isEmpty()) {
        printError(QStringLiteral("sign needs --region"));
        return UsageError;
    }
    const QString service = parser.value(ServiceOption);
    if (service.isEmpty()) {
        printError(QStringLiteral("sign needs --service"));
        return UsageError;
    }
    QDateTime dateTime;
    if (parser.isSet(DateOption)) {
        dateTime = aws::sigv4::parseAmzDate(parser.value(DateOption).toLatin1());
        if (!dateTime.isValid()) {
            printError(QStringLiteral("--date must be YYYYMMDDTHHMMSSZ, like 20150830T123600Z"));
            return UsageError;
        }
    }

    const std::optional<aws::HttpRequest> request
        = aws::parseHttpRequest(readStandardInput(), &error);
    if (!request) {
        printError(QStringLiteral("malformed request on stdin: %1").arg(error));
        return UsageError;
    }
    // The request's own X-Amz-Date wins: it is what the server will check the signature against.
    const QByteArray requestDate = aws::headerValue(request->headers, "X-Amz-Date");
    if (!requestDate.isNull()) {
        dateTime = aws::sigv4::parseAmzDate(requestDate.trimmed());
        if (!dateTime.isValid()) {
            printError(QStringLiteral("malformed request on stdin: X-Amz-Date must be "
                                      "YYYYMMDDTHHMMSSZ"));
            return UsageError;
        }
    } else if (!dateTime.isValid()) {
        dateTime = QDateTime::currentDateTimeUtc();
    }

    const std::optional<aws::Credentials> credentials = resolveCliCredentials(*options, &error);
    if (!credentials) {
        printError(error);
        return ConfigError;
    }

    const aws::sigv4::SigningResult result
        = aws::sigv4::sign(*request, aws::sigv4::payloadHashOf(*request), dateTime, options->region,
                           service, *credentials);
    QTextStream out(stdout);
    if (parser.isSet(VerboseOption)) {
        out << "--- canonical request ---\n"
            << result.canonicalRequest << "\n--- string to sign ---\n"
            << result.stringToSign << "\n--- authorization ---\n";
    }
    out << result.authorization << Qt::endl;
    return Success;
}

} // namespace thaw::cli
