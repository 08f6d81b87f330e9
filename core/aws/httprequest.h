#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace thaw::aws {

// One HTTP header as sent: the name keeps its case, the value its inner spaces.
struct HttpHeader final
{
    QByteArray name;
    QByteArray value;

    friend bool operator==(const HttpHeader &, const HttpHeader &) = default;
};

using HttpHeaders = QList<HttpHeader>;

// True when a header of that name (compared case-insensitively) is present.
bool hasHeader(const HttpHeaders &headers, QByteArrayView name);

// The value of the first header of that name (case-insensitive), or a null QByteArray.
QByteArray headerValue(const HttpHeaders &headers, QByteArrayView name);

// A request as written on the wire, before signing. The request target is split at its first
// '?' and neither half is decoded: SigV4 needs the path and query exactly as given.
struct HttpRequest final
{
    QByteArray method;
    QByteArray path;
    QByteArray query; // what follows the first '?', empty when there is none
    HttpHeaders headers;
    QByteArray body;
};

} // namespace thaw::aws
