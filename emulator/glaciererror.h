#pragma once

#include "httpmessage.h"

#include <QString>

namespace thaw::emulator {

// An error as Glacier sends it: HTTP status and the JSON body {"code","message","type"}.
// Codes and statuses follow api-error-responses.md and the API model (service-2.json).
struct GlacierError final
{
    int status = 400;
    QString code;
    QString message;
    QString type = QStringLiteral("Client");

    Response toResponse() const;

    static GlacierError invalidParameter(const QString &message);
    static GlacierError missingParameter(const QString &message);
    static GlacierError notFound(const QString &message);
};

} // namespace thaw::emulator
