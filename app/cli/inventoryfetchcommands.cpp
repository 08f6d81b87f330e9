#include "core/inventory/inventoryretrieval.h"
#include "glacierclientsetup.h"
#include "inventoryclisupport.h"
#include "inventorycommands.h"

#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QTextStream>

// The inventory sub-commands that talk to Glacier: fetch (a job already started) and retrieve
// (start one). Both download through the restore engine (resumable) and import into the cache.
namespace thaw::cli {

using namespace inventory;

namespace {

const QString WorkDirOption = QStringLiteral("work-dir");
const QString FollowMarkerOption = QStringLiteral("follow-marker");
const QString NoFollowOption = QStringLiteral("no-follow");
const QString FormatOption = QStringLiteral("format");
const QString StartDateOption = QStringLiteral("start-date");
const QString EndDateOption = QStringLiteral("end-date");
const QString LimitOption = QStringLiteral("limit");
const QString MarkerOption = QStringLiteral("marker");
const QString PollOption = QStringLiteral("poll-interval");

void addRetrievalOptions(QCommandLineParser &parser)
{
    addGlacierOptions(parser);
    addVaultNameOption(parser);
    addCacheOption(parser);
    parser.addOptions({
        {WorkDirOption,
         QStringLiteral("Where job outputs are downloaded before import (default: a folder "
                        "beside the cache)."),
         QStringLiteral("dir")},
        {PollOption,
         QStringLiteral("Seconds between Describe Job calls while a job runs (default 60)."),
         QStringLiteral("s"), QStringLiteral("60")},
    });
}

int runRetrieval(QCommandLineParser &parser, GlacierSetup &setup, const QString &vault,
                 const std::function<void(InventoryRetrieval &)> &start, bool follow)
{
    int exitCode = Success;
    const std::optional<InventoryContext> context
        = inventoryContext(parser, setup.options, vault, &exitCode);
    if (!context)
        return exitCode;
    RetrievalOptions options;
    options.vault = context->vault;
    options.cachePath = context->cachePath;
    options.workDirectory = parser.value(WorkDirOption);
    if (options.workDirectory.isEmpty())
        options.workDirectory = context->cachePath + QStringLiteral(".downloads");
    bool ok = false;
    const double poll = parser.value(PollOption).toDouble(&ok);
    if (!ok || poll <= 0 || poll > 24 * 3600) {
        printError(QStringLiteral("--poll-interval must be a number of seconds above 0"));
        return UsageError;
    }
    options.pollIntervalMs = int(poll * 1000);
    options.followMarker = follow;
    InventoryRetrieval retrieval(setup.client.get(), options);
    QTextStream err(stderr);
    QObject::connect(&retrieval, &InventoryRetrieval::statusChanged,
                     [&err](const QString &status) { err << status << Qt::endl; });
    QEventLoop loop;
    QObject::connect(&retrieval, &InventoryRetrieval::finished, &loop, &QEventLoop::quit);
    start(retrieval);
    loop.exec();
    const RetrievalResult &result = retrieval.result();
    if (result.awsError)
        return reportGlacierError(*result.awsError);
    if (result.error)
        return reportInventoryError(*result.error);
    QJsonObject output = toJson(result.inventory);
    output.insert(QStringLiteral("JobIds"), QJsonArray::fromStringList(result.jobIds));
    if (result.nextMarker)
        output.insert(QStringLiteral("NextMarker"), *result.nextMarker);
    printResult(output, setup.options.output);
    return Success;
}

std::optional<QDateTime> isoDate(const QCommandLineParser &parser, const QString &name, bool *ok)
{
    if (!parser.isSet(name))
        return std::nullopt;
    QDateTime date = QDateTime::fromString(parser.value(name), Qt::ISODateWithMs);
    if (!date.isValid()) {
        printError(QStringLiteral("--%1 must be an ISO 8601 date, e.g. 2024-01-31T00:00:00Z")
                       .arg(name));
        *ok = false;
        return std::nullopt;
    }
    return date.toUTC();
}

} // namespace

int runInventoryFetch(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Downloads the output of an inventory-retrieval job (waiting for it if it still runs) "
        "through the restore engine, so an interrupted download resumes, and imports it into "
        "the cache. When the job's Limit truncated the listing, prints NextMarker, or with "
        "--follow-marker starts the next jobs and merges their parts."));
    addRetrievalOptions(parser);
    addJobIdOption(parser);
    parser.addOption({FollowMarkerOption,
                      QStringLiteral("Start the next job at the marker until the listing is "
                                     "complete, merging the parts.")});
    QString vault;
    QString jobId;
    int exitCode = Success;
    std::optional<GlacierSetup> setup = setupGlacierCommand(parser, arguments, &exitCode, [&] {
        const std::optional<QString> v
            = requiredOption(parser, VaultNameOption, QStringLiteral("inventory fetch"));
        const std::optional<QString> j
            = v ? requiredOption(parser, JobIdOption, QStringLiteral("inventory fetch"))
                : std::nullopt;
        if (!j)
            return false;
        vault = *v;
        jobId = *j;
        return true;
    });
    if (!setup)
        return exitCode;
    return runRetrieval(
        parser, *setup, vault, [&](InventoryRetrieval &r) { r.startWithJob(jobId); },
        parser.isSet(FollowMarkerOption));
}

int runInventoryRetrieve(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Starts an inventory-retrieval job (InventoryRetrievalParameters: --format, "
        "--start-date, --end-date, --limit, --marker), waits for it (Glacier takes hours; "
        "see --poll-interval), downloads and imports its output. When --limit truncates the "
        "listing, the next job starts at the Marker and the parts are merged into one cached "
        "inventory, unless --no-follow (then NextMarker is printed)."));
    addRetrievalOptions(parser);
    parser.addOptions({
        {FormatOption, QStringLiteral("JSON (default) or CSV."), QStringLiteral("format"),
         QStringLiteral("JSON")},
        {StartDateOption, QStringLiteral("Only archives created at or after (ISO 8601)."),
         QStringLiteral("date")},
        {EndDateOption, QStringLiteral("Only archives created before (ISO 8601)."),
         QStringLiteral("date")},
        {LimitOption, QStringLiteral("At most N archives per job."), QStringLiteral("n")},
        {MarkerOption, QStringLiteral("Continue a listing at this marker."),
         QStringLiteral("marker")},
        {NoFollowOption, QStringLiteral("Do not start the next job at the marker.")},
    });
    QString vault;
    InventoryRequest request;
    int exitCode = Success;
    std::optional<GlacierSetup> setup = setupGlacierCommand(parser, arguments, &exitCode, [&] {
        const std::optional<QString> v
            = requiredOption(parser, VaultNameOption, QStringLiteral("inventory retrieve"));
        if (!v)
            return false;
        vault = *v;
        request.format = parser.value(FormatOption).toUpper();
        if (request.format != QLatin1String("JSON") && request.format != QLatin1String("CSV")) {
            printError(QStringLiteral("--format must be JSON or CSV"));
            return false;
        }
        bool ok = true;
        request.startDate = isoDate(parser, StartDateOption, &ok);
        request.endDate = isoDate(parser, EndDateOption, &ok);
        if (!ok)
            return false;
        if (parser.isSet(LimitOption)) {
            const qint64 limit = parser.value(LimitOption).toLongLong(&ok);
            if (!ok || limit < 1) {
                printError(QStringLiteral("--limit must be a whole number, at least 1"));
                return false;
            }
            request.limit = limit;
        }
        if (parser.isSet(MarkerOption))
            request.marker = parser.value(MarkerOption);
        return true;
    });
    if (!setup)
        return exitCode;
    return runRetrieval(
        parser, *setup, vault, [&](InventoryRetrieval &r) { r.start(request); },
        !parser.isSet(NoFollowOption));
}

} // namespace thaw::cli
