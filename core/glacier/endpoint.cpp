#include "endpoint.h"

#include <QHostAddress>

namespace thaw::glacier {

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

std::optional<QUrl> glacierEndpoint(const QString &region, const QString &endpointUrl,
                                    bool allowInsecure, QString *error)
{
    if (endpointUrl.isEmpty()) {
        if (region.isEmpty()) {
            *error = QStringLiteral("no region: pass --region or set one in the profile");
            return std::nullopt;
        }
        QUrl url;
        url.setScheme(QStringLiteral("https"));
        url.setHost(QStringLiteral("glacier.%1.amazonaws.com").arg(region));
        if (!url.isValid()) {
            *error = QStringLiteral("'%1' is not a valid region").arg(region);
            return std::nullopt;
        }
        return url;
    }
    const QUrl url(endpointUrl, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
        *error = QStringLiteral("endpoint URL '%1' is not an http:// or https:// URL")
                     .arg(endpointUrl);
        return std::nullopt;
    }
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty()) {
        *error = QStringLiteral("endpoint URL '%1' must not carry a query, fragment or user")
                     .arg(endpointUrl);
        return std::nullopt;
    }
    if (scheme == QLatin1String("http") && !allowInsecure && !isLoopbackHost(url.host())) {
        *error = QStringLiteral("refusing plain http:// to %1: requests would travel "
                                "unencrypted; use https://, a loopback address, or "
                                "--allow-insecure-endpoint")
                     .arg(url.host());
        return std::nullopt;
    }
    return url;
}

} // namespace thaw::glacier
