#pragma once

#include <QByteArray>
#include <QString>

namespace thaw::emulator {

// Which Glacier operation a request is, and the path parameters, following the requestUri
// templates of the API model (service-2.json).
struct Route final
{
    QString operation; // "ListVaults", ... or empty when no operation matches
    QString accountId;
    QString vault;
    QString jobId;

    static Route match(const QByteArray &method, const QByteArray &path);
};

} // namespace thaw::emulator
