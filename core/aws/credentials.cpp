#include "credentials.h"

#include <QDebug>

#include <utility>

namespace thaw::aws {

Credentials::Credentials(QString accessKeyId, QString secretAccessKey, QString sessionToken)
    : m_accessKeyId(std::move(accessKeyId))
    , m_secretAccessKey(std::move(secretAccessKey))
    , m_sessionToken(std::move(sessionToken))
{}

QString Credentials::toString() const
{
    // Only whether a secret or token is present is shown, never a byte of either.
    const QString redacted = QStringLiteral("<redacted>");
    QString text = QStringLiteral("Credentials(%1, secret %2")
                       .arg(m_accessKeyId.isEmpty() ? QStringLiteral("<no key id>") : m_accessKeyId,
                            m_secretAccessKey.isEmpty() ? QStringLiteral("<none>") : redacted);
    if (hasSessionToken())
        text += QStringLiteral(", session token ") + redacted;
    text += QLatin1Char(')');
    return text;
}

QDebug operator<<(QDebug debug, const Credentials &credentials)
{
    const QDebugStateSaver saver(debug);
    debug.noquote().nospace() << credentials.toString();
    return debug;
}

} // namespace thaw::aws
