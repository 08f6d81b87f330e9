#pragma once

#include "core/aws/httprequest.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace thaw::emulator {

// One HTTP/1.1 request as read from the socket: the target split at its first '?', neither
// half decoded, because SigV4 signs the path and query as they were sent.
struct Request final
{
    QByteArray method;
    QByteArray path;
    QByteArray query;
    aws::HttpHeaders headers;
    QByteArray body;
    QHostAddress peer;

    QByteArray header(QByteArrayView name) const { return aws::headerValue(headers, name); }
    bool hasHeader(QByteArrayView name) const { return aws::hasHeader(headers, name); }
};

// A response body streamed from a file region, so a multi-GB output never sits in memory.
struct FileBody final
{
    QString path;
    qint64 offset = 0; // where the served bytes start in the file
    qint64 length = 0;
    qint64 outputOffset = 0; // where the served bytes start in the job output (for faults)
};

// What the connection does to the body while sending it: the fault injector's decisions for
// this one response.
struct BodyFaults final
{
    std::optional<qint64> resetAfterBytes; // drop the connection after this many body bytes
    bool hardReset = false;         // drop it with RST (unread bytes may be lost) rather than FIN
    bool stallAfterHeaders = false; // send the headers, then nothing
    std::optional<qint64> corruptOutputOffset; // flip this byte of the job output
    qint64 bandwidthBytesPerSecond = 0;        // 0: unlimited
};

struct Response final
{
    int status = 200;
    aws::HttpHeaders headers; // Date, x-amzn-RequestId and Content-Length are added when sent
    QByteArray body;
    std::optional<FileBody> fileBody; // replaces body when set
    BodyFaults faults;
    bool countOutputBytes = false; // body bytes go to the job-output byte counter

    void setHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
    }
    qint64 bodyLength() const { return fileBody ? fileBody->length : body.size(); }
};

} // namespace thaw::emulator
