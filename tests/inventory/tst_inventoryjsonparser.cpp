// The streaming JSON inventory parser: every shape the API documents, escapes, BOM, empty and
// truncated inputs, malformed JSON with its position, and chunk boundaries anywhere.
#include "parsertestsupport.h"

#include <QTest>

using namespace thaw::inventory;

class TestInventoryJsonParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data();
    void valid();
    void malformed_data();
    void malformed();
    void chunkBoundariesAnywhere();
    void sinkCancels();
    void readFailure();
};

// The example of api-job-output-get.md, verbatim.
static const QByteArray AwsExample = R"({
 "VaultARN": "arn:aws:glacier:us-west-2:012345678901:vaults/examplevault",
 "InventoryDate": "2011-12-12T14:19:01Z",
 "ArchiveList": [
   {
     "ArchiveId": "DMTmICA2n5Tdqq5BV2z7og-A20xnpAPKt3UXwWxdWsn_D6auTUrW6kwy5Qyj9xd1MCE1mBYvMQ63LWaT8yTMzMaCxB_9VBWrW4Jw4zsvg5kehAPDVKcppUD1X7b24JukOr4mMAq-oA",
     "ArchiveDescription": "my archive1",
     "CreationDate": "2012-05-15T17:19:46.700Z",
     "Size": 2140123,
     "SHA256TreeHash": "6b9d4cf8697bd3af6aa1b590a0b27b337da5b18988dbcc619a3e608a554a1e62"
   },
   {
     "ArchiveId": "2lHzwhKhgF2JHyvCS-ZRuF08IQLuyB4265Hs3AXj9MoAIhz7tbXAvcFeHusgU_hViO1WeCBe0N5lsYYHRyZ7rrmRkNRuYrXUs_sjl2K8ume_7mKO_0i7C-uHE1oHqaW9d37pabXrSA",
     "ArchiveDescription": "my archive2",
     "CreationDate": "2012-05-15T17:21:39.339Z",
     "Size": 2140123,
     "SHA256TreeHash": "7f2fe580edb35154041fa3d4b41dd6d3adaef0c85d2ff6309f1d4b520eeecda3"
   }
  ]
})";

void TestInventoryJsonParser::valid_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QString>("vaultArn");
    QTest::addColumn<QString>("inventoryDate");

    QTest::newRow("aws example")
        << AwsExample
        << QStringList{
               "DMTmICA2n5Tdqq5BV2z7og-A20xnpAPKt3UXwWxdWsn_D6auTUrW6kwy5Qyj9xd1MCE1mBYvMQ63LWaT8yTMzMaCxB_9VBWrW4Jw4zsvg5kehAPDVKcppUD1X7b24JukOr4mMAq-oA|my archive1|2012-05-15T17:19:46.700Z|2140123|6b9d4cf8697bd3af6aa1b590a0b27b337da5b18988dbcc619a3e608a554a1e62",
               "2lHzwhKhgF2JHyvCS-ZRuF08IQLuyB4265Hs3AXj9MoAIhz7tbXAvcFeHusgU_hViO1WeCBe0N5lsYYHRyZ7rrmRkNRuYrXUs_sjl2K8ume_7mKO_0i7C-uHE1oHqaW9d37pabXrSA|my archive2|2012-05-15T17:21:39.339Z|2140123|7f2fe580edb35154041fa3d4b41dd6d3adaef0c85d2ff6309f1d4b520eeecda3"}
        << "arn:aws:glacier:us-west-2:012345678901:vaults/examplevault"
        << "2011-12-12T14:19:01Z";
    QTest::newRow("empty inventory")
        << QByteArray(R"({"VaultARN":"arn:v","InventoryDate":"2020-01-01T00:00:00Z","ArchiveList":[]})")
        << QStringList{} << "arn:v" << "2020-01-01T00:00:00Z";
    QTest::newRow("header after the list")
        << QByteArray(R"({"ArchiveList":[{"ArchiveId":"a","Size":1}],"InventoryDate":"D","VaultARN":"V"})")
        << QStringList{"a|||1|"} << "V" << "D";
    QTest::newRow("escapes, unicode, control characters")
        << QByteArray(R"({"InventoryDate":"D","ArchiveList":[{"ArchiveId":"x","ArchiveDescription":"a\"b\\c\/d\u00e9\ud83d\ude00\n\t,","Size":0}]})")
        << QStringList{QString::fromUtf8("x|a\"b\\c/d\xC3\xA9\xF0\x9F\x98\x80\n\t,||0|")} << ""
        << "D";
    QTest::newRow("raw UTF-8 and a BOM")
        << QByteArray("\xEF\xBB\xBF{\"InventoryDate\":\"D\",\"ArchiveList\":[{\"ArchiveId\":\"x\","
                      "\"ArchiveDescription\":\"\xE6\x97\xA5\xE6\x9C\xAC\",\"Size\":5}]}")
        << QStringList{QString::fromUtf8("x|\xE6\x97\xA5\xE6\x9C\xAC||5|")} << "" << "D";
    QTest::newRow("CRLF white space everywhere")
        << QByteArray("{\r\n \"InventoryDate\" : \"D\" ,\r\n\"ArchiveList\"\r\n:\r\n[\r\n{ \"Size\" "
                      ": 7 , \"ArchiveId\" : \"i\" }\r\n]\r\n}\r\n")
        << QStringList{"i|||7|"} << "" << "D";
    QTest::newRow("unknown keys and nested values skipped")
        << QByteArray(R"({"X":{"ArchiveList":[1]},"ArchiveList":[{"ArchiveId":"a","Extra":[{"Size":9}],"Size":3,"More":{"a":[]}}],"Y":[[]]})")
        << QStringList{"a|||3|"} << "" << "";
    QTest::newRow("null description and hash")
        << QByteArray(R"({"ArchiveList":[{"ArchiveId":"a","ArchiveDescription":null,"SHA256TreeHash":null,"Size":2}]})")
        << QStringList{"a|||2|"} << "" << "";
    QTest::newRow("invalid UTF-8 passes through")
        << QByteArray("{\"ArchiveList\":[{\"ArchiveId\":\"a\",\"ArchiveDescription\":\"\xff\",\"Size\":1}]}")
        << QStringList{QString::fromUtf8("a|\xff||1|")} << "" << "";
    QTest::newRow("size as a whole double, and beyond 32 bits")
        << QByteArray(R"({"ArchiveList":[{"ArchiveId":"a","Size":4.0e9},{"ArchiveId":"b","Size":40000000000}]})")
        << QStringList{"a|||4000000000|", "b|||40000000000|"} << "" << "";
}

void TestInventoryJsonParser::valid()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, rows);
    QFETCH(QString, vaultArn);
    QFETCH(QString, inventoryDate);
    const ParsedInventory parsed = parseBytes(InventoryFormat::Json, input);
    QVERIFY2(parsed.outcome.ok(),
             qPrintable(parsed.outcome.error ? parsed.outcome.error->message : QString()));
    QCOMPARE(parsed.rows, rows);
    QCOMPARE(parsed.outcome.archives, rows.size());
    QCOMPARE(parsed.outcome.header.vaultArn, vaultArn);
    QCOMPARE(parsed.outcome.header.inventoryDate, inventoryDate);
    QCOMPARE(parsed.outcome.bytes, input.size());
}

void TestInventoryJsonParser::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<qint64>("column");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("rowsBefore");

    QTest::newRow("empty") << QByteArray() << qint64(0) << qint64(1) << qint64(1)
                           << "document is empty" << 0;
    QTest::newRow("truncated in the list")
        << QByteArray(R"({"ArchiveList":[{"ArchiveId":"a","Size":1},{"ArchiveId":"b")")
        << qint64(59) << qint64(1) << qint64(60) << "Missing a comma or '}'" << 1;
    QTest::newRow("truncated in a string")
        << QByteArray("{\"ArchiveList\":[\n{\"ArchiveId\":\"abc") << qint64(34) << qint64(2)
        << qint64(18) << "Missing a closing quotation mark" << 0;
    QTest::newRow("missing comma")
        << QByteArray("{\"ArchiveList\":[\n{\"ArchiveId\":\"a\" \"Size\":1}]}") << qint64(34)
        << qint64(2) << qint64(18) << "Missing a comma or '}'" << 0;
    QTest::newRow("no ArchiveId") << QByteArray(R"({"ArchiveList":[{"Size":1}]})") << qint64(26)
                                  << qint64(1) << qint64(27) << "no ArchiveId" << 0;
    QTest::newRow("no Size") << QByteArray(R"({"ArchiveList":[{"ArchiveId":"q"}]})")
                             << qint64(33) << qint64(1) << qint64(34) << "archive q has no Size"
                             << 0;
    QTest::newRow("negative size")
        << QByteArray(R"({"ArchiveList":[{"ArchiveId":"q","Size":-1}]})") << qint64(40)
        << qint64(1) << qint64(41) << "Size must be a whole number" << 0;
    QTest::newRow("fractional size")
        << QByteArray(R"({"ArchiveList":[{"ArchiveId":"q","Size":1.5}]})") << qint64(40)
        << qint64(1) << qint64(41) << "Size must be a whole number" << 0;
    QTest::newRow("size as a string")
        << QByteArray(R"({"ArchiveList":[{"ArchiveId":"q","Size":"1"}]})") << qint64(43)
        << qint64(1) << qint64(44) << "" << 0;
    QTest::newRow("id as a number")
        << QByteArray(R"({"ArchiveList":[{"ArchiveId":5,"Size":1}]})") << qint64(29)
        << qint64(1) << qint64(30) << "ArchiveId must be a string" << 0;
    QTest::newRow("root is an array") << QByteArray("[]") << qint64(1) << qint64(1) << qint64(2)
                                      << "not an array" << 0;
    QTest::newRow("no ArchiveList") << QByteArray(R"({"VaultARN":"v"})") << qint64(16)
                                    << qint64(1) << qint64(17) << "has no ArchiveList" << 0;
    QTest::newRow("list holds a number") << QByteArray(R"({"ArchiveList":[1]})") << qint64(16)
                                         << qint64(1) << qint64(17) << "not an object" << 0;
    QTest::newRow("trailing garbage")
        << QByteArray(R"({"ArchiveList":[]} x)") << qint64(19) << qint64(1) << qint64(20)
        << "root must not be followed by other values" << 0;
}

void TestInventoryJsonParser::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(qint64, offset);
    QFETCH(qint64, line);
    QFETCH(qint64, column);
    QFETCH(QString, message);
    QFETCH(int, rowsBefore);
    for (const qint64 chunk : {qint64(1), qint64(3), qint64(1 << 20)}) {
        const ParsedInventory parsed = parseBytes(InventoryFormat::Json, input, chunk, chunk);
        QVERIFY(!parsed.outcome.ok());
        QVERIFY(!parsed.outcome.cancelled);
        QVERIFY(parsed.outcome.error);
        const ParseError &error = *parsed.outcome.error;
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QCOMPARE(error.offset, offset);
        QCOMPARE(error.line, line);
        QCOMPARE(error.column, column);
        QVERIFY2(error.message.contains(QStringLiteral("(byte %1)").arg(offset)),
                 qPrintable(error.message));
        QCOMPARE(parsed.rows.size(), rowsBefore);
    }
}

// The same rows whatever the read and buffer sizes, including one byte at a time, so the
// parser holds no assumption about where a read ends.
void TestInventoryJsonParser::chunkBoundariesAnywhere()
{
    QByteArray input = R"({"VaultARN":"arn:x","InventoryDate":"2024-01-02T03:04:05Z","ArchiveList":[)";
    for (int i = 0; i < 200; ++i) {
        if (i)
            input += ",\n";
        input += QStringLiteral(R"({"ArchiveId":"id-%1","ArchiveDescription":"d \"%1\" \u00e9\\ ,","CreationDate":"2020-01-01T00:00:%2Z","Size":%3,"SHA256TreeHash":"%4"})")
                     .arg(i)
                     .arg(i % 60, 2, 10, QLatin1Char('0'))
                     .arg(qint64(i) * 1000003)
                     .arg(QString(64, QLatin1Char('a' + i % 6)))
                     .toUtf8();
    }
    input += "]}";
    const ParsedInventory whole = parseBytes(InventoryFormat::Json, input);
    QVERIFY(whole.outcome.ok());
    QCOMPARE(whole.rows.size(), 200);
    QCOMPARE(whole.rows.at(7),
             QString::fromUtf8("id-7|d \"7\" \xC3\xA9\\ ,|2020-01-01T00:00:07Z|7000021|")
                 + QString(64, QLatin1Char('b')));
    for (const qint64 read : {1, 2, 7, 64, 4093}) {
        for (const qint64 chunk : {1, 5, 4096}) {
            const ParsedInventory parsed = parseBytes(InventoryFormat::Json, input, read, chunk);
            QVERIFY(parsed.outcome.ok());
            QCOMPARE(parsed.rows, whole.rows);
            QCOMPARE(parsed.outcome.header.inventoryDate, QStringLiteral("2024-01-02T03:04:05Z"));
        }
    }
}

void TestInventoryJsonParser::sinkCancels()
{
    qint64 position = 0;
    const QByteArray input = AwsExample;
    int seen = 0;
    const ParseOutcome outcome = parseInventoryJson(
        [&](char *data, qint64 max) {
            const qint64 n = std::min(max, qint64(input.size()) - position);
            memcpy(data, input.constData() + position, size_t(n));
            position += n;
            return n;
        },
        [&](const ArchiveEntry &) { return ++seen < 1; });
    QVERIFY(outcome.cancelled);
    QVERIFY(!outcome.ok());
    QCOMPARE(seen, 1);
}

void TestInventoryJsonParser::readFailure()
{
    int calls = 0;
    const ParseOutcome outcome = parseInventoryJson(
        [&](char *data, qint64) -> qint64 {
            if (calls++ == 0) {
                memcpy(data, "{\"Arch", 6);
                return 6;
            }
            return -1;
        },
        [](const ArchiveEntry &) { return true; });
    QVERIFY(outcome.error);
    QVERIFY2(outcome.error->message.contains(QLatin1String("reading the inventory failed")),
             qPrintable(outcome.error->message));
}

QTEST_GUILESS_MAIN(TestInventoryJsonParser)
#include "tst_inventoryjsonparser.moc"
