#pragma once

#include "core/aws/credentials.h"
#include "core/aws/httprequest.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

// The SigV4 steps of sigv4.h put together for one request: what thaw-cli sign, the suites'
// tests and the Glacier API client call. Still pure: the caller passes the time.
namespace thaw::aws::sigv4 {

// Where a session token goes. Glacier, like botocore for every service, signs it; the suites'
// post-sts-header-after case shows the other placement, added once the signature is made.
enum class SessionTokenPlacement { Signed, AddedAfterSigning };

// Everything a signature was made of, for --verbose output and tests; and the headers the
// caller adds to the request. Holds no secret.
struct SigningResult final
{
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature;
    QByteArray authorization;
    // X-Amz-Date (when the request had none), X-Amz-Security-Token (when the credentials carry
    // one and the request had none), then Authorization.
    HttpHeaders headersToAdd;
};

// Signs every header the request carries. request.body is not read: payloadHash is the hex
// SHA-256 of the body (payloadHash(body)) or the value sent in x-amz-content-sha256.
// An X-Amz-Date header already in the request is signed as it is and must equal dateTime.
SigningResult sign(const HttpRequest &request, QByteArrayView payloadHash,
                   const QDateTime &dateTime, const QString &region, const QString &service,
                   const Credentials &credentials,
                   SessionTokenPlacement tokenPlacement = SessionTokenPlacement::Signed);

// The payload hash a raw request declares or implies: its x-amz-content-sha256 value when it has
// one (Glacier's upload operations send it), else the hex SHA-256 of its body.
QByteArray payloadHashOf(const HttpRequest &request);

// Glacier's API version; every Glacier request carries it as x-amz-glacier-version.
inline constexpr char GlacierApiVersion[] = "2012-06-01";
inline constexpr char GlacierService[] = "glacier";

// The headers every Glacier request carries besides the signature's own.
HttpHeaders glacierHeaders();

// For the API client: the headers to set on a request to url so that AWS accepts it, in order:
// x-amz-glacier-version (service "glacier", when the caller did not give it), X-Amz-Date,
// X-Amz-Security-Token (with temporary credentials), Authorization. Every header in headers is
// signed, plus Host (taken from url when headers lacks it, and left for Qt to send). Any
// Authorization, X-Amz-Date or X-Amz-Security-Token in headers is ignored: they are replaced.
// The path is signed as it goes on the wire, url.path(QUrl::FullyEncoded), and so encoded a
// second time, as AWS does for every service but S3. Encode '+' in query values as %2B.
// x-amz-content-sha256 is not added: only Glacier's uploads need it (see
// api-common-request-headers.md) and those pass it in headers, with the same value in
// payloadHash.
HttpHeaders signRequest(QByteArrayView method, const QUrl &url, const HttpHeaders &headers,
                        QByteArrayView payloadHash, const Credentials &credentials,
                        const QString &region, const QString &service, const QDateTime &now);

} // namespace thaw::aws::sigv4
