#include "glaciererror.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace thaw::glacier {

QString operationName(Operation operation)
{
    switch (operation) {
    case Operation::ListVaults:
        return QStringLiteral("ListVaults");
    case Operation::DescribeVault:
        return QStringLiteral("DescribeVault");
    case Operation::CreateVault:
        return QStringLiteral("CreateVault");
    case Operation::ListJobs:
        return QStringLiteral("ListJobs");
    case Operation::DescribeJob:
        return QStringLiteral("DescribeJob");
    case Operation::InitiateJob:
        return QStringLiteral("InitiateJob");
    case Operation::GetJobOutput:
        return QStringLiteral("GetJobOutput");
    case Operation::UploadArchive:
        return QStringLiteral("UploadArchive");
    }
    return {};
}

QByteArray rawHeader(const QList<QNetworkReply::RawHeaderPair> &headers, QByteArrayView name)
{
    for (const auto &[headerName, value] : headers) {
        if (QByteArrayView(headerName).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ErrorClass classifyHttpError(Operation operation, int httpStatus, const QString &code)
{
    // Server side trouble that goes away by itself.
    static const QSet<QString> transient = {
        QStringLiteral("ThrottlingException"),         QStringLiteral("RequestTimeoutException"),
        QStringLiteral("ServiceUnavailableException"), QStringLiteral("SlowDown"),
        QStringLiteral("RequestLimitExceeded"),
    };
    // Credentials, signatures, permissions, the clock: the user has to act.
    static const QSet<QString> userAuth = {
        QStringLiteral("InvalidSignatureException"),
        QStringLiteral("UnrecognizedClientException"),
        QStringLiteral("AccessDeniedException"),
        QStringLiteral("ExpiredTokenException"),
        QStringLiteral("MissingAuthenticationTokenException"),
        QStringLiteral("IncompleteSignatureException"),
        QStringLiteral("RequestTimeTooSkewed"),
        QStringLiteral("InvalidClientTokenId"),
        QStringLiteral("SignatureDoesNotMatch"),
    };
    if (code == QLatin1String("InsufficientCapacityException")
        || code == QLatin1String("PolicyEnforcedException")) {
        return ErrorClass::NeedsUser; // another tier or a later retrieval is the user's call
    }
    if (transient.contains(code))
        return ErrorClass::RetryAutomatically;
    if (userAuth.contains(code))
        return ErrorClass::NeedsUser;
    if (code == QLatin1String("ResourceNotFoundException"))
        return ErrorClass::NeedsUser; // a missing vault, or a job that expired
    if (operation == Operation::GetJobOutput
        && code == QLatin1String("InvalidParameterValueException")) {
        return ErrorClass::NeedsUser; // the job is not finished, or its output has expired
    }
    if (httpStatus >= 500 || httpStatus == 429)
        return ErrorClass::RetryAutomatically;
    if (code.isEmpty() && (httpStatus == 401 || httpStatus == 403))
        return ErrorClass::NeedsUser;
    return ErrorClass::Fatal;
}

ErrorClass classifyNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::NoError:
        return ErrorClass::Fatal;
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // what Qt reports for a transfer timeout
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownServerError:
        return ErrorClass::RetryAutomatically;
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::AuthenticationRequiredError:
    case QNetworkReply::ContentAccessDenied:
    case QNetworkReply::InsecureRedirectError:
        return ErrorClass::NeedsUser;
    default:
        return ErrorClass::Fatal;
    }
}

GlacierError errorFromHttpResponse(Operation operation, int httpStatus,
                                   const QList<QNetworkReply::RawHeaderPair> &headers,
                                   const QByteArray &body)
{
    GlacierError error;
    error.operation = operation;
    error.httpStatus = httpStatus;
    error.requestId = rawHeader(headers, "x-amzn-RequestId");
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        const QJsonObject object = document.object();
        // Glacier writes lower-case keys; other AWS JSON services capitalise them.
        auto field = [&object](const char *lower, const char *upper) {
            const QJsonValue value = object.value(QLatin1String(lower));
            return value.isString() ? value.toString()
                                    : object.value(QLatin1String(upper)).toString();
        };
        error.code = field("code", "Code");
        error.message = field("message", "Message");
        error.type = field("type", "Type");
        if (error.code.isEmpty())
            error.code = field("__type", "__type").section(QLatin1Char('#'), -1);
    }
    if (error.code.isEmpty()) {
        // e.g. "InvalidSignatureException:http://internal.amazon.com/coral/..."
        const QByteArray type = rawHeader(headers, "X-Amzn-ErrorType");
        if (!type.isEmpty())
            error.code = QString::fromLatin1(type.left(type.indexOf(':')).trimmed());
    }
    if (error.message.isEmpty() && !body.isEmpty() && !document.isObject())
        error.message = QString::fromUtf8(body.left(512)).simplified();
    if (error.code.isEmpty())
        error.code = QStringLiteral("HTTP%1").arg(httpStatus);
    error.errorClass = classifyHttpError(operation, httpStatus, error.code);
    return error;
}

GlacierError networkError(Operation operation, QNetworkReply::NetworkError networkError,
                          const QString &text, int httpStatus)
{
    GlacierError error;
    error.operation = operation;
    error.httpStatus = httpStatus;
    error.code = QLatin1String(NetworkErrorCode);
    error.networkError = networkError;
    error.networkErrorText = text;
    error.message = text;
    error.errorClass = classifyNetworkError(networkError);
    return error;
}

GlacierError malformedResponse(Operation operation, const QString &what, int httpStatus)
{
    GlacierError error;
    error.operation = operation;
    error.httpStatus = httpStatus;
    error.code = QLatin1String(MalformedResponseCode);
    error.message = QStringLiteral("malformed response: %1").arg(what);
    error.errorClass = ErrorClass::Fatal;
    return error;
}

GlacierError localError(Operation operation, const QString &code, const QString &message,
                        ErrorClass errorClass)
{
    GlacierError error;
    error.operation = operation;
    error.code = code;
    error.message = message;
    error.errorClass = errorClass;
    return error;
}

QString GlacierError::awsCliMessage() const
{
    return QStringLiteral("An error occurred (%1) when calling the %2 operation: %3")
        .arg(code, operationName(operation), message);
}

namespace {

QString explanation(const GlacierError &error)
{
    const QString &code = error.code;
    if (error.isNetworkError())
        return QStringLiteral("The endpoint could not be reached or the connection broke.");
    if (code == QLatin1String("ResourceNotFoundException"))
        return QStringLiteral("The vault or job does not exist; a job's output is kept for "
                              "about 24 hours after it completes.");
    if (code == QLatin1String("InvalidParameterValueException")
        && error.operation == Operation::GetJobOutput)
        return QStringLiteral("The job is not finished yet, or its output has expired.");
    if (code == QLatin1String("ThrottlingException"))
        return QStringLiteral("AWS asked for fewer requests; try again later.");
    if (code == QLatin1String("InsufficientCapacityException"))
        return QStringLiteral("There is no capacity for Expedited retrievals now; use the "
                              "Standard or Bulk tier, or try later.");
    if (code == QLatin1String("PolicyEnforcedException"))
        return QStringLiteral("The vault's data retrieval policy does not allow this "
                              "retrieval now.");
    if (code == QLatin1String("RequestTimeTooSkewed")
        || error.message.contains(QLatin1String("Signature expired")))
        return QStringLiteral("This computer's clock is too far from AWS's; correct it.");
    if (error.errorClass == ErrorClass::NeedsUser && error.httpStatus >= 400
        && error.httpStatus < 500)
        return QStringLiteral("Check the access key, its permissions and the region.");
    if (error.errorClass == ErrorClass::RetryAutomatically)
        return QStringLiteral("AWS could not answer now; try again later.");
    if (code == QLatin1String(MalformedResponseCode))
        return QStringLiteral("The endpoint answered something that is not Glacier's API.");
    return {};
}

} // namespace

QString GlacierError::userMessage() const
{
    const QString extra = explanation(*this);
    return extra.isEmpty() ? awsCliMessage() : awsCliMessage() + QLatin1Char(' ') + extra;
}

} // namespace thaw::glacier
