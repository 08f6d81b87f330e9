#include "fetchfailure.h"

#include "chunksink.h"
#include "core/glacier/glaciererror.h"

namespace thaw::transfer {

using glacier::GlacierError;

namespace {

bool isExpiredJobError(const GlacierError &error)
{
    return error.operation == glacier::Operation::GetJobOutput
           && (error.code == QLatin1String("ResourceNotFoundException")
               || error.code == QLatin1String("InvalidParameterValueException"));
}

} // namespace

FetchFailure classifyFetchFailure(const GlacierError &error, const ChunkSink &sink, bool ranged,
                                  const QString &jobId)
{
    using Action = FetchFailure::Action;
    if (ranged && error.code == QLatin1String(glacier::RangeIgnoredCode)) {
        // The server ignored Range and began the whole output. After nextcloud's GETFileJob:
        // take the whole body once, keeping only the chunks still missing.
        return {Action::WholeBody, DownloadError::None, QString()};
    }
    if (sink.outputSizeMismatch())
        return {Action::Stop, DownloadError::Aws, error.message};
    if (error.code == QLatin1String(glacier::LocalErrorCode) && !sink.replyMismatch())
        return {Action::Stop, DownloadError::LocalIo, error.message};
    if (error.errorClass == glacier::ErrorClass::RetryAutomatically || error.isNetworkError()
        || sink.replyMismatch()) {
        return {Action::Retry, DownloadError::Aws, error.userMessage()};
    }
    if (isExpiredJobError(error)) {
        return {Action::Stop, DownloadError::Aws,
                QStringLiteral("the output of job %1 is no longer available: Glacier keeps a "
                               "job's output for 24 hours after it completes (%2). A new "
                               "retrieval job is needed: run initiate-job again, then download "
                               "with the new job id to the same file; the kept chunks are "
                               "reused when it retrieves the same archive and range.")
                    .arg(jobId, error.awsCliMessage())};
    }
    return {Action::Stop, DownloadError::Aws, error.userMessage()};
}

} // namespace thaw::transfer
