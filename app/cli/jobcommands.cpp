#include "jobcommands.h"

#include "core/glacier/glacierjson.h"
#include "glacierclientsetup.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace thaw::cli {

using namespace glacier;

namespace {

const QString CompletedOption = QStringLiteral("completed");
const QString StatusCodeOption = QStringLiteral("statuscode");
const QString LimitOption = QStringLiteral("limit");
const QString MarkerOption = QStringLiteral("marker");
const QString JobParametersOption = QStringLiteral("job-parameters");

} // namespace

int runListJobs(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Lists a vault's jobs of the last 24 hours or so (every page unless --limit is given)."));
    addGlacierOptions(parser);
    addVaultNameOption(parser);
    parser.addOptions({
        {CompletedOption, QStringLiteral("Only completed (true) or running (false) jobs."),
         QStringLiteral("true|false")},
        {StatusCodeOption,
         QStringLiteral("Only jobs in this state: InProgress, Succeeded or "
                        "Failed."),
         QStringLiteral("status")},
        {LimitOption, QStringLiteral("Return at most this many jobs (one page)."),
         QStringLiteral("n")},
        {MarkerOption, QStringLiteral("Start at this marker (from a previous Marker)."),
         QStringLiteral("marker")},
    });
    std::optional<QString> vault;
    ListJobsFilter filter;
    int exitCode = Success;
    std::optional<GlacierSetup> setup = setupGlacierCommand(parser, arguments, &exitCode, [&] {
        vault = requiredOption(parser, VaultNameOption, QStringLiteral("list-jobs"));
        if (!vault)
            return false;
        if (parser.isSet(CompletedOption)) {
            const QString completed = parser.value(CompletedOption);
            if (completed != QLatin1String("true") && completed != QLatin1String("false")) {
                printError(QStringLiteral("--completed must be true or false"));
                return false;
            }
            filter.completed = completed == QLatin1String("true");
        }
        if (parser.isSet(StatusCodeOption)) {
            const QString status = parser.value(StatusCodeOption);
            if (status != QLatin1String("InProgress") && status != QLatin1String("Succeeded")
                && status != QLatin1String("Failed")) {
                printError(QStringLiteral("--statuscode must be InProgress, Succeeded or Failed"));
                return false;
            }
            filter.statusCode = status;
        }
        if (parser.isSet(LimitOption)) {
            bool ok = false;
            const int limit = parser.value(LimitOption).toInt(&ok);
            if (!ok || limit <= 0) {
                printError(QStringLiteral("--limit must be a positive integer"));
                return false;
            }
            filter.limit = limit;
        }
        if (parser.isSet(MarkerOption))
            filter.marker = parser.value(MarkerOption);
        return true;
    });
    if (!setup)
        return exitCode;

    QJsonArray jobs;
    if (filter.limit) {
        const Result<ListJobsPage> page
            = waitFor<ListJobsPage>([&](GlacierClient::Callback<ListJobsPage> done) {
                  setup->client->listJobs(*vault, filter, std::move(done));
              });
        if (!page)
            return reportGlacierError(page.error());
        for (const JobDescription &job : page.value().jobList)
            jobs.append(json::toJson(job));
        QJsonObject result{{QStringLiteral("JobList"), jobs}};
        if (page.value().marker)
            result.insert(QStringLiteral("Marker"), *page.value().marker);
        printResult(result, setup->options.output);
        return Success;
    }
    const Result<QList<JobDescription>> all
        = waitFor<QList<JobDescription>>([&](GlacierClient::Callback<QList<JobDescription>> done) {
              setup->client->listAllJobs(*vault, filter, std::move(done));
          });
    if (!all)
        return reportGlacierError(all.error());
    for (const JobDescription &job : all.value())
        jobs.append(json::toJson(job));
    printResult(QJsonObject{{QStringLiteral("JobList"), jobs}}, setup->options.output);
    return Success;
}

int runDescribeJob(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Describes a job."));
    addGlacierOptions(parser);
    addVaultNameOption(parser);
    addJobIdOption(parser);
    std::optional<QString> vault;
    std::optional<QString> jobId;
    int exitCode = Success;
    std::optional<GlacierSetup> setup = setupGlacierCommand(parser, arguments, &exitCode, [&] {
        vault = requiredOption(parser, VaultNameOption, QStringLiteral("describe-job"));
        jobId = vault ? requiredOption(parser, JobIdOption, QStringLiteral("describe-job"))
                      : std::nullopt;
        return jobId.has_value();
    });
    if (!setup)
        return exitCode;
    const Result<JobDescription> result
        = waitFor<JobDescription>([&](GlacierClient::Callback<JobDescription> done) {
              setup->client->describeJob(*vault, *jobId, std::move(done));
          });
    if (!result)
        return reportGlacierError(result.error());
    printResult(json::toJson(result.value()), setup->options.output);
    return Success;
}

int runInitiateJob(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Starts an archive-retrieval or inventory-retrieval job. --job-parameters is the JSON "
        "object of the API (or file://path to one), e.g. "
        "'{\"Type\":\"inventory-retrieval\",\"Format\":\"CSV\"}'."));
    addGlacierOptions(parser);
    addVaultNameOption(parser);
    parser.addOption({JobParametersOption,
                      QStringLiteral("The job's parameters as JSON, or file://path (required)."),
                      QStringLiteral("json")});
    std::optional<QString> vault;
    QJsonObject parameters;
    bool localIoFailed = false;
    int exitCode = Success;
    std::optional<GlacierSetup> setup = setupGlacierCommand(parser, arguments, &exitCode, [&] {
        vault = requiredOption(parser, VaultNameOption, QStringLiteral("initiate-job"));
        const std::optional<QString> text
            = vault ? requiredOption(parser, JobParametersOption, QStringLiteral("initiate-job"))
                    : std::nullopt;
        if (!text)
            return false;
        QByteArray json = text->toUtf8();
        if (text->startsWith(QLatin1String("file://"))) {
            QFile file(text->mid(7));
            if (!file.open(QIODevice::ReadOnly)) {
                printError(
                    QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
                localIoFailed = true;
                return false;
            }
            json = file.readAll();
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            printError(QStringLiteral("--job-parameters is not a JSON object: %1")
                           .arg(parseError.error != QJsonParseError::NoError
                                    ? parseError.errorString()
                                    : QStringLiteral("not an object")));
            return false;
        }
        parameters = document.object();
        const QString type = parameters.value(QLatin1String("Type")).toString();
        if (type.isEmpty()) {
            printError(QStringLiteral("--job-parameters needs a \"Type\": archive-retrieval, "
                                      "inventory-retrieval or select"));
            return false;
        }
        return true;
    });
    if (!setup)
        return localIoFailed ? LocalIoError : exitCode;
    const Result<InitiateJobResult> result
        = waitFor<InitiateJobResult>([&](GlacierClient::Callback<InitiateJobResult> done) {
              setup->client->initiateJob(*vault, JobParameters(parameters), std::move(done));
          });
    if (!result)
        return reportGlacierError(result.error());
    QJsonObject output{{QStringLiteral("location"), result.value().location},
                       {QStringLiteral("jobId"), result.value().jobId}};
    if (result.value().jobOutputPath)
        output.insert(QStringLiteral("jobOutputPath"), *result.value().jobOutputPath);
    printResult(output, setup->options.output);
    return Success;
}

} // namespace thaw::cli
