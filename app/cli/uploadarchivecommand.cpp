#include "uploadarchivecommand.h"

#include "glacierclientsetup.h"

#include <QFile>

namespace thaw::cli {

using namespace glacier;

namespace {

const QString BodyOption = QStringLiteral("body");
const QString DescriptionOption = QStringLiteral("archive-description");
// Upload Archive takes one request of at most 4 GiB (api-archive-post.md).
constexpr qint64 MaxSingleUpload = 4LL * 1024 * 1024 * 1024;

} // namespace

int runUploadArchive(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Uploads FILE as one archive and prints its location, checksum (SHA-256 "
                       "tree hash) and archiveId."));
    addGlacierOptions(parser);
    addVaultNameOption(parser);
    parser.addOptions({
        {BodyOption, QStringLiteral("The file to upload (required)."), QStringLiteral("file")},
        {DescriptionOption, QStringLiteral("The archive's description (printable ASCII)."),
         QStringLiteral("text")},
    });
    std::optional<QString> vault;
    std::optional<QString> body;
    std::optional<QString> description;
    int exitCode = Success;
    std::optional<GlacierSetup> setup = setupGlacierCommand(parser, arguments, &exitCode, [&] {
        vault = requiredOption(parser, VaultNameOption, QStringLiteral("upload-archive"));
        body = vault ? requiredOption(parser, BodyOption, QStringLiteral("upload-archive"))
                     : std::nullopt;
        if (parser.isSet(DescriptionOption)) {
            description = parser.value(DescriptionOption);
            for (const QChar c : *description) {
                if (c.unicode() < 0x20 || c.unicode() > 0x7e) {
                    printError(QStringLiteral("--archive-description must be printable ASCII"));
                    return false;
                }
            }
        }
        return body.has_value();
    });
    if (!setup)
        return exitCode;

    QFile file(*body);
    if (!file.open(QIODevice::ReadOnly)) {
        printError(QStringLiteral("cannot read %1: %2").arg(*body, file.errorString()));
        return LocalIoError;
    }
    if (file.size() > MaxSingleUpload) {
        printError(QStringLiteral("%1 is larger than 4 GiB, the most one upload takes").arg(*body));
        return UsageError;
    }
    const Result<UploadArchiveResult> result
        = waitFor<UploadArchiveResult>([&](GlacierClient::Callback<UploadArchiveResult> done) {
              setup->client->uploadArchive(*vault, &file, description, std::move(done));
          });
    if (!result)
        return reportGlacierError(result.error());
    printResult(QJsonObject{{QStringLiteral("location"), result.value().location},
                            {QStringLiteral("checksum"), result.value().checksum},
                            {QStringLiteral("archiveId"), result.value().archiveId}},
                setup->options.output);
    return Success;
}

} // namespace thaw::cli
