#include "httprequestparser.h"

#include <string_view>

namespace thaw::aws {

namespace {

bool isTokenChar(char c)
{
    // RFC 9110 section 5.6.2: tchar.
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

std::optional<HttpRequest> fail(QString *error, int lineNumber, const QString &message)
{
    *error = QStringLiteral("line %1: %2").arg(lineNumber).arg(message);
    return std::nullopt;
}

// Splits "METHOD target HTTP/1.1". The target sits between the first and the last space, so
// a path with raw spaces (the suites' get-space case) survives.
bool parseRequestLine(const QByteArray &line, HttpRequest *request)
{
    const qsizetype first = line.indexOf(' ');
    const qsizetype last = line.lastIndexOf(' ');
    if (first <= 0 || last <= first + 1)
        return false;
    const QByteArray method = line.left(first);
    const QByteArray target = line.mid(first + 1, last - first - 1);
    const QByteArray version = line.mid(last + 1);
    if (!isToken(method) || !version.startsWith("HTTP/1.") || !target.startsWith('/'))
        return false;
    const qsizetype question = target.indexOf('?');
    request->method = method;
    request->path = question < 0 ? target : target.left(question);
    request->query = question < 0 ? QByteArray() : target.mid(question + 1);
    return true;
}

} // namespace

std::optional<HttpRequest> parseHttpRequest(const QByteArray &text, QString *error)
{
    HttpRequest request;
    qsizetype position = 0;
    int lineNumber = 0;
    bool inHeaders = false;
    while (position < text.size()) {
        qsizetype end = text.indexOf('\n', position);
        const qsizetype next = end < 0 ? text.size() : end + 1;
        if (end < 0)
            end = text.size();
        QByteArray line = text.mid(position, end - position);
        if (line.endsWith('\r'))
            line.chop(1);
        position = next;
        ++lineNumber;

        if (!inHeaders) {
            if (!parseRequestLine(line, &request)) {
                return fail(error, lineNumber,
                            QStringLiteral("expected a request line 'METHOD /path HTTP/1.1'"));
            }
            inHeaders = true;
            continue;
        }
        if (line.isEmpty()) {
            // The blank line ends the headers; every byte after it is the body.
            request.body = text.mid(position);
            return request;
        }
        if (line.startsWith(' ') || line.startsWith('\t')) {
            // obs-fold (RFC 9112 section 5.2): the line continues the previous header's value.
            if (request.headers.isEmpty())
                return fail(error, lineNumber, QStringLiteral("continuation line before a header"));
            QByteArray &value = request.headers.last().value;
            value += ' ';
            value += line.trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            return fail(error, lineNumber, QStringLiteral("header line has no ':'"));
        const QByteArray name = line.left(colon);
        if (!isToken(name)) {
            return fail(error, lineNumber,
                        QStringLiteral("invalid header name '%1'").arg(QString::fromUtf8(name)));
        }
        request.headers.append({name, line.mid(colon + 1).trimmed()});
    }
    if (!inHeaders) {
        *error = QStringLiteral("empty request");
        return std::nullopt;
    }
    return request;
}

} // namespace thaw::aws
