#pragma once

#include <QString>

namespace thaw::aws {

// An AWS access key pair, optionally with the session token of temporary credentials.
// The secret is never printed: see operator<< in credentials.cpp.
class Credentials
{
public:
    Credentials() = default;
    Credentials(QString accessKeyId, QString secretAccessKey, QString sessionToken = {});

    const QString &accessKeyId() const { return m_accessKeyId; }
    const QString &secretAccessKey() const { return m_secretAccessKey; }
    const QString &sessionToken() const { return m_sessionToken; }
    bool hasSessionToken() const { return !m_sessionToken.isEmpty(); }
    bool isValid() const { return !m_accessKeyId.isEmpty() && !m_secretAccessKey.isEmpty(); }

    friend bool operator==(const Credentials &, const Credentials &) = default;

private:
    QString m_accessKeyId;
    QString m_secretAccessKey;
    QString m_sessionToken;
};

} // namespace thaw::aws
