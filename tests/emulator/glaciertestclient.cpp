#include "glaciertestclient.h"

#include "core/aws/credentials.h"
#include "core/aws/sigv4.h"
#include "core/aws/sigv4signer.h"
#include "core/crypto/sha256.h"
#include "core/crypto/treehasher.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>

using namespace thaw;

QJsonObject GlacierReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

GlacierTestClient::GlacierTestClient(QUrl baseUrl)
    : m_base(std::move(baseUrl))
{}

GlacierReply GlacierTestClient::send(const QByteArray &method, const QByteArray &path,
                                     const QByteArray &body, const aws::HttpHeaders &headers,
                                     const SignOptions &options, int transferTimeoutMs)
{
    const aws::HttpHeaders all = signedHeaders(method, path, body, headers, options);
    const QByteArray wirePath = options.pathOnWire.isNull() ? path : options.pathOnWire;
    QUrl url = m_base;
    const qsizetype wireQuestion = wirePath.indexOf('?');
    url.setPath(QString::fromUtf8(wireQuestion < 0 ? wirePath : wirePath.left(wireQuestion)),
                QUrl::TolerantMode);
    if (wireQuestion >= 0)
        url.setQuery(QString::fromUtf8(wirePath.mid(wireQuestion + 1)), QUrl::TolerantMode);
    QNetworkRequest networkRequest(url);
    for (const aws::HttpHeader &header : std::as_const(all)) {
        if (header.name.compare("Host", Qt::CaseInsensitive) != 0)
            networkRequest.setRawHeader(header.name, header.value);
    }
    if (!body.isEmpty() && !aws::hasHeader(all, "content-type"))
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader,
                                 QByteArrayLiteral("application/octet-stream"));
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    if (transferTimeoutMs > 0)
        networkRequest.setTransferTimeout(transferTimeoutMs);
    QNetworkReply *reply = m_manager.sendCustomRequest(networkRequest, method, body);
    return wait(reply, 60000);
}

GlacierReply GlacierTestClient::wait(QNetworkReply *reply, int timeoutMs)
{
    QSignalSpy finished(reply, &QNetworkReply::finished);
    GlacierReply result;
    if (!reply->isFinished() && !finished.wait(timeoutMs)) {
        reply->abort();
        result.error = QNetworkReply::TimeoutError;
        reply->deleteLater();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    if (reply->isOpen())
        result.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.insert(pair.first.toLower(), pair.second);
    reply->deleteLater();
    return result;
}

GlacierReply GlacierTestClient::control(const QByteArray &method, const QByteArray &path,
                                        const QJsonObject &body)
{
    QUrl url = m_base;
    url.setPath(QString::fromUtf8(path));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray data
        = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return wait(m_manager.sendCustomRequest(request, method, data), 30000);
}

bool GlacierTestClient::createVault(const QString &vault)
{
    return send("PUT", "/-/vaults/" + vault.toUtf8()).status == 201;
}

QString GlacierTestClient::upload(const QString &vault, const QByteArray &data,
                                  const QByteArray &description)
{
    aws::HttpHeaders headers{
        {"x-amz-content-sha256", crypto::toHex(crypto::Sha256::hash(data))},
        {"x-amz-sha256-tree-hash", crypto::toHex(crypto::TreeHasher::hash(data).root)}};
    if (!description.isNull())
        headers.append({"x-amz-archive-description", description});
    const GlacierReply reply
        = send("POST", "/-/vaults/" + vault.toUtf8() + "/archives", data, headers);
    return reply.status == 201 ? QString::fromLatin1(reply.header("x-amz-archive-id")) : QString();
}

QString GlacierTestClient::initiate(const QString &vault, const QJsonObject &parameters)
{
    const GlacierReply reply = send("POST", "/-/vaults/" + vault.toUtf8() + "/jobs",
                                    QJsonDocument(parameters).toJson(QJsonDocument::Compact),
                                    {{"Content-Type", "application/json"}});
    return reply.status == 202 ? QString::fromLatin1(reply.header("x-amz-job-id")) : QString();
}

aws::HttpHeaders GlacierTestClient::signedHeaders(const QByteArray &method, const QByteArray &path,
                                                  const QByteArray &body,
                                                  const aws::HttpHeaders &headers,
                                                  const SignOptions &options) const
{
    aws::HttpRequest request;
    request.method = method;
    const qsizetype question = path.indexOf('?');
    request.path = question < 0 ? path : path.left(question);
    request.query = question < 0 ? QByteArray() : path.mid(question + 1);
    request.headers.append({"Host", "127.0.0.1:" + QByteArray::number(m_base.port())});
    if (!options.version.isNull())
        request.headers.append({"x-amz-glacier-version", options.version});
    request.headers.append(headers);

    aws::HttpHeaders all = request.headers;
    if (options.sign) {
        const QDateTime date
            = options.date.isValid() ? options.date : QDateTime::currentDateTimeUtc();
        const aws::Credentials credentials(options.accessKey, options.secretKey,
                                           options.sessionToken);
        const QByteArray payloadHash = aws::sigv4::payloadHashOf(
            aws::HttpRequest{request.method, request.path, request.query, request.headers, body});
        const aws::sigv4::SigningResult signing = aws::sigv4::sign(
            request, payloadHash, date, options.region, options.service, credentials);
        all.append(signing.headersToAdd);
    }

    return all;
}

GlacierReply GlacierTestClient::sendRaw(const QByteArray &method, const QByteArray &path,
                                        const aws::HttpHeaders &headers, bool *closedEarly)
{
    GlacierReply result;
    *closedEarly = false;
    QTcpSocket socket;
    socket.connectToHost(m_base.host(), quint16(m_base.port()));
    if (!socket.waitForConnected(10000)) {
        result.error = QNetworkReply::ConnectionRefusedError;
        return result;
    }
    QByteArray head = method + ' ' + path + " HTTP/1.1\r\n";
    for (const aws::HttpHeader &header : signedHeaders(method, path, {}, headers, {}))
        head += header.name + ": " + header.value + "\r\n";
    socket.write(head + "\r\n");
    QByteArray received;
    qsizetype headEnd = -1;
    qint64 contentLength = -1;
    while (true) {
        if (headEnd < 0) {
            headEnd = received.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                const QList<QByteArray> lines = received.left(headEnd).split('\n');
                result.status = lines.value(0).split(' ').value(1).toInt();
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    result.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                          lines[i].mid(colon + 1).trimmed());
                }
                contentLength = result.header("content-length").toLongLong();
            }
        }
        if (headEnd >= 0 && received.size() - headEnd - 4 >= contentLength)
            break;
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0) {
            *closedEarly = true;
            break;
        }
        if (!socket.waitForReadyRead(10000) && socket.bytesAvailable() == 0
            && socket.state() == QAbstractSocket::ConnectedState) {
            result.error = QNetworkReply::TimeoutError;
            break;
        }
        received += socket.readAll();
    }
    if (headEnd >= 0)
        result.body = received.mid(headEnd + 4);
    return result;
}
