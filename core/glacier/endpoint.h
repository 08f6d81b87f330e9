#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace thaw::glacier {

// The URL requests go to: https://glacier.<region>.amazonaws.com, or an --endpoint-url.
// Plain http:// is accepted only for loopback hosts (127.0.0.0/8, ::1, localhost) unless
// allowInsecure: credentials signed over the open network could be replayed.
// nullopt with *error set for a URL that is not http(s) or is refused.
std::optional<QUrl> glacierEndpoint(const QString &region, const QString &endpointUrl,
                                    bool allowInsecure, QString *error);

bool isLoopbackHost(const QString &host);

} // namespace thaw::glacier
