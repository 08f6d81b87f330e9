// Export of a cached inventory: exact CSV bytes for tricky cells, the formula guard on and off,
// JSON read back by an independent parser, progress, cancel (no file left), unknown inventory.
#include "core/inventory/inventoryexporter.h"
#include "inventorytestsupport.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace thaw::inventory;

class TestInventoryExporter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void csvCell_data();
    void csvCell();
    void csvExactBytes_data();
    void csvExactBytes();
    void json();
    void progressAndCancel();
    void unknownInventory();

private:
    qint64 import(const QList<TestArchive> &archives);
    QString cachePath() const { return m_dir->filePath("cache.sqlite"); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestInventoryExporter::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestInventoryExporter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

qint64 TestInventoryExporter::import(const QList<TestArchive> &archives)
{
    InventoryImporter importer(cachePath());
    ImportOptions options;
    options.vault = VaultKey{"a", "r", "v"};
    const auto result = importBytes(importer, inventoryJson("2024-01-01T00:00:00Z", archives),
                                    options);
    return result ? result->id : 0;
}

void TestInventoryExporter::csvCell_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("guard");
    QTest::addColumn<QByteArray>("cell");
    QTest::newRow("plain") << QByteArray("abc") << true << QByteArray("abc");
    QTest::newRow("empty") << QByteArray() << true << QByteArray();
    QTest::newRow("comma") << QByteArray("a,b") << true << QByteArray("\"a,b\"");
    QTest::newRow("quote doubled") << QByteArray("a\"b") << true << QByteArray("\"a\"\"b\"");
    QTest::newRow("backslash untouched") << QByteArray("a\\\"b") << false
                                         << QByteArray("\"a\\\"\"b\"");
    QTest::newRow("LF") << QByteArray("a\nb") << true << QByteArray("\"a\nb\"");
    QTest::newRow("CRLF") << QByteArray("a\r\nb") << true << QByteArray("\"a\r\nb\"");
    QTest::newRow("= guarded") << QByteArray("=1+2") << true << QByteArray("'=1+2");
    QTest::newRow("= unguarded") << QByteArray("=1+2") << false << QByteArray("=1+2");
    QTest::newRow("+ guarded") << QByteArray("+1") << true << QByteArray("'+1");
    QTest::newRow("- guarded") << QByteArray("-1") << true << QByteArray("'-1");
    QTest::newRow("@ guarded") << QByteArray("@SUM(A1)") << true << QByteArray("'@SUM(A1)");
    QTest::newRow("tab guarded") << QByteArray("\tx") << true << QByteArray("'\tx");
    QTest::newRow("CR guarded and quoted") << QByteArray("\rx") << true << QByteArray("\"'\rx\"");
    QTest::newRow("guarded and quoted")
        << QByteArray("=HYPERLINK(\"http://x\",\"y\")") << true
        << QByteArray("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    QTest::newRow("= later is fine") << QByteArray("a=b") << true << QByteArray("a=b");
    QTest::newRow("utf-8") << QByteArray("\xE6\x97\xA5") << true << QByteArray("\xE6\x97\xA5");
}

void TestInventoryExporter::csvCell()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, guard);
    QFETCH(QByteArray, cell);
    QCOMPARE(InventoryExporter::csvCell(value, guard), cell);
}

void TestInventoryExporter::csvExactBytes_data()
{
    QTest::addColumn<bool>("guard");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray header = "ArchiveId,ArchiveDescription,DecodedPath,CreationDate,Size,"
                              "SHA256TreeHash\r\n";
    QTest::newRow("guard on")
        << true
        << header
               + "id1,\"a,b\"\"c\",\"a,b\"\"c\",2020-01-01T00:00:00Z,5,h1\r\n"
                 "'-id2,'=cmd|' /C calc'!A0,'=cmd|' /C calc'!A0,2021-02-03T04:05:06.789Z,0,h2\r\n"
                 "id3,\"line\r\nbreak\",\"line\r\nbreak\",2020-01-01T00:00:00Z,12345678901,h3\r\n";
    QTest::newRow("guard off")
        << false
        << header
               + "id1,\"a,b\"\"c\",\"a,b\"\"c\",2020-01-01T00:00:00Z,5,h1\r\n"
                 "-id2,=cmd|' /C calc'!A0,=cmd|' /C calc'!A0,2021-02-03T04:05:06.789Z,0,h2\r\n"
                 "id3,\"line\r\nbreak\",\"line\r\nbreak\",2020-01-01T00:00:00Z,12345678901,h3\r\n";
}

void TestInventoryExporter::csvExactBytes()
{
    QFETCH(bool, guard);
    QFETCH(QByteArray, expected);
    const qint64 id = import({TestArchive{"id1", "a,b\"c", "2020-01-01T00:00:00Z", 5, "h1"},
                              TestArchive{"-id2", "=cmd|' /C calc'!A0",
                                          "2021-02-03T04:05:06.789Z", 0, "h2"},
                              TestArchive{"id3", "line\r\nbreak", "2020-01-01T00:00:00Z",
                                          12345678901, "h3"}});
    QVERIFY(id);
    InventoryExporter exporter(cachePath());
    const QString out = m_dir->filePath("out.csv");
    const auto written = exporter.exportInventory(id, out, ExportOptions{ExportFormat::Csv, guard});
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
    QCOMPARE(*written, 3);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), expected);
}

void TestInventoryExporter::json()
{
    const qint64 id = import({TestArchive{"id1", "a\"b\\c\n\x01", "2020-01-01T00:00:00Z", 5, "h1"},
                              TestArchive{"id2", "=x", "2020-01-01T00:00:00Z", 7, "h2"}});
    InventoryExporter exporter(cachePath());
    const QString out = m_dir->filePath("out.json");
    QVERIFY(exporter.exportInventory(id, out, ExportOptions{ExportFormat::Json, true}));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(root["InventoryDate"].toString(), QStringLiteral("2024-01-01T00:00:00Z"));
    QCOMPARE(root["VaultARN"].toString(),
             QStringLiteral("arn:aws:glacier:us-east-1:012345678901:vaults/v"));
    const QJsonArray list = root["ArchiveList"].toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[0]["ArchiveDescription"].toString(), QStringLiteral("a\"b\\c\n\x01"));
    QCOMPARE(list[0]["DecodedPath"].toString(), QStringLiteral("a\"b\\c\n\x01"));
    QCOMPARE(list[0]["Size"].toInteger(), 5);
    QCOMPARE(list[1]["ArchiveDescription"].toString(), QStringLiteral("=x")); // never guarded
    QCOMPARE(list[1]["DescriptionFormat"].toString(), QStringLiteral("plain"));
    QCOMPARE(list[1]["SHA256TreeHash"].toString(), QStringLiteral("h2"));
}

void TestInventoryExporter::progressAndCancel()
{
    QList<TestArchive> many;
    for (int i = 0; i < 40000; ++i)
        many << testArchive(QStringLiteral("id%1").arg(i), QStringLiteral("d%1").arg(i), i);
    const qint64 id = import(many);
    QVERIFY(id);
    const QString out = m_dir->filePath("big.csv");
    {
        InventoryExporter exporter(cachePath());
        QList<std::pair<qint64, qint64>> progress;
        exporter.setProgressCallback([&](qint64 done, qint64 total) { progress << std::pair{done, total}; });
        QCOMPARE(*exporter.exportInventory(id, out, ExportOptions{}), 40000);
        QCOMPARE(progress.size(), 3); // 16384, 32768, and the end
        QCOMPARE(progress.first(), (std::pair<qint64, qint64>{16384, 40000}));
        QCOMPARE(progress.last(), (std::pair<qint64, qint64>{40000, 40000}));
        QVERIFY(QFile::exists(out));
        QVERIFY(QFile::remove(out));
    }
    InventoryExporter exporter(cachePath());
    exporter.setProgressCallback([&](qint64, qint64) { exporter.cancel(); });
    const auto cancelled = exporter.exportInventory(id, out, ExportOptions{});
    QVERIFY(!cancelled);
    QCOMPARE(cancelled.error().kind, InventoryError::Kind::Cancelled);
    QVERIFY(!QFile::exists(out));
    QCOMPARE(QDir(m_dir->path()).entryList({"big.csv*"}, QDir::Files), QStringList{});
}

void TestInventoryExporter::unknownInventory()
{
    InventoryExporter exporter(cachePath());
    const auto result = exporter.exportInventory(7, m_dir->filePath("x.csv"), ExportOptions{});
    QCOMPARE(result.error().kind, InventoryError::Kind::NotFound);
    QVERIFY(!QFile::exists(m_dir->filePath("x.csv")));
}

QTEST_GUILESS_MAIN(TestInventoryExporter)
#include "tst_inventoryexporter.moc"
