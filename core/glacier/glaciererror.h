#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QString>

namespace thaw::glacier {

// What to do about a failed call, after KGet's job errors: retry it without asking, ask the
// user to act (credentials, an expired job, a missing vault), or give up.
enum class ErrorClass { RetryAutomatically, NeedsUser, Fatal };

// The Glacier operations, named as the API (and the AWS CLI's error messages) name them.
enum class Operation {
    ListVaults,
    DescribeVault,
    CreateVault,
    ListJobs,
    DescribeJob,
    InitiateJob,
    GetJobOutput,
    UploadArchive,
};

QString operationName(Operation operation); // "ListVaults", ...

// Why a call failed, as a value. An AWS error has httpStatus > 0 and, usually, a code; a network
// failure has networkError != NoError and httpStatus 0 (or the 2xx status of a reply that broke
// mid-body); a local failure (bad argument, unreadable body, a sink that cannot write, a
// malformed response) has a code of Thaw's own below.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-error-responses.html
struct GlacierError
{
    Operation operation = Operation::ListVaults;
    ErrorClass errorClass = ErrorClass::Fatal;
    int httpStatus = 0;
    QString code;    // AWS "code" (or X-Amzn-ErrorType without its ":..." suffix)
    QString message; // AWS "message", or Thaw's own explanation
    QString type;    // AWS "type": Client, Server or Unknown
    QByteArray requestId;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText;

    bool isNetworkError() const { return networkError != QNetworkReply::NoError; }

    // "An error occurred (ResourceNotFoundException) when calling the DescribeJob operation:
    // The job ID was not found: ..." then a plain sentence saying what it means.
    QString userMessage() const;
    // The AWS CLI's line: "An error occurred (Code) when calling the Op operation: message".
    QString awsCliMessage() const;
};

// Thaw's own codes for failures that did not come from AWS.
inline constexpr char MalformedResponseCode[] = "ThawMalformedResponse";
// A ranged Get Job Output answered with 200 and the whole output: the server ignored Range.
inline constexpr char RangeIgnoredCode[] = "ThawRangeIgnored";
inline constexpr char NetworkErrorCode[] = "ThawNetworkError";
inline constexpr char LocalErrorCode[] = "ThawLocalError";
inline constexpr char InvalidEndpointCode[] = "ThawInvalidEndpoint";
inline constexpr char NoCredentialsCode[] = "ThawNoCredentials";
inline constexpr char AbortedCode[] = "ThawAborted";

// The class of an HTTP error answer; operation matters: an InvalidParameterValueException on
// GetJobOutput means the job is not ready or its output expired, which only the user can fix.
ErrorClass classifyHttpError(Operation operation, int httpStatus, const QString &code);
ErrorClass classifyNetworkError(QNetworkReply::NetworkError error);

// Builds the error of an HTTP answer >= 300 from its body (AWS's JSON {code,message,type}) and
// headers (X-Amzn-ErrorType when the body is not JSON, x-amzn-RequestId). Classifies it.
GlacierError errorFromHttpResponse(Operation operation, int httpStatus,
                                   const QList<QNetworkReply::RawHeaderPair> &headers,
                                   const QByteArray &body);
GlacierError networkError(Operation operation, QNetworkReply::NetworkError error,
                          const QString &text, int httpStatus = 0);
GlacierError malformedResponse(Operation operation, const QString &what, int httpStatus = 0);
GlacierError localError(Operation operation, const QString &code, const QString &message,
                        ErrorClass errorClass = ErrorClass::Fatal);

// The case-insensitive value of a raw header, or a null QByteArray.
QByteArray rawHeader(const QList<QNetworkReply::RawHeaderPair> &headers, QByteArrayView name);

} // namespace thaw::glacier
