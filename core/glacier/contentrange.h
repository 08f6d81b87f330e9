#pragma once

#include <QByteArrayView>

#include <optional>

namespace thaw::glacier {

// A 206's Content-Range: "bytes 1048576-2097151/16777216" → {1048576, 2097151, 16777216}.
// https://www.rfc-editor.org/rfc/rfc9110#field.content-range; the total may be "*" (unknown).
struct ContentRange
{
    qint64 first = 0;
    qint64 last = 0; // inclusive
    std::optional<qint64> total;
};

// nullopt when the value is not a byte range of that form (or ends before it starts).
std::optional<ContentRange> parseContentRange(QByteArrayView value);

// Whether the answer to a GET with "Range: bytes=first-last" (last nullopt: to the end) is that
// range, after nextcloud's GETFileJob: a 206 whose range starts where it was asked to, ends no
// later than asked (earlier only at the end of the output), and whose length is the body's
// Content-Length when one was sent, so that a short body is caught by the Content-Length check.
bool answersRange(int status, QByteArrayView contentRange, std::optional<qint64> contentLength,
                  qint64 first, std::optional<qint64> last);

} // namespace thaw::glacier
