#include "treehashcommand.h"

#include "cliargs.h"

#include "core/crypto/filetreehash.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>

#include <optional>

namespace thaw::cli {

namespace {

// "START-END", inclusive, as in an HTTP Range header and in Glacier's job ranges.
std::optional<crypto::ByteRange> parseRange(const QString &text, QString *error)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)-(\\d+)$"));
    const QRegularExpressionMatch match = pattern.match(text);
    bool firstOk = false;
    bool lastOk = false;
    crypto::ByteRange range;
    if (match.hasMatch()) {
        range.first = match.captured(1).toLongLong(&firstOk);
        range.last = match.captured(2).toLongLong(&lastOk);
    }
    if (!firstOk || !lastOk) {
        *error = QStringLiteral("--range must be START-END (inclusive byte offsets), not '%1'")
                     .arg(text);
        return std::nullopt;
    }
    if (range.first > range.last) {
        *error = QStringLiteral("--range %1: START is after END").arg(text);
        return std::nullopt;
    }
    return range;
}

} // namespace

int runTreeHash(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Prints the SHA-256 tree hash (as Glacier computes it) of a file or of "
                       "an inclusive byte range of it."));
    addGlobalOptions(parser);
    parser.addOption({QStringLiteral("range"),
                      QStringLiteral("Hash only bytes START to END of the file, both included, "
                                     "as data of its own."),
                      QStringLiteral("START-END")});
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The file to hash."));
    if (!parseOrComplain(parser, arguments))
        return UsageError;
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return Success;
    }

    QString error;
    const std::optional<GlobalOptions> global = globalOptions(parser, &error);
    if (!global) {
        printError(error);
        return UsageError;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        printError(QStringLiteral("tree-hash takes exactly one FILE"));
        return UsageError;
    }
    crypto::FileTreeHashOptions options;
    if (parser.isSet(QStringLiteral("range"))) {
        options.range = parseRange(parser.value(QStringLiteral("range")), &error);
        if (!options.range) {
            printError(error);
            return UsageError;
        }
    }
    // The documented output is the bare hash; JSON only when asked for by name, even though
    // json is the default format of the other commands.
    const bool json
        = parser.isSet(QStringLiteral("output")) && global->output == OutputFormat::Json;
    options.computeSha256 = json;

    const crypto::FileTreeHashResult result = crypto::treeHashFile(files.constFirst(), options);
    if (!result.ok()) {
        printError(result.error);
        return LocalIoError;
    }
    QTextStream out(stdout);
    if (json) {
        const QJsonObject object{
            {QStringLiteral("Size"), result.treeHash.size},
            {QStringLiteral("SHA256"), QString::fromLatin1(crypto::toHex(*result.sha256))},
            {QStringLiteral("SHA256TreeHash"),
             QString::fromLatin1(crypto::toHex(result.treeHash.root))},
        };
        out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        out << crypto::toHex(result.treeHash.root) << '\n';
    }
    out.flush();
    return Success;
}

} // namespace thaw::cli
