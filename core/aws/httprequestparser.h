#pragma once

#include "core/aws/httprequest.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace thaw::aws {

// Parses raw HTTP/1.1 request text in the form of the SigV4 test suites' .req files:
//   METHOD SP request-target SP HTTP/1.x      (the target may hold raw spaces and UTF-8)
//   Name:value                                 (repeated names are kept, in order)
//     continuation                             (obs-fold: joined to the value with one space)
//   <blank line>
//   body                                       (the remaining bytes, untouched)
// Lines may end in LF or CRLF. nullopt with *error set (with the line number) when malformed.
std::optional<HttpRequest> parseHttpRequest(const QByteArray &text, QString *error);

} // namespace thaw::aws
