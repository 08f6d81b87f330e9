#pragma once

#include "core/aws/httprequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDate>
#include <QDateTime>
#include <QString>

// AWS Signature Version 4, one pure function per step of
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
// (the Glacier page amazon-glacier-signing-requests.md calls them Tasks 1-3).
// Nothing here reads the clock, the environment or the network: the date-time, region, service
// and keys are inputs, so each step is checked against AWS's published vectors. Nothing here
// logs: the Authorization value and the secret must never reach a log.
namespace thaw::aws::sigv4 {

inline constexpr char Algorithm[] = "AWS4-HMAC-SHA256";
// Hex SHA-256 of an empty body, the payload hash of every GET.
inline constexpr char EmptyPayloadHash[]
    = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// The ISO 8601 basic form of X-Amz-Date, "20150830T123600Z". The time is converted to UTC.
QByteArray amzDate(const QDateTime &dateTime);

// Reads the X-Amz-Date form back as a UTC date-time; an invalid QDateTime when text is not
// exactly YYYYMMDD'T'HHMMSS'Z'.
QDateTime parseAmzDate(QByteArrayView text);

// Hex SHA-256 of a request body: the last line of the canonical request.
QByteArray payloadHash(QByteArrayView body);

// URI-encodes every byte except the unreserved A-Za-z0-9-._~ (and '/' when keepSlash), with
// upper-case hex, as the canonical request requires. A '%' is encoded like any other byte.
QByteArray uriEncode(QByteArrayView bytes, bool keepSlash);

// Removes "." and ".." segments and empty segments (duplicate slashes), the normalisation every
// service but S3 applies to the path (RFC 3986 section 5.2.4 plus AWS's empty-segment rule).
// A trailing slash is kept when something remains; the result always starts with '/'.
QByteArray normalizePath(QByteArrayView path);

// Task 1 step 2: the canonical URI. The path is taken as given, normalised, then encoded once,
// so a path that is already percent-encoded on the wire ("%20") is encoded again ("%2520"),
// which is what AWS computes for non-S3 services such as Glacier.
QByteArray canonicalUri(QByteArrayView path);

// Task 1 step 3: the canonical query string. Each name and value is decoded and URI-encoded,
// the pairs sorted by encoded name then value, and "a" without '=' becomes "a=".
QByteArray canonicalQueryString(QByteArrayView query);

// A header value as it enters the canonical headers: trimmed, runs of spaces collapsed.
QByteArray canonicalHeaderValue(QByteArrayView value);

// Task 1 step 4: "name:value\n" per header, names lower-cased and sorted, the values of repeated
// headers joined with ',' in their original order.
QByteArray canonicalHeaders(const HttpHeaders &headers);

// Task 1 step 5: the lower-cased, sorted, ';'-separated names of the signed headers.
QByteArray signedHeaders(const HttpHeaders &headers);

// Task 1: the canonical request, from the method, the path and query as given, the headers to
// sign and the payload hash (hex SHA-256 of the body, or a value the caller sends in
// x-amz-content-sha256).
QByteArray canonicalRequest(QByteArrayView method, QByteArrayView path, QByteArrayView query,
                            const HttpHeaders &headers, QByteArrayView payloadHash);

// Task 2 step 3: "20150830/us-east-1/service/aws4_request".
QByteArray credentialScope(const QDate &date, const QString &region, const QString &service);

// Task 2: algorithm, X-Amz-Date, credential scope and the hex SHA-256 of the canonical request.
QByteArray stringToSign(const QDateTime &dateTime, QByteArrayView credentialScope,
                        QByteArrayView canonicalRequest);

// Task 3 step 1: the derived key, HMAC chained over date, region, service and "aws4_request"
// starting from "AWS4" + secret. Raw 32 bytes.
QByteArray signingKey(const QString &secretAccessKey, const QDate &date, const QString &region,
                      const QString &service);

// Task 3 step 2: the hex HMAC-SHA256 of the string to sign under the signing key.
QByteArray signature(QByteArrayView signingKey, QByteArrayView stringToSign);

// Task 4: the Authorization header value,
// "AWS4-HMAC-SHA256 Credential=<key id>/<scope>, SignedHeaders=<names>, Signature=<hex>".
QByteArray authorization(const QString &accessKeyId, QByteArrayView credentialScope,
                         QByteArrayView signedHeaders, QByteArrayView signature);

} // namespace thaw::aws::sigv4
