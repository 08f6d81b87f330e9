// Tests of parseHttpRequest(): the raw request form of the SigV4 suites' .req files.
#include "core/aws/httprequestparser.h"

#include <QTest>

Q_DECLARE_METATYPE(thaw::aws::HttpHeader)

namespace thaw::aws {
// Readable failure messages for QCOMPARE on headers (found by argument-dependent lookup).
char *toString(const HttpHeader &header)
{
    return QTest::toString(header.name + ": " + header.value);
}
} // namespace thaw::aws

using thaw::aws::HttpHeader;
using thaw::aws::HttpHeaders;
using thaw::aws::HttpRequest;
using thaw::aws::parseHttpRequest;

class TestSigV4HttpRequest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void headerLookupIgnoresCase();
};

void TestSigV4HttpRequest::parses_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<QByteArray>("body");

    const HttpHeader host{"Host", "example.amazonaws.com"};
    const HttpHeader date{"X-Amz-Date", "20150830T123600Z"};

    QTest::newRow("vanilla, no final newline")
        << QByteArray("GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z")
        << QByteArray("GET") << QByteArray("/") << QByteArray() << HttpHeaders{host, date}
        << QByteArray();
    QTest::newRow("final newline, no body")
        << QByteArray("GET / HTTP/1.1\nHost:example.amazonaws.com\n") << QByteArray("GET")
        << QByteArray("/") << QByteArray() << HttpHeaders{host} << QByteArray();
    QTest::newRow("CRLF line ends")
        << QByteArray("GET /a?b=c HTTP/1.1\r\nHost:example.amazonaws.com\r\n\r\nbody\r\n")
        << QByteArray("GET") << QByteArray("/a") << QByteArray("b=c") << HttpHeaders{host}
        << QByteArray("body\r\n");
    QTest::newRow("space in path (get-space)")
        << QByteArray("GET /example space/ HTTP/1.1\nHost:example.amazonaws.com")
        << QByteArray("GET") << QByteArray("/example space/") << QByteArray() << HttpHeaders{host}
        << QByteArray();
    QTest::newRow("UTF-8 path (get-utf8)")
        << QByteArray("GET /\xe1\x88\xb4 HTTP/1.1\nHost:example.amazonaws.com") << QByteArray("GET")
        << QByteArray("/\xe1\x88\xb4") << QByteArray() << HttpHeaders{host} << QByteArray();
    QTest::newRow("query split at the first '?' only")
        << QByteArray("GET /?a=b?c&d HTTP/1.1\nHost:example.amazonaws.com") << QByteArray("GET")
        << QByteArray("/") << QByteArray("a=b?c&d") << HttpHeaders{host} << QByteArray();
    QTest::newRow("empty query after '?'")
        << QByteArray("GET /? HTTP/1.1\nHost:example.amazonaws.com") << QByteArray("GET")
        << QByteArray("/") << QByteArray() << HttpHeaders{host} << QByteArray();
    QTest::newRow("duplicate headers kept in order (get-header-key-duplicate)")
        << QByteArray("GET / HTTP/1.1\nMy-Header1:value2\nMy-Header1:value2\nMy-Header1:value1")
        << QByteArray("GET") << QByteArray("/") << QByteArray()
        << HttpHeaders{{"My-Header1", "value2"}, {"My-Header1", "value2"}, {"My-Header1", "value1"}}
        << QByteArray();
    QTest::newRow("value trimmed, inner spaces kept (get-header-value-trim)")
        << QByteArray("GET / HTTP/1.1\nMy-Header2: \"a   b   c\"  ") << QByteArray("GET")
        << QByteArray("/") << QByteArray() << HttpHeaders{{"My-Header2", "\"a   b   c\""}}
        << QByteArray();
    QTest::newRow("multi-line value folded with one space (get-header-value-multiline)")
        << QByteArray("GET / HTTP/1.1\nMy-Header1:value1\n  value2\n     value3\nX-Amz-Date:x")
        << QByteArray("GET") << QByteArray("/") << QByteArray()
        << HttpHeaders{{"My-Header1", "value1 value2 value3"}, {"X-Amz-Date", "x"}} << QByteArray();
    QTest::newRow("tab continuation")
        << QByteArray("GET / HTTP/1.1\nA:1\n\t2") << QByteArray("GET") << QByteArray("/")
        << QByteArray() << HttpHeaders{{"A", "1 2"}} << QByteArray();
    QTest::newRow("empty header value")
        << QByteArray("GET / HTTP/1.1\nA:\n") << QByteArray("GET") << QByteArray("/")
        << QByteArray() << HttpHeaders{{"A", ""}} << QByteArray();
    QTest::newRow("body kept byte for byte (post-x-www-form-urlencoded)")
        << QByteArray("POST / HTTP/1.1\nContent-Type:application/x-www-form-urlencoded\n\n"
                      "Param1=value1\n\nmore")
        << QByteArray("POST") << QByteArray("/") << QByteArray()
        << HttpHeaders{{"Content-Type", "application/x-www-form-urlencoded"}}
        << QByteArray("Param1=value1\n\nmore");
    QTest::newRow("no headers at all")
        << QByteArray("DELETE /-/vaults/v HTTP/1.0") << QByteArray("DELETE")
        << QByteArray("/-/vaults/v") << QByteArray() << HttpHeaders{} << QByteArray();
}

void TestSigV4HttpRequest::parses()
{
    QFETCH(QByteArray, text);
    QString error;
    const std::optional<HttpRequest> request = parseHttpRequest(text, &error);
    QVERIFY2(request.has_value(), qPrintable(error));
    QTEST(request->method, "method");
    QTEST(request->path, "path");
    QTEST(request->query, "query");
    QTEST(request->headers, "headers");
    QTEST(request->body, "body");
}

void TestSigV4HttpRequest::rejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty request");
    const QString badRequestLine
        = QStringLiteral("line 1: expected a request line 'METHOD /path HTTP/1.1'");
    QTest::newRow("blank first line") << QByteArray("\nHost:x") << badRequestLine;
    QTest::newRow("no version") << QByteArray("GET /") << badRequestLine;
    QTest::newRow("no target") << QByteArray("GET HTTP/1.1") << badRequestLine;
    QTest::newRow("not HTTP/1") << QByteArray("GET / SPDY/3") << badRequestLine;
    QTest::newRow("target not a path") << QByteArray("GET example.com HTTP/1.1") << badRequestLine;
    QTest::newRow("method with a colon") << QByteArray("GE:T / HTTP/1.1") << badRequestLine;
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\nHost example.com")
                                          << QStringLiteral("line 2: header line has no ':'");
    QTest::newRow("empty header name") << QByteArray("GET / HTTP/1.1\nHost:x\n:value")
                                       << QStringLiteral("line 3: invalid header name ''");
    QTest::newRow("space in header name")
        << QByteArray("GET / HTTP/1.1\nMy Header:value")
        << QStringLiteral("line 2: invalid header name 'My Header'");
    QTest::newRow("continuation before any header")
        << QByteArray("GET / HTTP/1.1\n  value")
        << QStringLiteral("line 2: continuation line before a header");
}

void TestSigV4HttpRequest::rejects()
{
    QFETCH(QByteArray, text);
    QString error;
    const std::optional<HttpRequest> request = parseHttpRequest(text, &error);
    QVERIFY(!request.has_value());
    QTEST(error, "error");
}

void TestSigV4HttpRequest::headerLookupIgnoresCase()
{
    const HttpHeaders headers{{"X-Amz-Date", "1"}, {"x-amz-date", "2"}, {"Empty", ""}};
    QVERIFY(thaw::aws::hasHeader(headers, "x-AMZ-date"));
    QVERIFY(!thaw::aws::hasHeader(headers, "host"));
    QCOMPARE(thaw::aws::headerValue(headers, "X-AMZ-DATE"), QByteArray("1"));
    QVERIFY(thaw::aws::headerValue(headers, "host").isNull());
    QVERIFY(!thaw::aws::headerValue(headers, "empty").isNull());
}

QTEST_GUILESS_MAIN(TestSigV4HttpRequest)
#include "tst_sigv4httprequest.moc"
