#include "glacieroperation.h"

#include "contentrange.h"
#include "core/aws/sigv4signer.h"
#include "glacierlogging.h"
#include "joboutputsink.h"

#include <QIODevice>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimeZone>

namespace thaw::glacier {

namespace {

// JSON answers are small (a page of jobs is a few KiB); anything past this is not Glacier.
constexpr qsizetype MaxBufferedBody = 32 * 1024 * 1024;
constexpr qsizetype MaxErrorBody = 64 * 1024;

QByteArray encodePathSegment(const QString &segment)
{
    return QUrl::toPercentEncoding(segment);
}

bool isSkewError(const GlacierError &error)
{
    if (error.httpStatus != 403)
        return false;
    if (error.code == QLatin1String("RequestTimeTooSkewed"))
        return true;
    // AWS: "Signature expired: 20130524T000000Z is now earlier than 20130524T000500Z
    // (20130524T001000Z - 15 min.)" or "Signature not yet current: ... is still later than ...".
    return error.code == QLatin1String("InvalidSignatureException")
           && (error.message.contains(QLatin1String("Signature expired"))
               || error.message.contains(QLatin1String("Signature not yet current")));
}

} // namespace

QDateTime parseHttpDate(QByteArrayView text)
{
    QString value = QString::fromLatin1(text).simplified();
    if (value.endsWith(QLatin1String(" GMT")) || value.endsWith(QLatin1String(" UTC")))
        value.chop(4);
    // The weekday is dropped: Qt rejects a wrong one, and AWS's own examples have some.
    value = value.mid(value.indexOf(QLatin1Char(',')) + 1).trimmed();
    QDateTime dateTime = QLocale::c().toDateTime(value, QStringLiteral("d MMM yyyy HH:mm:ss"));
    if (!dateTime.isValid())
        return {};
    dateTime.setTimeZone(QTimeZone::utc());
    return dateTime;
}

GlacierOperation::GlacierOperation(std::shared_ptr<ClientContext> context, RequestSpec spec,
                                   SuccessHandler onSuccess, ErrorHandler onError)
    : m_context(std::move(context))
    , m_spec(std::move(spec))
    , m_onSuccess(std::move(onSuccess))
    , m_onError(std::move(onError))
    , m_pacer([this] { return m_spec.sink ? m_spec.sink->readDelayLeftMs() : 0; },
              [this] { onReadyRead(); })
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &GlacierOperation::sendAttempt);
}

GlacierOperation::~GlacierOperation()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QUrl GlacierOperation::requestUrl(const ClientContext &context, const RequestSpec &spec)
{
    QUrl url = context.endpoint;
    QByteArray path = url.path(QUrl::FullyEncoded).toUtf8();
    while (path.endsWith('/'))
        path.chop(1);
    path += '/' + encodePathSegment(context.accountId);
    for (const QString &segment : spec.pathSegments)
        path += '/' + encodePathSegment(segment);
    url.setPath(QString::fromLatin1(path), QUrl::TolerantMode);
    QByteArray query;
    for (const auto &[name, value] : spec.query) {
        if (!query.isEmpty())
            query += '&';
        query += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    if (!query.isEmpty())
        url.setQuery(QString::fromLatin1(query), QUrl::TolerantMode);
    return url;
}

void GlacierOperation::start()
{
    m_elapsed.start();
    QMetaObject::invokeMethod(this, &GlacierOperation::sendAttempt, Qt::QueuedConnection);
}

void GlacierOperation::abort()
{
    if (m_done)
        return;
    m_aborted = true;
    m_retryTimer.stop();
    const bool replyFinished = m_pacer.takeDeferredFinish();
    m_pacer.reset();
    if (replyFinished) {
        onReplyFinished(); // the reply has finished already: it reports the abort
        return;
    }
    if (m_reply) {
        m_reply->abort(); // onReplyFinished reports the abort
        return;
    }
    finishWithError(localError(m_spec.operation, QLatin1String(AbortedCode),
                               QStringLiteral("the request was cancelled")));
}

void GlacierOperation::sendAttempt()
{
    if (m_done || m_aborted)
        return;
    ++m_attempts;
    m_body.clear();
    m_errorBody.clear();
    m_streamed = 0;
    m_sinkBegun = false;
    m_pacer.reset();

    const std::optional<aws::Credentials> credentials
        = m_context->credentials ? m_context->credentials() : std::nullopt;
    if (!credentials || !credentials->isValid()) {
        finishWithError(localError(m_spec.operation, QLatin1String(NoCredentialsCode),
                                   QStringLiteral("no AWS credentials"), ErrorClass::NeedsUser));
        return;
    }
    if (m_spec.bodyDevice && !m_spec.bodyDevice->isSequential()
        && !m_spec.bodyDevice->seek(m_spec.bodyStart)) {
        finishWithError(localError(m_spec.operation, QLatin1String(LocalErrorCode),
                                   QStringLiteral("cannot rewind the upload body: %1")
                                       .arg(m_spec.bodyDevice->errorString())));
        return;
    }

    const QUrl url = requestUrl(*m_context, m_spec);
    const QDateTime now = (m_context->clock ? m_context->clock() : QDateTime::currentDateTimeUtc())
                              .addMSecs(m_context->clockOffset.count());
    const aws::HttpHeaders signedHeaders = aws::sigv4::signRequest(
        m_spec.method, url, m_spec.headers, m_spec.payloadHash, *credentials, m_context->region,
        QLatin1String(aws::sigv4::GlacierService), now);

    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(int(m_context->transferTimeout.count()));
    for (const aws::HttpHeader &header : m_spec.headers)
        request.setRawHeader(header.name, header.value);
    for (const aws::HttpHeader &header : signedHeaders)
        request.setRawHeader(header.name, header.value);
    for (const aws::HttpHeader &header : m_spec.unsignedHeaders)
        request.setRawHeader(header.name, header.value);

    qCDebug(lcGlacier).noquote() << operationName(m_spec.operation) << m_spec.method
                                 << url.path(QUrl::FullyEncoded) << "attempt" << m_attempts;
    QNetworkReply *reply = nullptr;
    if (m_spec.bodyDevice) {
        request.setHeader(QNetworkRequest::ContentLengthHeader, m_spec.bodySize);
        reply = m_context->network->sendCustomRequest(request, m_spec.method, m_spec.bodyDevice);
    } else if (m_spec.method == "GET") {
        reply = m_context->network->get(request);
    } else {
        reply = m_context->network->sendCustomRequest(request, m_spec.method, m_spec.body);
    }
    m_reply = reply;
    if (m_spec.sink) {
        reply->setReadBufferSize(m_spec.sink->readAheadLimit(m_context->readBufferSize));
        if (m_spec.sink->lendsBuffers()) {
            QPointer<GlacierOperation> self(this);
            m_spec.sink->setReadyCallback([self] {
                if (self)
                    self->m_pacer.bufferReady();
            });
        }
    }
    connect(reply, &QNetworkReply::readyRead, this, &GlacierOperation::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &GlacierOperation::onReplyFinished);
}

void GlacierOperation::onReadyRead()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_localFailure)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool success = status >= 200 && status < 300;
    if (!success) {
        m_errorBody += reply->read(MaxErrorBody - m_errorBody.size() + 1);
        if (m_errorBody.size() > MaxErrorBody)
            m_errorBody.truncate(MaxErrorBody);
        reply->readAll(); // drop the rest of an oversized error body
        return;
    }
    if (!m_spec.sink) {
        m_body += reply->readAll();
        if (m_body.size() > MaxBufferedBody) {
            m_localFailure = malformedResponse(m_spec.operation,
                                               QStringLiteral("the body is too large"), status);
            reply->abort();
        }
        return;
    }
    QString error;
    if (!m_sinkBegun) {
        const QByteArray contentRange = reply->rawHeader("Content-Range");
        bool lengthOk = false;
        const qint64 length = reply->rawHeader("Content-Length").toLongLong(&lengthOk);
        const std::optional<qint64> contentLength = lengthOk ? std::optional(length) : std::nullopt;
        if (m_spec.rangeStart) {
            if (!answersRange(status, contentRange, contentLength, *m_spec.rangeStart,
                              m_spec.rangeLast)) {
                m_localFailure = malformedResponse(
                    m_spec.operation,
                    QStringLiteral("asked for bytes %1-%2 but got status %3, Content-Range "
                                   "'%4', Content-Length %5")
                        .arg(*m_spec.rangeStart)
                        .arg(m_spec.rangeLast.value_or(-1))
                        .arg(status)
                        .arg(QString::fromLatin1(contentRange),
                             QString::fromLatin1(reply->rawHeader("Content-Length"))),
                    status);
                if (status == 200)
                    m_localFailure->code = QLatin1String(RangeIgnoredCode);
                reply->abort();
                return;
            }
        }
        JobOutputMetadata metadata;
        metadata.status = status;
        auto optionalHeader = [reply](const char *name) -> std::optional<QString> {
            if (!reply->hasRawHeader(name))
                return std::nullopt;
            return QString::fromUtf8(reply->rawHeader(name));
        };
        metadata.checksum = optionalHeader("x-amz-sha256-tree-hash");
        metadata.contentRange = optionalHeader("Content-Range");
        metadata.contentType = optionalHeader("Content-Type");
        metadata.acceptRanges = optionalHeader("Accept-Ranges");
        metadata.archiveDescription = optionalHeader("x-amz-archive-description");
        metadata.contentLength = contentLength;
        metadata.requestId = reply->rawHeader("x-amzn-RequestId");
        m_sinkBegun = true;
        m_sinkDirty = true;
        if (!m_spec.sink->begin(metadata, &error)) {
            m_localFailure = localError(m_spec.operation, QLatin1String(LocalErrorCode), error);
            reply->abort();
            return;
        }
    }
    if (m_pacer.isHeld())
        return; // the sink asked for a pause: the bytes wait in the reply's buffer
    if (reply->bytesAvailable() > 0 && !writeToSink(reply))
        return;
    if (m_pacer.takeDueFinish(reply->bytesAvailable() > 0))
        onReplyFinished();
}

bool GlacierOperation::writeToSink(QNetworkReply *reply)
{
    QString error;
    if (m_spec.sink->lendsBuffers()) {
        if (!readIntoSink(reply, &error)) {
            failLocally(reply, error);
            return false;
        }
    } else {
        const QByteArray data = reply->readAll();
        if (!m_spec.sink->write(data, &error)) {
            failLocally(reply, error);
            return false;
        }
        m_streamed += data.size();
    }
    Q_EMIT downloadProgress(m_streamed,
                            reply->header(QNetworkRequest::ContentLengthHeader).toLongLong());
    m_pacer.pause(m_spec.sink->takeReadDelayMs());
    return true;
}

bool GlacierOperation::readIntoSink(QNetworkReply *reply, QString *error)
{
    // Straight from the reply's buffer into the sink's: no allocation, one copy.
    while (reply->bytesAvailable() > 0) {
        const std::span<char> buffer = m_spec.sink->writeBuffer();
        if (buffer.empty()) {
            m_pacer.holdForBuffer(); // the sink's ready callback reads on
            return true;
        }
        const qint64 got = reply->read(buffer.data(), qint64(buffer.size()));
        if (got <= 0)
            return true;
        if (!m_spec.sink->commitBuffer(got, error))
            return false;
        m_streamed += got;
    }
    return true;
}

void GlacierOperation::failLocally(QNetworkReply *reply, const QString &error)
{
    m_localFailure = localError(m_spec.operation, QLatin1String(LocalErrorCode), error);
    reply->abort();
    if (m_pacer.takeDeferredFinish())
        onReplyFinished();
}

void GlacierOperation::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    if (!m_localFailure && !m_aborted && reply->isOpen()) { // closed after a transfer timeout
        onReadyRead();
        if (m_pacer.deferFinish())
            return; // finishes after the pause, once the rest is read
    }
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();

    if (m_localFailure) {
        finishWithError(*m_localFailure);
        return;
    }
    if (m_aborted) {
        finishWithError(localError(m_spec.operation, QLatin1String(AbortedCode),
                                   QStringLiteral("the request was cancelled")));
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QList<QNetworkReply::RawHeaderPair> headers = reply->rawHeaderPairs();
    if (status >= 300) {
        handleFailure(errorFromHttpResponse(m_spec.operation, status, headers, m_errorBody),
                      headers);
        return;
    }
    if (reply->error() != QNetworkReply::NoError || status == 0) {
        const QNetworkReply::NetworkError code = reply->error() != QNetworkReply::NoError
                                                     ? reply->error()
                                                     : QNetworkReply::UnknownNetworkError;
        handleFailure(networkError(m_spec.operation, code, reply->errorString(), status), headers);
        return;
    }
    bool ok = false;
    const qint64 length = reply->rawHeader("Content-Length").toLongLong(&ok);
    const qint64 received = m_spec.sink ? m_streamed : m_body.size();
    if (ok && received != length) {
        handleFailure(
            networkError(
                m_spec.operation, QNetworkReply::RemoteHostClosedError,
                QStringLiteral("the body ended after %1 of %2 bytes").arg(received).arg(length),
                status),
            headers);
        return;
    }
    HttpResponse response;
    response.status = status;
    response.headers = headers;
    response.body = m_body;
    response.bytesStreamed = m_streamed;
    finishWithSuccess(response);
}

bool GlacierOperation::mayRetry(const GlacierError &error) const
{
    if (error.errorClass != ErrorClass::RetryAutomatically)
        return false;
    if (m_spec.bodyDevice && m_spec.bodyDevice->isSequential())
        return false; // the body cannot be sent again
    if (m_spec.idempotent)
        return true;
    // A POST that may have been carried out (a 5xx, a broken connection) is not repeated: a
    // second retrieval job costs money. Throttling and a refused connection prove it was not.
    return error.code == QLatin1String("ThrottlingException")
           || error.networkError == QNetworkReply::ConnectionRefusedError;
}

bool GlacierOperation::rewindForRetry(GlacierError *error)
{
    if (m_spec.sink && m_sinkDirty) {
        QString message;
        if (!m_spec.sink->reset(&message)) {
            *error = localError(
                m_spec.operation, QLatin1String(LocalErrorCode),
                QStringLiteral("cannot restart the output for a retry: %1").arg(message));
            return false;
        }
        m_sinkDirty = false;
    }
    return true;
}

bool GlacierOperation::correctClockSkew(const GlacierError &error,
                                        const QList<QNetworkReply::RawHeaderPair> &headers)
{
    if (m_skewCorrected || !isSkewError(error))
        return false;
    const QDateTime serverTime = parseHttpDate(rawHeader(headers, "Date"));
    if (!serverTime.isValid())
        return false;
    const QDateTime localTime
        = m_context->clock ? m_context->clock() : QDateTime::currentDateTimeUtc();
    m_context->clockOffset = std::chrono::milliseconds(localTime.msecsTo(serverTime));
    m_skewCorrected = true;
    qCWarning(lcGlacier).noquote()
        << operationName(m_spec.operation) << error.code << "- correcting the clock by"
        << m_context->clockOffset.count() / 1000 << "s and retrying";
    return true;
}

void GlacierOperation::handleFailure(const GlacierError &failure,
                                     const QList<QNetworkReply::RawHeaderPair> &headers)
{
    GlacierError error = failure;
    if (correctClockSkew(error, headers)) {
        if (!rewindForRetry(&error)) {
            finishWithError(error);
            return;
        }
        sendAttempt();
        return;
    }
    if (mayRetry(error)) {
        const int retry = m_attempts; // retries so far + 1
        const std::chrono::milliseconds delay = m_context->retryPolicy.delayBeforeRetry(retry);
        const std::chrono::milliseconds elapsed(m_elapsed.elapsed());
        if (m_context->retryPolicy.mayRetry(m_attempts, elapsed, delay)) {
            if (!rewindForRetry(&error)) {
                finishWithError(error);
                return;
            }
            qCInfo(lcGlacier).noquote() << operationName(m_spec.operation) << "failed with"
                                        << error.code << error.httpStatus << error.networkErrorText
                                        << "- retry" << retry << "in" << delay.count() << "ms";
            m_retryTimer.start(delay);
            return;
        }
    }
    finishWithError(error);
}

void GlacierOperation::releaseSink()
{
    if (m_spec.sink && m_spec.sink->lendsBuffers())
        m_spec.sink->setReadyCallback({});
    m_spec.sink = nullptr;
}

void GlacierOperation::finishWithError(const GlacierError &error)
{
    if (m_done)
        return;
    m_done = true;
    releaseSink(); // the caller may delete the sink in m_onError
    qCInfo(lcGlacier).noquote() << operationName(m_spec.operation) << "failed:" << error.code
                                << error.httpStatus << "request id" << error.requestId << "after"
                                << m_attempts << "attempt(s)";
    if (m_onError)
        m_onError(error);
    Q_EMIT finished();
    deleteLater();
}

void GlacierOperation::finishWithSuccess(const HttpResponse &response)
{
    if (m_done)
        return;
    releaseSink(); // the caller may delete the sink in m_onSuccess
    if (m_onSuccess) {
        if (const std::optional<GlacierError> error = m_onSuccess(response)) {
            finishWithError(*error);
            return;
        }
    }
    m_done = true;
    Q_EMIT finished();
    deleteLater();
}

} // namespace thaw::glacier
