#include "router.h"

#include <QList>
#include <QUrl>

namespace thaw::emulator {

Route Route::match(const QByteArray &method, const QByteArray &path)
{
    Route route;
    QList<QByteArray> parts = path.split('/');
    if (parts.isEmpty() || !parts.first().isEmpty())
        return route;
    parts.removeFirst();
    if (!parts.isEmpty() && parts.last().isEmpty())
        parts.removeLast();
    QStringList segments;
    for (const QByteArray &part : parts)
        segments.append(QUrl::fromPercentEncoding(part));
    if (segments.size() < 2 || segments[1] != u"vaults")
        return route;
    route.accountId = segments[0];
    const qsizetype n = segments.size();
    if (n >= 3)
        route.vault = segments[2];
    if (n >= 5)
        route.jobId = segments[4];
    if (n == 2 && method == "GET")
        route.operation = QStringLiteral("ListVaults");
    else if (n == 3 && method == "GET")
        route.operation = QStringLiteral("DescribeVault");
    else if (n == 3 && method == "PUT")
        route.operation = QStringLiteral("CreateVault");
    else if (n == 4 && segments[3] == u"archives" && method == "POST")
        route.operation = QStringLiteral("UploadArchive");
    else if (n == 4 && segments[3] == u"jobs" && method == "POST")
        route.operation = QStringLiteral("InitiateJob");
    else if (n == 4 && segments[3] == u"jobs" && method == "GET")
        route.operation = QStringLiteral("ListJobs");
    else if (n == 5 && segments[3] == u"jobs" && method == "GET")
        route.operation = QStringLiteral("DescribeJob");
    else if (n == 6 && segments[3] == u"jobs" && segments[5] == u"output" && method == "GET")
        route.operation = QStringLiteral("GetJobOutput");
    return route;
}

} // namespace thaw::emulator
