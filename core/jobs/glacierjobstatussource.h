#pragma once

#include "core/glacier/glacierclient.h"
#include "jobstatussource.h"

namespace thaw::jobs {

// JobStatusSource on top of the Glacier API client: forwards each call and turns its Result
// into a JobLookup / JobListLookup. The client has already retried transient faults by then.
class GlacierJobStatusSource final : public JobStatusSource
{
public:
    explicit GlacierJobStatusSource(glacier::GlacierClient client);

    void describeJob(const QString &vault, const QString &jobId,
                     std::function<void(JobLookup)> done) override;
    void listJobs(const QString &vault, std::function<void(JobListLookup)> done) override;

    // How a client error reads to the watcher: 404 ResourceNotFoundException means the job (or
    // the vault) is gone; RetryAutomatically means asking again later may succeed.
    static LookupError lookupError(const glacier::GlacierError &error);

private:
    glacier::GlacierClient m_client;
};

} // namespace thaw::jobs
