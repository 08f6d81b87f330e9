#include "glaciererror.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace thaw::emulator {

Response GlacierError::toResponse() const
{
    Response response;
    response.status = status;
    response.setHeader("Content-Type", "application/json");
    const QJsonObject body{{QStringLiteral("code"), code},
                           {QStringLiteral("message"), message},
                           {QStringLiteral("type"), type}};
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

GlacierError GlacierError::invalidParameter(const QString &message)
{
    return {400, QStringLiteral("InvalidParameterValueException"), message};
}

GlacierError GlacierError::missingParameter(const QString &message)
{
    return {400, QStringLiteral("MissingParameterValueException"), message};
}

GlacierError GlacierError::notFound(const QString &message)
{
    return {404, QStringLiteral("ResourceNotFoundException"), message};
}

} // namespace thaw::emulator
