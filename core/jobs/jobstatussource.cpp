#include "jobstatussource.h"

namespace thaw::jobs {

QString LookupError::toString() const
{
    QString text;
    if (httpStatus != 0)
        text += QString::number(httpStatus);
    if (!awsCode.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(" ")) + awsCode;
    if (!message.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(": ")) + message;
    return text.isEmpty() ? QStringLiteral("unknown error") : text;
}

} // namespace thaw::jobs
