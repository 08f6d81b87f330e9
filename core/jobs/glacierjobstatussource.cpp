#include "glacierjobstatussource.h"

#include <utility>

namespace thaw::jobs {

GlacierJobStatusSource::GlacierJobStatusSource(glacier::GlacierClient client)
    : m_client(std::move(client))
{}

void GlacierJobStatusSource::describeJob(const QString &vault, const QString &jobId,
                                         std::function<void(JobLookup)> done)
{
    m_client.describeJob(vault, jobId,
                         [done = std::move(done)](glacier::Result<glacier::JobDescription> result) {
                             if (result.ok())
                                 done(JobLookup::fromJob(std::move(result).value()));
                             else
                                 done(JobLookup::fromError(lookupError(result.error())));
                         });
}

void GlacierJobStatusSource::listJobs(const QString &vault, std::function<void(JobListLookup)> done)
{
    m_client.listAllJobs(
        vault, glacier::ListJobsFilter{},
        [done = std::move(done)](glacier::Result<QList<glacier::JobDescription>> result) {
            if (result.ok())
                done(JobListLookup::fromJobs(std::move(result).value()));
            else
                done(JobListLookup::fromError(lookupError(result.error())));
        });
}

LookupError GlacierJobStatusSource::lookupError(const glacier::GlacierError &error)
{
    LookupError lookup;
    lookup.httpStatus = error.httpStatus;
    lookup.awsCode = error.code;
    lookup.message = error.isNetworkError() && error.message.isEmpty() ? error.networkErrorText
                                                                       : error.message;
    lookup.retryable = error.errorClass == glacier::ErrorClass::RetryAutomatically;
    lookup.jobNotFound
        = error.httpStatus == 404 && error.code == QLatin1String("ResourceNotFoundException");
    return lookup;
}

} // namespace thaw::jobs
