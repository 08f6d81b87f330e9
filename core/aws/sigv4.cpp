#include "sigv4.h"

#include "sigv4hash.h"

#include <QList>
#include <QTimeZone>

#include <algorithm>
#include <utility>

namespace thaw::aws::sigv4 {

namespace {

const QString AmzDateFormat = QStringLiteral("yyyyMMdd'T'HHmmss'Z'");

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
           || c == '.' || c == '_' || c == '~';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// A header's name in canonical form: lower case, no surrounding spaces.
QByteArray canonicalName(const QByteArray &name)
{
    return name.trimmed().toLower();
}

// The headers to sign merged by canonical name: values trimmed, repeats joined with ',' in
// their original order, names sorted by byte value (Task 1 step 4).
QList<std::pair<QByteArray, QByteArray>> mergedHeaders(const HttpHeaders &headers)
{
    QList<std::pair<QByteArray, QByteArray>> merged;
    for (const HttpHeader &header : headers) {
        const QByteArray name = canonicalName(header.name);
        const QByteArray value = canonicalHeaderValue(header.value);
        const auto it = std::find_if(merged.begin(), merged.end(),
                                     [&name](const auto &entry) { return entry.first == name; });
        if (it == merged.end()) {
            merged.append({name, value});
        } else {
            it->second += ',';
            it->second += value;
        }
    }
    std::stable_sort(merged.begin(), merged.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    return merged;
}

} // namespace

QByteArray amzDate(const QDateTime &dateTime)
{
    return dateTime.toUTC().toString(AmzDateFormat).toLatin1();
}

QDateTime parseAmzDate(QByteArrayView text)
{
    if (text.size() != 16)
        return {};
    QDateTime dateTime = QDateTime::fromString(QString::fromLatin1(text), AmzDateFormat);
    if (!dateTime.isValid())
        return {};
    dateTime.setTimeZone(QTimeZone::utc());
    return dateTime;
}

QByteArray payloadHash(QByteArrayView body)
{
    return sha256(body).toHex();
}

QByteArray uriEncode(QByteArrayView bytes, bool keepSlash)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray encoded;
    encoded.reserve(bytes.size() * 3);
    for (const char c : bytes) {
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            encoded += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            encoded += '%';
            encoded += hex[byte >> 4];
            encoded += hex[byte & 0x0f];
        }
    }
    return encoded;
}

QByteArray normalizePath(QByteArrayView path)
{
    // RFC 3986 section 5.2.4 (remove dot segments), plus the AWS rule that empty segments
    // ("//") go too: compare the suites' normalize-path cases.
    QList<QByteArrayView> segments;
    qsizetype start = 0;
    while (start <= path.size()) {
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        const QByteArrayView segment = path.sliced(start, end - start);
        if (segment == "..") {
            if (!segments.isEmpty())
                segments.removeLast();
        } else if (!segment.isEmpty() && segment != ".") {
            segments.append(segment);
        }
        start = end + 1;
    }
    QByteArray normalized("/");
    for (qsizetype i = 0; i < segments.size(); ++i) {
        if (i > 0)
            normalized += '/';
        normalized += segments.at(i);
    }
    if (!segments.isEmpty() && path.endsWith('/'))
        normalized += '/';
    return normalized;
}

QByteArray canonicalUri(QByteArrayView path)
{
    // Task 1 step 2: the absolute path, normalised (not for S3, which Thaw never signs for),
    // then every byte but the unreserved ones and '/' percent-encoded.
    return uriEncode(normalizePath(path), true);
}

QByteArray canonicalQueryString(QByteArrayView query)
{
    // Task 1 step 3: encode each name and value (after undoing the wire encoding, so that
    // "%E1%88%B4" and a raw UTF-8 name give the same result), sort by name then by value.
    QList<std::pair<QByteArray, QByteArray>> pairs;
    if (!query.isEmpty()) {
        const QList<QByteArray> parts = query.toByteArray().split('&');
        for (const QByteArray &part : parts) {
            if (part.isEmpty())
                continue;
            const qsizetype equals = part.indexOf('=');
            const QByteArray name = equals < 0 ? part : part.left(equals);
            const QByteArray value = equals < 0 ? QByteArray() : part.mid(equals + 1);
            pairs.append({uriEncode(QByteArray::fromPercentEncoding(name), false),
                          uriEncode(QByteArray::fromPercentEncoding(value), false)});
        }
    }
    std::sort(pairs.begin(), pairs.end());
    QByteArray canonical;
    for (const auto &[name, value] : pairs) {
        if (!canonical.isEmpty())
            canonical += '&';
        canonical += name;
        canonical += '=';
        canonical += value;
    }
    return canonical;
}

QByteArray canonicalHeaderValue(QByteArrayView value)
{
    // Task 1 step 4: "Trimall" - no leading or trailing spaces, each inner run of spaces
    // (a folded line's break included) becomes one space.
    QByteArray canonical;
    canonical.reserve(value.size());
    bool pendingSpace = false;
    for (const char c : value) {
        if (isSpace(c)) {
            pendingSpace = !canonical.isEmpty();
            continue;
        }
        if (pendingSpace)
            canonical += ' ';
        pendingSpace = false;
        canonical += c;
    }
    return canonical;
}

QByteArray canonicalHeaders(const HttpHeaders &headers)
{
    QByteArray canonical;
    for (const auto &[name, value] : mergedHeaders(headers)) {
        canonical += name;
        canonical += ':';
        canonical += value;
        canonical += '\n';
    }
    return canonical;
}

QByteArray signedHeaders(const HttpHeaders &headers)
{
    QByteArray names;
    for (const auto &entry : mergedHeaders(headers)) {
        if (!names.isEmpty())
            names += ';';
        names += entry.first;
    }
    return names;
}

QByteArray canonicalRequest(QByteArrayView method, QByteArrayView path, QByteArrayView query,
                            const HttpHeaders &headers, QByteArrayView payloadHash)
{
    // Task 1: the six parts joined by '\n'. The canonical headers end in their own '\n', hence
    // the blank line before the signed headers.
    QByteArray canonical;
    canonical += method.toByteArray().toUpper(); // step 1: HTTP method
    canonical += '\n';
    canonical += canonicalUri(path); // step 2
    canonical += '\n';
    canonical += canonicalQueryString(query); // step 3
    canonical += '\n';
    canonical += canonicalHeaders(headers); // step 4
    canonical += '\n';
    canonical += signedHeaders(headers); // step 5
    canonical += '\n';
    canonical += payloadHash; // step 6: hashed payload
    return canonical;
}

QByteArray credentialScope(const QDate &date, const QString &region, const QString &service)
{
    return date.toString(QStringLiteral("yyyyMMdd")).toLatin1() + '/' + region.toUtf8() + '/'
           + service.toUtf8() + "/aws4_request";
}

QByteArray stringToSign(const QDateTime &dateTime, QByteArrayView credentialScope,
                        QByteArrayView canonicalRequest)
{
    // Task 2: algorithm, request date-time, credential scope, hashed canonical request.
    QByteArray text(Algorithm);
    text += '\n';
    text += amzDate(dateTime);
    text += '\n';
    text += credentialScope;
    text += '\n';
    text += sha256(canonicalRequest).toHex();
    return text;
}

QByteArray signingKey(const QString &secretAccessKey, const QDate &date, const QString &region,
                      const QString &service)
{
    // Task 3 step 1: kDate = HMAC("AWS4" + secret, date), kRegion = HMAC(kDate, region),
    // kService = HMAC(kRegion, service), kSigning = HMAC(kService, "aws4_request").
    const QByteArray dateKey = hmacSha256("AWS4" + secretAccessKey.toUtf8(),
                                          date.toString(QStringLiteral("yyyyMMdd")).toLatin1());
    const QByteArray regionKey = hmacSha256(dateKey, region.toUtf8());
    const QByteArray serviceKey = hmacSha256(regionKey, service.toUtf8());
    return hmacSha256(serviceKey, "aws4_request");
}

QByteArray signature(QByteArrayView signingKey, QByteArrayView stringToSign)
{
    // Task 3 step 2.
    return hmacSha256(signingKey, stringToSign).toHex();
}

QByteArray authorization(const QString &accessKeyId, QByteArrayView credentialScope,
                         QByteArrayView signedHeaders, QByteArrayView signature)
{
    // Task 4: add the signature to the request as the Authorization header.
    QByteArray value(Algorithm);
    value += " Credential=";
    value += accessKeyId.toUtf8();
    value += '/';
    value += credentialScope;
    value += ", SignedHeaders=";
    value += signedHeaders;
    value += ", Signature=";
    value += signature;
    return value;
}

} // namespace thaw::aws::sigv4
