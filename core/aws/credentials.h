#pragma once

#include <QString>

QT_BEGIN_NAMESPACE
class QDebug;
QT_END_NAMESPACE

namespace thaw::aws {

// An AWS access key pair, optionally with the session token of temporary credentials.
// The secret and the token are never printed: toString() and operator<< redact them.
class Credentials final
{
public:
    Credentials() = default;
    Credentials(QString accessKeyId, QString secretAccessKey, QString sessionToken = {});

    const QString &accessKeyId() const { return m_accessKeyId; }
    const QString &secretAccessKey() const { return m_secretAccessKey; }
    const QString &sessionToken() const { return m_sessionToken; }
    bool hasSessionToken() const { return !m_sessionToken.isEmpty(); }
    bool isValid() const { return !m_accessKeyId.isEmpty() && !m_secretAccessKey.isEmpty(); }

    // "Credentials(AKIA..., secret <redacted>[, session token <redacted>])": safe to log.
    QString toString() const;

    friend bool operator==(const Credentials &, const Credentials &) = default;

private:
    QString m_accessKeyId;
    QString m_secretAccessKey;
    QString m_sessionToken;
};

// Prints toString(): the key id and "<redacted>" in place of the secret and the token.
QDebug operator<<(QDebug debug, const Credentials &credentials);

} // namespace thaw::aws
