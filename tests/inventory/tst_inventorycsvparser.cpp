// The streaming CSV inventory parser: Glacier's dialect (backslash-escaped quotes, unescaped
// backslashes, quoted commas and line breaks), CRLF/LF, BOM, empty and truncated inputs,
// malformed rows with line, column and byte offset, chunk boundaries anywhere.
#include "parsertestsupport.h"

#include <QTest>

using namespace thaw::inventory;

class TestInventoryCsvParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data();
    void valid();
    void malformed_data();
    void malformed();
    void chunkBoundariesAnywhere();
    void detectsFormat_data();
    void detectsFormat();
};

static const QByteArray Header = "ArchiveId,ArchiveDescription,CreationDate,Size,SHA256TreeHash\n";

void TestInventoryCsvParser::valid_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("rows");

    QTest::newRow("plain") << Header + "a1,my archive,2012-05-15T17:19:46.700Z,2140123,abc\n"
                           << QStringList{"a1|my archive|2012-05-15T17:19:46.700Z|2140123|abc"};
    // The two examples of api-job-output-get.md.
    QTest::newRow("doc: comma") << Header + "a,\"my archive description,1\",D,1,h\n"
                                << QStringList{"a|my archive description,1|D|1|h"};
    QTest::newRow("doc: quote") << Header + "a,\"my archive description,1\\\"2\",D,1,h\n"
                                << QStringList{"a|my archive description,1\"2|D|1|h"};
    QTest::newRow("doc: backslash then quote")
        << Header + "a,\"my archive description,1\\\\\"2\",D,1,h\n"
        << QStringList{"a|my archive description,1\\\"2|D|1|h"};
    QTest::newRow("backslash kept when not before a quote")
        << Header + "a,C:\\dir\\file.txt,D,1,h\na,\"x,C:\\dir\\n\",D,2,h\n"
        << QStringList{"a|C:\\dir\\file.txt|D|1|h", "a|x,C:\\dir\\n|D|2|h"};
    QTest::newRow("quoted line breaks") << Header + "a,\"line1\nline2\r\nline3\",D,1,h\n"
                                        << QStringList{"a|line1\nline2\r\nline3|D|1|h"};
    QTest::newRow("quoted simple field") << Header + "\"a\",\"b\",\"D\",\"1\",\"h\"\n"
                                         << QStringList{"a|b|D|1|h"};
    QTest::newRow("rfc 4180 doubled quote") << Header + "a,\"say \"\"hi\"\"\",D,1,h\n"
                                            << QStringList{"a|say \"hi\"|D|1|h"};
    QTest::newRow("CRLF") << QByteArray(Header).replace("\n", "\r\n") + "a,b,D,1,h\r\nc,,D,2,\r\n"
                          << QStringList{"a|b|D|1|h", "c||D|2|"};
    QTest::newRow("no final line break") << Header + "a,b,D,1,h" << QStringList{"a|b|D|1|h"};
    QTest::newRow("no final line break after quotes") << Header + "a,\"b,\",D,1,\"h\""
                                                      << QStringList{"a|b,|D|1|h"};
    QTest::newRow("BOM") << "\xEF\xBB\xBF" + Header + "a,b,D,1,h\n" << QStringList{"a|b|D|1|h"};
    QTest::newRow("empty inventory") << Header << QStringList{};
    QTest::newRow("empty inventory without line break") << Header.chopped(1) << QStringList{};
    QTest::newRow("columns in another order")
        << QByteArray("Size,SHA256TreeHash,ArchiveId,CreationDate,ArchiveDescription\n9,h,a,D,x\n")
        << QStringList{"a|x|D|9|h"};
    QTest::newRow("blank lines skipped") << Header + "\na,b,D,1,h\n\n" << QStringList{"a|b|D|1|h"};
    QTest::newRow("utf-8") << Header + "a,\xE6\x97\xA5\xE6\x9C\xAC/\xF0\x9F\x98\x80,D,1,h\n"
                           << QStringList{QString::fromUtf8("a|\xE6\x97\xA5\xE6\x9C\xAC/\xF0\x9F\x98\x80|D|1|h")};
    QTest::newRow("formula-looking text is data") << Header + "a,=1+2,D,1,h\n"
                                                  << QStringList{"a|=1+2|D|1|h"};
}

void TestInventoryCsvParser::valid()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, rows);
    const ParsedInventory parsed = parseBytes(InventoryFormat::Csv, input);
    QVERIFY2(parsed.outcome.ok(),
             qPrintable(parsed.outcome.error ? parsed.outcome.error->message : QString()));
    QCOMPARE(parsed.rows, rows);
    QCOMPARE(parsed.outcome.archives, rows.size());
    QCOMPARE(parsed.outcome.bytes, input.size());
}

void TestInventoryCsvParser::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<qint64>("column");
    QTest::addColumn<QString>("message");

    // Header is 62 bytes: line 2 starts at byte 62.
    QTest::newRow("empty") << QByteArray() << qint64(0) << qint64(1) << qint64(1) << "no header";
    QTest::newRow("missing column") << QByteArray("ArchiveId,Size\n") << qint64(0) << qint64(1)
                                    << qint64(1) << "no ArchiveDescription column";
    QTest::newRow("unterminated quote (truncated)")
        << Header + "a,\"never closed,D,1,h\n" << qint64(64) << qint64(2) << qint64(3)
        << "never closed";
    QTest::newRow("too few fields") << Header + "a,b,D,1\n" << qint64(62) << qint64(2)
                                    << qint64(1) << "4 fields where the header has 5";
    QTest::newRow("too many fields") << Header + "a,b,D,1,h\nc,d,D,1,h,x\n" << qint64(72)
                                     << qint64(3) << qint64(1) << "6 fields";
    QTest::newRow("size not a number") << Header + "a,b,D,12x,h\n" << qint64(68) << qint64(2)
                                       << qint64(7) << "Size is not a whole number: \"12x\"";
    QTest::newRow("size of 40 digits (no overflow)")
        << Header + "a,b,D,2149999999999999999999999999999999999999,h\n" << qint64(68) << qint64(2)
        << qint64(7) << "Size is not a whole number";
    QTest::newRow("negative size") << Header + "a,b,D,-1,h\n" << qint64(68) << qint64(2)
                                   << qint64(7) << "Size is not a whole number";
    QTest::newRow("quote in unquoted field") << Header + "a,b\"c,D,1,h\n" << qint64(65)
                                             << qint64(2) << qint64(4) << "double quote inside";
    QTest::newRow("text after closing quote") << Header + "a,\"b\"c,D,1,h\n" << qint64(67)
                                              << qint64(2) << qint64(6) << "after a closing quote";
    QTest::newRow("lone CR") << Header + "a,b,D,1,h\rx" << qint64(71) << qint64(2)
                             << qint64(10) << "carriage return";
    QTest::newRow("empty archive id") << Header + ",b,D,1,h\n" << qint64(62) << qint64(2)
                                      << qint64(1) << "empty ArchiveId";
    QTest::newRow("error after a multi-line field")
        << Header + "a,\"x\ny\",D,1,h\nb,c,D,z,h\n" << qint64(82) << qint64(4) << qint64(7)
        << "Size is not a whole number";
}

void TestInventoryCsvParser::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(qint64, offset);
    QFETCH(qint64, line);
    QFETCH(qint64, column);
    QFETCH(QString, message);
    for (const qint64 chunk : {qint64(1), qint64(3), qint64(1 << 20)}) {
        const ParsedInventory parsed = parseBytes(InventoryFormat::Csv, input, chunk, chunk);
        QVERIFY(!parsed.outcome.ok());
        QVERIFY(parsed.outcome.error);
        const ParseError &error = *parsed.outcome.error;
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QCOMPARE(error.offset, offset);
        QCOMPARE(error.line, line);
        QCOMPARE(error.column, column);
        QVERIFY2(error.message.startsWith(QStringLiteral("line %1, column %2 (byte %3)")
                                              .arg(line)
                                              .arg(column)
                                              .arg(offset)),
                 qPrintable(error.message));
    }
}

void TestInventoryCsvParser::chunkBoundariesAnywhere()
{
    QByteArray input = "\xEF\xBB\xBF" + QByteArray(Header).replace("\n", "\r\n");
    QStringList expected;
    for (int i = 0; i < 150; ++i) {
        const QByteArray description = i % 3 == 0   ? "plain " + QByteArray::number(i)
                                       : i % 3 == 1 ? QByteArray("with,comma \"q\" \\ and\r\nbreak")
                                                    : QByteArray("back\\slash");
        QByteArray cell = description;
        if (description.contains(',') || description.contains('"')) {
            cell.replace("\"", "\\\"");
            cell = '"' + cell + '"';
        }
        input += "id" + QByteArray::number(i) + ',' + cell + ",2020-01-01T00:00:00Z,"
                 + QByteArray::number(i * 7) + ",h" + QByteArray::number(i) + "\r\n";
        expected << QStringLiteral("id%1|%2|2020-01-01T00:00:00Z|%3|h%1")
                        .arg(i)
                        .arg(QString::fromUtf8(description))
                        .arg(i * 7);
    }
    for (const qint64 read : {1, 2, 5, 63, 64, 4096}) {
        const ParsedInventory parsed = parseBytes(InventoryFormat::Csv, input, read, read);
        QVERIFY2(parsed.outcome.ok(),
                 qPrintable(parsed.outcome.error ? parsed.outcome.error->message : QString()));
        QCOMPARE(parsed.rows, expected);
    }
}

void TestInventoryCsvParser::detectsFormat_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("format"); // -1: none
    QTest::newRow("json") << QByteArray("{\"A\":1}") << int(InventoryFormat::Json);
    QTest::newRow("json after BOM and space") << QByteArray("\xEF\xBB\xBF \r\n{")
                                              << int(InventoryFormat::Json);
    QTest::newRow("csv") << Header << int(InventoryFormat::Csv);
    QTest::newRow("csv after BOM") << "\xEF\xBB\xBF" + Header << int(InventoryFormat::Csv);
    QTest::newRow("empty") << QByteArray() << -1;
    QTest::newRow("blank") << QByteArray(" \n") << -1;
}

void TestInventoryCsvParser::detectsFormat()
{
    QFETCH(QByteArray, head);
    QFETCH(int, format);
    const std::optional<InventoryFormat> detected = detectInventoryFormat(head);
    QCOMPARE(detected ? int(*detected) : -1, format);
}

QTEST_GUILESS_MAIN(TestInventoryCsvParser)
#include "tst_inventorycsvparser.moc"
