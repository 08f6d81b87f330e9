#include "downloadcommand.h"

#include "core/transfer/downloadengine.h"
#include "glacierclientsetup.h"

#include <QEventLoop>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace thaw::cli {

using namespace transfer;

namespace {

const QString OutOption = QStringLiteral("out");
const QString ChunkSizeOption = QStringLiteral("chunk-size");
const QString ParallelOption = QStringLiteral("parallel");
const QString LimitRateOption = QStringLiteral("limit-rate");
const QString OverwriteOption = QStringLiteral("overwrite");
const QString VerifyKeptOption = QStringLiteral("verify-kept");

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
}

// SIGINT and SIGTERM reach the event loop through a pipe (the only safe thing a handler may
// do), where they cancel the download; a second signal ends the process at once.
class SignalCatcher final
{
public:
    explicit SignalCatcher(std::function<void()> onSignal)
    {
        if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(g_signalPipe[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, [this, onSignal] {
            char byte;
            while (::read(g_signalPipe[0], &byte, 1) > 0) {
            }
            if (m_caught++ > 0)
                std::_Exit(Interrupted);
            onSignal();
        });
        struct sigaction action = {};
        action.sa_handler = &::thaw::cli::onSignal;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGINT, &action, nullptr);
        ::sigaction(SIGTERM, &action, nullptr);
    }
    ~SignalCatcher()
    {
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGTERM, SIG_DFL);
        m_notifier.reset();
        ::close(g_signalPipe[0]);
        ::close(g_signalPipe[1]);
    }

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
    int m_caught = 0;
};

std::optional<qint64> positiveNumber(const QCommandLineParser &parser, const QString &name,
                                     qint64 maximum)
{
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < 1 || value > maximum) {
        printError(
            QStringLiteral("--%1 must be a whole number from 1 to %2").arg(name).arg(maximum));
        return std::nullopt;
    }
    return value;
}

QString progressLine(const DownloadProgress &progress)
{
    const qint64 percent
        = progress.totalBytes > 0 ? progress.doneBytes * 100 / progress.totalBytes : 100;
    QString line = QStringLiteral("\r%1% %2/%3 MiB, chunks %4/%5 (%6 active), %7 KiB/s")
                       .arg(percent)
                       .arg(progress.doneBytes >> 20)
                       .arg(progress.totalBytes >> 20)
                       .arg(progress.chunksVerified)
                       .arg(progress.chunkCount)
                       .arg(progress.chunksActive)
                       .arg(progress.bytesPerSecond >> 10);
    if (progress.etaSeconds >= 0)
        line += QStringLiteral(", ETA %1 s").arg(progress.etaSeconds);
    return line + QStringLiteral("   ");
}

int exitCodeOf(const DownloadResult &result)
{
    switch (result.error) {
    case DownloadError::None:
        return result.verified ? Success : VerificationError;
    case DownloadError::LocalIo:
        return LocalIoError;
    case DownloadError::Aws:
        return AwsError;
    case DownloadError::Verification:
        return VerificationError;
    case DownloadError::Interrupted:
        return Interrupted;
    case DownloadError::Config:
        return ConfigError;
    }
    return GeneralError;
}

} // namespace

int runDownload(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Downloads a completed job's output to FILE in verified chunks fetched in parallel. "
        "Bytes go to FILE.part, verified chunks are recorded in FILE.part.journal, and running "
        "the same command again resumes. Prints a JSON summary on stdout."));
    addGlacierOptions(parser);
    addVaultNameOption(parser);
    addJobIdOption(parser);
    parser.addOptions({
        {OutOption, QStringLiteral("The file to write (required)."), QStringLiteral("file")},
        {ChunkSizeOption,
         QStringLiteral("Chunk size in MiB, a power of two (default: 64, halved down to 1 until "
                        "there are at least 2 x parallel chunks)."),
         QStringLiteral("mib")},
        {ParallelOption, QStringLiteral("Chunks fetched at once (default 4)."), QStringLiteral("n"),
         QStringLiteral("4")},
        {LimitRateOption, QStringLiteral("Bandwidth limit over all chunks, bytes per second."),
         QStringLiteral("bytes")},
        {OverwriteOption,
         QStringLiteral("Replace FILE if it exists, and start over if FILE.part.journal belongs "
                        "to another download.")},
        {VerifyKeptOption,
         QStringLiteral("Re-hash the chunks kept from an earlier run even if FILE.part looks "
                        "untouched.")},
    });
    DownloadOptions options;
    int exitCode = Success;
    std::optional<GlacierSetup> setup = setupGlacierCommand(parser, arguments, &exitCode, [&] {
        const QString command = QStringLiteral("download");
        const std::optional<QString> vault = requiredOption(parser, VaultNameOption, command);
        const std::optional<QString> jobId
            = vault ? requiredOption(parser, JobIdOption, command) : std::nullopt;
        const std::optional<QString> out
            = jobId ? requiredOption(parser, OutOption, command) : std::nullopt;
        if (!out)
            return false;
        if (!parser.positionalArguments().isEmpty()) {
            printError(QStringLiteral("download takes no positional arguments; use --out FILE"));
            return false;
        }
        options.vault = *vault;
        options.jobId = *jobId;
        options.outputPath = *out;
        if (parser.isSet(ChunkSizeOption)) {
            const std::optional<qint64> mib = positiveNumber(parser, ChunkSizeOption, 4096);
            if (!mib)
                return false;
            if ((*mib & (*mib - 1)) != 0) {
                printError(QStringLiteral("--chunk-size must be a power of two (1, 2, 4, ... MiB) "
                                          "so that every chunk is tree-hash aligned"));
                return false;
            }
            options.chunkSizeMiB = *mib;
        }
        const std::optional<qint64> parallel = positiveNumber(parser, ParallelOption, 64);
        if (!parallel)
            return false;
        options.parallel = int(*parallel);
        if (parser.isSet(LimitRateOption)) {
            const std::optional<qint64> rate
                = positiveNumber(parser, LimitRateOption, qint64(1) << 40);
            if (!rate)
                return false;
            options.limitRate = *rate;
        }
        options.overwrite = parser.isSet(OverwriteOption);
        options.verifyKept = parser.isSet(VerifyKeptOption);
        return true;
    });
    if (!setup)
        return exitCode;

    DownloadEngine engine(setup->client.get(), options);
    QEventLoop loop;
    QObject::connect(&engine, &DownloadEngine::finished, &loop, &QEventLoop::quit);
    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    QTextStream err(stderr);
    if (terminal) {
        QObject::connect(&engine, &DownloadEngine::progressChanged,
                         [&err](const DownloadProgress &progress) {
                             err << progressLine(progress) << Qt::flush;
                         });
    }
    SignalCatcher catcher([&engine] { engine.cancel(); });
    engine.start();
    loop.exec();
    if (terminal)
        err << '\n' << Qt::flush;

    const DownloadResult &result = engine.result();
    if (!result.message.isEmpty())
        printError(result.message);
    if (result.complete) {
        printResult(QJsonObject{{QStringLiteral("Path"), result.outputPath},
                                {QStringLiteral("Size"), result.size},
                                {QStringLiteral("SHA256TreeHash"), result.treeHash},
                                {QStringLiteral("Verified"), result.verified},
                                {QStringLiteral("VerifiedBy"), verifiedByName(result.verifiedBy)},
                                {QStringLiteral("BytesDownloaded"), result.bytesDownloaded},
                                {QStringLiteral("BytesReused"), result.bytesReused},
                                {QStringLiteral("ChunkSizeMiB"), result.chunkSizeMiB},
                                {QStringLiteral("Chunks"), result.chunkCount}},
                    setup->options.output);
    }
    return exitCodeOf(result);
}

} // namespace thaw::cli
