// Content-Range (core/glacier/contentrange.h): parsing a 206's range, and whether an answer is the
// range a GET asked for. Values after RFC 9110 §14.4 and Glacier's Get Job Output page
// (reference/api-job-output-get.md: "Content-Range: bytes 0-1048575/8388608").
#include "core/glacier/contentrange.h"

#include <QTest>

using namespace thaw::glacier;

class TestContentRange final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("first");
        QTest::addColumn<qint64>("last");
        QTest::addColumn<qint64>("total"); // -1: unknown

        QTest::newRow("AWS's example") << QByteArray("bytes 0-1048575/8388608") << true << qint64(0)
                                       << qint64(1048575) << qint64(8388608);
        QTest::newRow("a middle range") << QByteArray("bytes 1048576-2097151/16777216") << true
                                        << qint64(1048576) << qint64(2097151) << qint64(16777216);
        QTest::newRow("one byte") << QByteArray("bytes 5-5/6") << true << qint64(5) << qint64(5)
                                  << qint64(6);
        QTest::newRow("unknown total")
            << QByteArray("bytes 0-99/*") << true << qint64(0) << qint64(99) << qint64(-1);
        QTest::newRow("past 4 GiB")
            << QByteArray("bytes 4294967296-8589934591/8589934592") << true << qint64(4294967296)
            << qint64(8589934591) << qint64(8589934592);
        QTest::newRow("empty") << QByteArray() << false << qint64(0) << qint64(0) << qint64(-1);
        QTest::newRow("another unit")
            << QByteArray("items 0-9/10") << false << qint64(0) << qint64(0) << qint64(-1);
        QTest::newRow("unsatisfied range")
            << QByteArray("bytes */100") << false << qint64(0) << qint64(0) << qint64(-1);
        QTest::newRow("no first") << QByteArray("bytes -5/10") << false << qint64(0) << qint64(0)
                                  << qint64(-1);
        QTest::newRow("no total") << QByteArray("bytes 0-5") << false << qint64(0) << qint64(0)
                                  << qint64(-1);
        QTest::newRow("last before first")
            << QByteArray("bytes 9-5/10") << false << qint64(0) << qint64(0) << qint64(-1);
        QTest::newRow("not a number")
            << QByteArray("bytes a-5/10") << false << qint64(0) << qint64(0) << qint64(-1);
        QTest::newRow("no space") << QByteArray("bytes0-5/10") << false << qint64(0) << qint64(0)
                                  << qint64(-1);
    }

    void parse()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, valid);
        QFETCH(qint64, first);
        QFETCH(qint64, last);
        QFETCH(qint64, total);
        const std::optional<ContentRange> range = parseContentRange(value);
        QCOMPARE(range.has_value(), valid);
        if (!valid)
            return;
        QCOMPARE(range->first, first);
        QCOMPARE(range->last, last);
        QCOMPARE(range->total.value_or(-1), total);
    }

    void answers_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentRange");
        QTest::addColumn<qint64>("contentLength"); // -1: none sent
        QTest::addColumn<qint64>("first");
        QTest::addColumn<qint64>("last"); // -1: to the end
        QTest::addColumn<bool>("expected");

        const QByteArray mib("bytes 1048576-2097151/16777216");
        QTest::newRow("exactly the range")
            << 206 << mib << qint64(1048576) << qint64(1048576) << qint64(2097151) << true;
        QTest::newRow("no Content-Length")
            << 206 << mib << qint64(-1) << qint64(1048576) << qint64(2097151) << true;
        QTest::newRow("200: the server ignored Range")
            << 200 << QByteArray() << qint64(16777216) << qint64(1048576) << qint64(2097151)
            << false;
        QTest::newRow("200 even with a Content-Range")
            << 200 << mib << qint64(1048576) << qint64(1048576) << qint64(2097151) << false;
        QTest::newRow("206 without Content-Range") << 206 << QByteArray() << qint64(1048576)
                                                   << qint64(1048576) << qint64(2097151) << false;
        QTest::newRow("starts elsewhere")
            << 206 << QByteArray("bytes 0-1048575/16777216") << qint64(1048576) << qint64(1048576)
            << qint64(2097151) << false;
        QTest::newRow("ends later than asked")
            << 206 << QByteArray("bytes 1048576-3145727/16777216") << qint64(2097152)
            << qint64(1048576) << qint64(2097151) << false;
        QTest::newRow("ends early, not at the output's end")
            << 206 << QByteArray("bytes 1048576-1048999/16777216") << qint64(424) << qint64(1048576)
            << qint64(2097151) << false;
        QTest::newRow("ends early at the output's end")
            << 206 << QByteArray("bytes 1048576-1999999/2000000") << qint64(951424)
            << qint64(1048576) << qint64(2097151) << true;
        QTest::newRow("ends early, total unknown")
            << 206 << QByteArray("bytes 1048576-1999999/*") << qint64(951424) << qint64(1048576)
            << qint64(2097151) << false;
        QTest::newRow("to the end: any end")
            << 206 << QByteArray("bytes 1048576-1999999/2000000") << qint64(951424)
            << qint64(1048576) << qint64(-1) << true;
        QTest::newRow("Content-Length not the range's length")
            << 206 << mib << qint64(1000) << qint64(1048576) << qint64(2097151) << false;
        QTest::newRow("malformed Content-Range")
            << 206 << QByteArray("bytes 1048576-/16777216") << qint64(1048576) << qint64(1048576)
            << qint64(2097151) << false;
    }

    void answers()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, contentRange);
        QFETCH(qint64, contentLength);
        QFETCH(qint64, first);
        QFETCH(qint64, last);
        QFETCH(bool, expected);
        const auto optional = [](qint64 value) {
            return value < 0 ? std::nullopt : std::optional<qint64>(value);
        };
        QCOMPARE(answersRange(status, contentRange, optional(contentLength), first, optional(last)),
                 expected);
    }
};

QTEST_GUILESS_MAIN(TestContentRange)
#include "tst_contentrange.moc"
