#include "fakenetwork.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>

namespace thaw::test {

FakeResponse &FakeResponse::header(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

FakeResponse FakeResponse::json(int status, const QByteArray &body)
{
    FakeResponse response;
    response.status = status;
    response.body = body;
    response.header("Content-Type", "application/json");
    response.header("x-amzn-RequestId", "fake-request-id");
    return response;
}

FakeResponse FakeResponse::awsError(int status, const QString &code, const QString &message,
                                    const QString &type)
{
    const QJsonObject object{{QStringLiteral("code"), code},
                             {QStringLiteral("message"), message},
                             {QStringLiteral("type"), type}};
    return json(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

FakeResponse FakeResponse::bytes(int status, const QByteArray &body, qsizetype chunkSize)
{
    FakeResponse response;
    response.status = status;
    response.body = body;
    response.chunkSize = chunkSize;
    response.header("Content-Type", "application/octet-stream");
    return response;
}

FakeResponse FakeResponse::failure(QNetworkReply::NetworkError error)
{
    FakeResponse response;
    response.status = 0;
    response.networkError = error;
    return response;
}

FakeResponse FakeResponse::hanging()
{
    FakeResponse response;
    response.hang = true;
    return response;
}

FakeNetworkAccessManager::FakeNetworkAccessManager(QObject *parent)
    : QNetworkAccessManager(parent)
{}

QNetworkReply *FakeNetworkAccessManager::createRequest(Operation operation,
                                                       const QNetworkRequest &request,
                                                       QIODevice *outgoingData)
{
    CapturedRequest captured;
    switch (operation) {
    case GetOperation:
        captured.method = "GET";
        break;
    case PutOperation:
        captured.method = "PUT";
        break;
    case PostOperation:
        captured.method = "POST";
        break;
    case HeadOperation:
        captured.method = "HEAD";
        break;
    case DeleteOperation:
        captured.method = "DELETE";
        break;
    default:
        captured.method = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
        break;
    }
    captured.url = request.url();
    captured.request = request;
    if (outgoingData)
        captured.body = outgoingData->readAll();
    m_requests.append(captured);

    FakeResponse response;
    if (m_handler) {
        response = m_handler(captured);
    } else if (!m_queue.empty()) {
        response = std::move(m_queue.front());
        m_queue.pop_front();
    } else {
        response = FakeResponse::json(599, "{\"code\":\"NoFakeResponse\"}");
    }
    return new FakeReply(captured, std::move(response), this);
}

FakeReply::FakeReply(const CapturedRequest &request, FakeResponse response, QObject *parent)
    : QNetworkReply(parent)
    , m_response(std::move(response))
{
    setRequest(request.request);
    setUrl(request.url);
    setOperation(QNetworkAccessManager::CustomOperation);
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    if (!m_response.hang)
        QMetaObject::invokeMethod(this, &FakeReply::respond, Qt::QueuedConnection);
}

void FakeReply::respond()
{
    if (m_done)
        return;
    if (m_response.networkError != QNetworkReply::NoError) {
        fail(m_response.networkError, QStringLiteral("fake network error"));
        return;
    }
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_response.status);
    bool hasLength = false;
    for (const auto &[name, value] : m_response.headers) {
        setRawHeader(name, value);
        hasLength = hasLength || name.compare("Content-Length", Qt::CaseInsensitive) == 0;
    }
    if (!hasLength)
        setRawHeader("Content-Length", QByteArray::number(m_response.body.size()));
    setHeader(QNetworkRequest::ContentLengthHeader, rawHeader("Content-Length").toLongLong());
    Q_EMIT metaDataChanged();
    deliverNext();
}

void FakeReply::deliverNext()
{
    if (m_done)
        return;
    const qint64 total = m_response.body.size();
    qint64 end = m_response.chunkSize > 0 ? m_delivered + m_response.chunkSize : total;
    end = std::min(end, total);
    if (m_response.breakAfter >= 0)
        end = std::min(end, m_response.breakAfter);
    if (end > m_delivered) {
        m_buffer += m_response.body.mid(m_delivered, end - m_delivered);
        m_delivered = end;
        Q_EMIT readyRead();
        Q_EMIT downloadProgress(m_delivered, total);
    }
    if (m_done)
        return;
    if (m_response.breakAfter >= 0 && m_delivered >= m_response.breakAfter) {
        fail(QNetworkReply::RemoteHostClosedError,
             QStringLiteral("Connection closed by the fake server"));
        return;
    }
    if (m_delivered < total) {
        QMetaObject::invokeMethod(this, &FakeReply::deliverNext, Qt::QueuedConnection);
        return;
    }
    if (m_response.status >= 400) {
        // As QNetworkReplyHttpImpl maps HTTP statuses to errors.
        QNetworkReply::NetworkError error = QNetworkReply::UnknownContentError;
        switch (m_response.status) {
        case 400:
            error = QNetworkReply::ProtocolInvalidOperationError;
            break;
        case 403:
            error = QNetworkReply::ContentAccessDenied;
            break;
        case 404:
            error = QNetworkReply::ContentNotFoundError;
            break;
        case 500:
            error = QNetworkReply::InternalServerError;
            break;
        case 503:
            error = QNetworkReply::ServiceUnavailableError;
            break;
        default:
            error = m_response.status >= 500 ? QNetworkReply::UnknownServerError
                                             : QNetworkReply::UnknownContentError;
        }
        fail(error, QStringLiteral("HTTP %1").arg(m_response.status));
        return;
    }
    finish();
}

void FakeReply::fail(QNetworkReply::NetworkError error, const QString &text)
{
    if (m_done)
        return;
    setError(error, text);
    Q_EMIT errorOccurred(error);
    finish();
}

void FakeReply::finish()
{
    if (m_done)
        return;
    m_done = true;
    setFinished(true);
    Q_EMIT finished();
}

void FakeReply::abort()
{
    if (m_done)
        return;
    fail(QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
}

qint64 FakeReply::bytesAvailable() const
{
    return m_buffer.size() + QNetworkReply::bytesAvailable();
}

qint64 FakeReply::readData(char *data, qint64 maxSize)
{
    const qint64 size = std::min<qint64>(maxSize, m_buffer.size());
    memcpy(data, m_buffer.constData(), size_t(size));
    m_buffer.remove(0, size);
    return size;
}

} // namespace thaw::test
