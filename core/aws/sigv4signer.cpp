#include "sigv4signer.h"

#include "sigv4.h"

namespace thaw::aws::sigv4 {

namespace {

const QByteArray DateHeader = QByteArrayLiteral("X-Amz-Date");
const QByteArray TokenHeader = QByteArrayLiteral("X-Amz-Security-Token");
const QByteArray AuthorizationHeader = QByteArrayLiteral("Authorization");
const QByteArray GlacierVersionHeader = QByteArrayLiteral("x-amz-glacier-version");

// The Host header as HTTP clients (Qt included) send it: the port only when not the default.
QByteArray hostOf(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']'; // IPv6 literal
    const int port = url.port();
    const bool defaultPort = port < 0 || (port == 443 && url.scheme() == QLatin1String("https"))
                             || (port == 80 && url.scheme() == QLatin1String("http"));
    if (!defaultPort)
        host += ':' + QByteArray::number(port);
    return host;
}

} // namespace

SigningResult sign(const HttpRequest &request, QByteArrayView payloadHash,
                   const QDateTime &dateTime, const QString &region, const QString &service,
                   const Credentials &credentials, SessionTokenPlacement tokenPlacement)
{
    SigningResult result;
    HttpHeaders headers = request.headers;
    if (!hasHeader(headers, DateHeader)) {
        const HttpHeader date{DateHeader, amzDate(dateTime)};
        headers.append(date);
        result.headersToAdd.append(date);
    }
    const bool addToken = credentials.hasSessionToken() && !hasHeader(headers, TokenHeader);
    const HttpHeader token{TokenHeader, credentials.sessionToken().toUtf8()};
    if (addToken && tokenPlacement == SessionTokenPlacement::Signed) {
        headers.append(token);
        result.headersToAdd.append(token);
    }

    // Task 1: canonical request.
    result.canonicalRequest
        = canonicalRequest(request.method, request.path, request.query, headers, payloadHash);
    // Task 2: string to sign.
    const QByteArray scope = credentialScope(dateTime.toUTC().date(), region, service);
    result.stringToSign = stringToSign(dateTime, scope, result.canonicalRequest);
    // Task 3: signature.
    const QByteArray key
        = signingKey(credentials.secretAccessKey(), dateTime.toUTC().date(), region, service);
    result.signature = signature(key, result.stringToSign);
    // Task 4: the Authorization header.
    result.authorization
        = authorization(credentials.accessKeyId(), scope, signedHeaders(headers), result.signature);

    if (addToken && tokenPlacement == SessionTokenPlacement::AddedAfterSigning)
        result.headersToAdd.append(token);
    result.headersToAdd.append({AuthorizationHeader, result.authorization});
    return result;
}

QByteArray payloadHashOf(const HttpRequest &request)
{
    const QByteArray declared = headerValue(request.headers, "x-amz-content-sha256");
    return declared.isNull() ? payloadHash(request.body) : declared.trimmed();
}

HttpHeaders glacierHeaders()
{
    return {{GlacierVersionHeader, QByteArray(GlacierApiVersion)}};
}

HttpHeaders signRequest(QByteArrayView method, const QUrl &url, const HttpHeaders &headers,
                        QByteArrayView payloadHash, const Credentials &credentials,
                        const QString &region, const QString &service, const QDateTime &now)
{
    HttpRequest request;
    request.method = method.toByteArray();
    request.path = url.path(QUrl::FullyEncoded).toUtf8();
    if (request.path.isEmpty())
        request.path = "/";
    request.query = url.query(QUrl::FullyEncoded).toUtf8();
    for (const HttpHeader &header : headers) {
        const QByteArray name = header.name.trimmed();
        if (name.compare(AuthorizationHeader, Qt::CaseInsensitive) == 0
            || name.compare(DateHeader, Qt::CaseInsensitive) == 0
            || name.compare(TokenHeader, Qt::CaseInsensitive) == 0) {
            continue;
        }
        request.headers.append(header);
    }
    if (!hasHeader(request.headers, "host"))
        request.headers.append({QByteArrayLiteral("Host"), hostOf(url)});

    HttpHeaders toAdd;
    if (service == QLatin1String(GlacierService)
        && !hasHeader(request.headers, GlacierVersionHeader)) {
        // Every Glacier request must carry the API version, and it is signed like the rest.
        const HttpHeaders glacier = glacierHeaders();
        request.headers.append(glacier);
        toAdd.append(glacier);
    }
    toAdd.append(sign(request, payloadHash, now, region, service, credentials).headersToAdd);
    return toAdd;
}

} // namespace thaw::aws::sigv4
