#include "sigv4verifier.h"

#include "core/aws/sigv4.h"
#include "core/crypto/sha256.h"

namespace thaw::emulator {

namespace sigv4 = aws::sigv4;

namespace {

constexpr qint64 MaxClockSkewSeconds = 15 * 60;

GlacierError invalidSignature(const QString &message)
{
    return {403, QStringLiteral("InvalidSignatureException"), message};
}

struct Authorization
{
    QByteArray accessKey;
    QByteArray date;
    QByteArray region;
    QByteArray service;
    QByteArray terminator;
    QList<QByteArray> signedHeaders;
    QByteArray signature;
};

// "AWS4-HMAC-SHA256 Credential=K/D/R/S/aws4_request, SignedHeaders=a;b, Signature=hex"
std::optional<Authorization> parseAuthorization(const QByteArray &value, QString *error)
{
    const qsizetype space = value.indexOf(' ');
    if (space < 0 || value.left(space) != sigv4::Algorithm) {
        *error = QStringLiteral("Authorization header requires existence of either a "
                                "'X-Amz-Date' or a 'Date' header. Authorization=")
                 + QString::fromLatin1(value.left(space));
        return std::nullopt;
    }
    Authorization auth;
    bool haveCredential = false, haveSigned = false, haveSignature = false;
    for (const QByteArray &part : value.mid(space + 1).split(',')) {
        const QByteArray item = part.trimmed();
        const qsizetype equals = item.indexOf('=');
        const QByteArray name = item.left(equals);
        const QByteArray content = item.mid(equals + 1);
        if (name == "Credential") {
            const QList<QByteArray> scope = content.split('/');
            if (scope.size() != 5) {
                *error = QStringLiteral("Credential should be scoped to a valid region. ");
                return std::nullopt;
            }
            auth.accessKey = scope[0];
            auth.date = scope[1];
            auth.region = scope[2];
            auth.service = scope[3];
            auth.terminator = scope[4];
            haveCredential = true;
        } else if (name == "SignedHeaders") {
            auth.signedHeaders = content.split(';');
            haveSigned = true;
        } else if (name == "Signature") {
            auth.signature = content;
            haveSignature = true;
        }
    }
    if (!haveCredential || !haveSigned || !haveSignature) {
        QStringList missing;
        if (!haveCredential)
            missing << QStringLiteral("Credential");
        if (!haveSigned)
            missing << QStringLiteral("SignedHeaders");
        if (!haveSignature)
            missing << QStringLiteral("Signature");
        *error = QStringLiteral("Authorization header requires '%1' parameter. Authorization=%2")
                     .arg(missing.join(u"', '"), QString::fromLatin1(value));
        return std::nullopt;
    }
    return auth;
}

} // namespace

SigV4Verifier::SigV4Verifier(QString region, QHash<QString, QString> secretsByAccessKey)
    : m_region(std::move(region))
    , m_secrets(std::move(secretsByAccessKey))
{}

std::optional<GlacierError> SigV4Verifier::verify(const Request &request,
                                                  const QDateTime &now) const
{
    const QByteArray header = request.header("authorization");
    if (header.isNull())
        return GlacierError{400, QStringLiteral("MissingAuthenticationTokenException"),
                            QStringLiteral("Missing Authentication Token")};
    QString error;
    const std::optional<Authorization> auth = parseAuthorization(header, &error);
    if (!auth)
        return GlacierError{400, QStringLiteral("IncompleteSignatureException"), error};

    const QString accessKey = QString::fromUtf8(auth->accessKey);
    if (!m_secrets.contains(accessKey))
        return GlacierError{400, QStringLiteral("UnrecognizedClientException"),
                            QStringLiteral("The security token included in the request is "
                                           "invalid.")};

    // X-Amz-Date wins over Date; Date must then be in the ISO 8601 basic form itself.
    const QByteArray dateText
        = request.hasHeader("x-amz-date") ? request.header("x-amz-date") : request.header("date");
    const QDateTime signedAt = sigv4::parseAmzDate(dateText);
    if (!signedAt.isValid())
        return GlacierError{400, QStringLiteral("IncompleteSignatureException"),
                            QStringLiteral("Authorization header requires existence of either "
                                           "a 'X-Amz-Date' or a 'Date' header.")};
    if (qAbs(signedAt.secsTo(now)) > MaxClockSkewSeconds) {
        const bool early = signedAt < now;
        const QDateTime bound = now.addSecs(early ? -MaxClockSkewSeconds : MaxClockSkewSeconds);
        return invalidSignature(
            QStringLiteral("Signature %1: %2 is now %3 than %4 (%5 %6 15 min.)")
                .arg(early ? u"expired" : u"not yet current", QString::fromLatin1(dateText),
                     early ? u"earlier" : u"later", QString::fromLatin1(sigv4::amzDate(bound)),
                     QString::fromLatin1(sigv4::amzDate(now)), early ? u"-" : u"+"));
    }
    const QByteArray isoDate = sigv4::amzDate(signedAt).left(8);
    if (auth->date != isoDate)
        return invalidSignature(QStringLiteral("Date in Credential scope does not match "
                                               "YYYYMMDD from ISO-8601 version of date from "
                                               "HTTP: '%1' != '%2', from '%3'.")
                                    .arg(QString::fromLatin1(auth->date),
                                         QString::fromLatin1(isoDate),
                                         QString::fromLatin1(dateText)));
    if (QString::fromUtf8(auth->region) != m_region)
        return invalidSignature(QStringLiteral("Credential should be scoped to a valid region. "));
    if (auth->service != "glacier")
        return invalidSignature(
            QStringLiteral("Credential should be scoped to correct service: 'glacier'. "));
    if (auth->terminator != "aws4_request")
        return invalidSignature(QStringLiteral("Credential should be scoped with a valid "
                                               "terminator: 'aws4_request', not '%1'. ")
                                    .arg(QString::fromLatin1(auth->terminator)));
    if (!auth->signedHeaders.contains("host"))
        return invalidSignature(
            QStringLiteral("'Host' must be a 'SignedHeader' in the AWS Authorization."));

    // Only the headers the client says it signed, in the order received.
    aws::HttpHeaders signedHeaders;
    for (const aws::HttpHeader &h : request.headers) {
        if (auth->signedHeaders.contains(h.name.toLower()))
            signedHeaders.append(h);
    }
    const QByteArray contentHash = request.header("x-amz-content-sha256");
    const QByteArray payloadHash
        = contentHash.isNull() ? crypto::toHex(crypto::Sha256::hash(request.body)) : contentHash;
    const QByteArray canonical = sigv4::canonicalRequest(request.method, request.path,
                                                         request.query, signedHeaders, payloadHash);
    const QByteArray scope
        = sigv4::credentialScope(signedAt.date(), m_region, QString::fromLatin1(auth->service));
    const QByteArray toSign = sigv4::stringToSign(signedAt, scope, canonical);
    const QByteArray key = sigv4::signingKey(m_secrets.value(accessKey), signedAt.date(), m_region,
                                             QString::fromLatin1(auth->service));
    const QByteArray expected = sigv4::signature(key, toSign);
    if (expected != auth->signature) {
        return invalidSignature(
            QStringLiteral("The request signature we calculated does not match the signature "
                           "you provided. Check your AWS Secret Access Key and signing method. "
                           "Consult the service documentation for details.\n\nThe Canonical "
                           "String for this request should have been\n'%1'\n\nThe String-to-Sign "
                           "should have been\n'%2'\n")
                .arg(QString::fromUtf8(canonical), QString::fromUtf8(toSign)));
    }
    return std::nullopt;
}

} // namespace thaw::emulator
