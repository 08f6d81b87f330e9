#pragma once

#include "core/glacier/jobdescription.h"

#include <QList>
#include <QString>

#include <functional>
#include <variant>

namespace thaw::jobs {

// Why a Describe Job or List Jobs call gave no answer, as the Glacier client reports it after its
// own retries. https://docs.aws.amazon.com/amazonglacier/latest/dev/api-error-responses.html
struct LookupError
{
    int httpStatus = 0;     // 0 when no HTTP reply arrived (network fault, timeout)
    QString awsCode;        // e.g. "ResourceNotFoundException", "ThrottlingException"; may be empty
    QString message;        // AWS's message or the network error, for the user
    bool retryable = false; // throttling, 5xx, network faults: asking again later may succeed
    bool jobNotFound = false; // the job (for List Jobs: the vault) does not exist (any more)

    // "404 ResourceNotFoundException: The job ID was not found: ..." for logs and the UI.
    QString toString() const;

    friend bool operator==(const LookupError &, const LookupError &) = default;
};

// The answer to one Describe Job call: the job, or why there is none.
struct JobLookup
{
    std::variant<glacier::JobDescription, LookupError> result;

    bool ok() const { return std::holds_alternative<glacier::JobDescription>(result); }
    const glacier::JobDescription &job() const { return std::get<glacier::JobDescription>(result); }
    const LookupError &error() const { return std::get<LookupError>(result); }

    static JobLookup fromJob(glacier::JobDescription job) { return {std::move(job)}; }
    static JobLookup fromError(LookupError error) { return {std::move(error)}; }
};

// The answer to one List Jobs call: every job of the vault (all pages), or why there is none.
struct JobListLookup
{
    std::variant<QList<glacier::JobDescription>, LookupError> result;

    bool ok() const { return std::holds_alternative<QList<glacier::JobDescription>>(result); }
    const QList<glacier::JobDescription> &jobs() const
    {
        return std::get<QList<glacier::JobDescription>>(result);
    }
    const LookupError &error() const { return std::get<LookupError>(result); }

    static JobListLookup fromJobs(QList<glacier::JobDescription> jobs) { return {std::move(jobs)}; }
    static JobListLookup fromError(LookupError error) { return {std::move(error)}; }
};

// Where JobWatcher gets job status from: Describe Job and List Jobs for one account and region.
// Kept abstract so the watcher never depends on the HTTP client; the adapter onto the Glacier
// client only forwards each call and converts its result into a value.
//   https://docs.aws.amazon.com/amazonglacier/latest/dev/api-describe-job-get.html
//   https://docs.aws.amazon.com/amazonglacier/latest/dev/api-jobs-get.html
// Contract: `done` is called exactly once per call, synchronously or later from the event loop
// of the watcher's thread. The watcher guards against being destroyed before an answer arrives.
class JobStatusSource
{
public:
    virtual ~JobStatusSource() = default;

    // GET /-/vaults/<vault>/jobs/<jobId>. An unknown job ID is a LookupError with jobNotFound.
    virtual void describeJob(const QString &vault, const QString &jobId,
                             std::function<void(JobLookup)> done)
        = 0;

    // GET /-/vaults/<vault>/jobs, following `Marker` until it is null, so that `done` receives
    // every job Glacier still lists for the vault (in-progress and recently finished).
    virtual void listJobs(const QString &vault, std::function<void(JobListLookup)> done) = 0;
};

} // namespace thaw::jobs
