#include "getjoboutputcommand.h"

#include "core/crypto/treehasher.h"
#include "core/glacier/joboutputsink.h"
#include "glacierclientsetup.h"

#include <QRegularExpression>
#include <QSaveFile>

namespace thaw::cli {

using namespace glacier;

namespace {

const QString RangeOption = QStringLiteral("range");

// "bytes=A-B", inclusive, as the Range header and the AWS CLI take it.
std::optional<GlacierClient::ByteRange> parseRange(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^bytes=(\\d{1,18})-(\\d{1,18})$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const GlacierClient::ByteRange range{match.captured(1).toLongLong(),
                                         match.captured(2).toLongLong()};
    if (range.last < range.first)
        return std::nullopt;
    return range;
}

// Writes through to a DeviceSink and computes the SHA-256 tree hash of what it wrote, so the
// body can be checked against x-amz-sha256-tree-hash; a retry starts the hash over.
class HashingSink final : public JobOutputSink
{
public:
    explicit HashingSink(QIODevice *device)
        : m_sink(device)
    {}

    bool begin(const JobOutputMetadata &metadata, QString *error) override
    {
        return m_sink.begin(metadata, error);
    }
    bool write(QByteArrayView data, QString *error) override
    {
        m_hasher.addData(data);
        return m_sink.write(data, error);
    }
    bool reset(QString *error) override
    {
        m_hasher = crypto::TreeHasher();
        return m_sink.reset(error);
    }
    QString treeHashHex() { return QString::fromLatin1(crypto::toHex(m_hasher.finish().root)); }

private:
    DeviceSink m_sink;
    crypto::TreeHasher m_hasher;
};

} // namespace

int runGetJobOutput(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Downloads the output of a completed job to OUTFILE and prints the response metadata "
        "(checksum, status, acceptRanges, contentRange, contentType, archiveDescription). "
        "When the response carries a checksum (a tree-hash-aligned range), the bytes are "
        "checked against it; on a mismatch nothing is written and the exit code is 5."));
    addGlacierOptions(parser);
    addVaultNameOption(parser);
    addJobIdOption(parser);
    parser.addOptions({
        {RangeOption, QStringLiteral("Only these bytes of the output, e.g. bytes=0-1048575."),
         QStringLiteral("bytes=A-B")},
    });
    parser.addPositionalArgument(QStringLiteral("outfile"),
                                 QStringLiteral("Where to write the output."));
    std::optional<QString> vault;
    std::optional<QString> jobId;
    std::optional<GlacierClient::ByteRange> range;
    QString outfile;
    int exitCode = Success;
    std::optional<GlacierSetup> setup = setupGlacierCommand(parser, arguments, &exitCode, [&] {
        vault = requiredOption(parser, VaultNameOption, QStringLiteral("get-job-output"));
        jobId = vault ? requiredOption(parser, JobIdOption, QStringLiteral("get-job-output"))
                      : std::nullopt;
        if (!jobId)
            return false;
        if (parser.isSet(RangeOption)) {
            range = parseRange(parser.value(RangeOption));
            if (!range) {
                printError(QStringLiteral("--range must be bytes=A-B with A <= B"));
                return false;
            }
        }
        if (parser.positionalArguments().size() != 1) {
            printError(QStringLiteral("get-job-output needs exactly one OUTFILE"));
            return false;
        }
        outfile = parser.positionalArguments().constFirst();
        return true;
    });
    if (!setup)
        return exitCode;

    QSaveFile file(outfile);
    if (!file.open(QIODevice::WriteOnly)) {
        printError(QStringLiteral("cannot write %1: %2").arg(outfile, file.errorString()));
        return LocalIoError;
    }
    HashingSink sink(&file);
    const Result<JobOutputResult> result
        = waitFor<JobOutputResult>([&](GlacierClient::Callback<JobOutputResult> done) {
              setup->client->getJobOutput(*vault, *jobId, range, &sink, std::move(done));
          });
    if (!result) {
        file.cancelWriting();
        return reportGlacierError(result.error());
    }
    // Glacier sends the tree hash only for tree-hash-aligned ranges; when it does, the bytes
    // must match it, or nothing is kept at OUTFILE.
    // https://docs.aws.amazon.com/amazonglacier/latest/dev/checksum-calculations-range.html
    const std::optional<QString> &checksum = result.value().metadata.checksum;
    if (checksum) {
        const QString computed = sink.treeHashHex();
        if (computed.compare(*checksum, Qt::CaseInsensitive) != 0) {
            file.cancelWriting();
            printError(QStringLiteral("the downloaded bytes do not match their SHA-256 tree hash "
                                      "(x-amz-sha256-tree-hash %1, computed %2); %3 was not "
                                      "written")
                           .arg(*checksum, computed, outfile));
            return VerificationError;
        }
    }
    if (!file.commit()) {
        printError(QStringLiteral("cannot write %1: %2").arg(outfile, file.errorString()));
        return LocalIoError;
    }
    const JobOutputMetadata &metadata = result.value().metadata;
    QJsonObject output{{QStringLiteral("status"), metadata.status}};
    auto insert = [&output](const char *name, const std::optional<QString> &value) {
        if (value)
            output.insert(QLatin1String(name), *value);
    };
    insert("checksum", metadata.checksum);
    insert("acceptRanges", metadata.acceptRanges);
    insert("contentRange", metadata.contentRange);
    insert("contentType", metadata.contentType);
    insert("archiveDescription", metadata.archiveDescription);
    printResult(output, setup->options.output);
    return Success;
}

} // namespace thaw::cli
