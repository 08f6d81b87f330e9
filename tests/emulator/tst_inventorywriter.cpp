// Amazon's inventory CSV quoting, from the examples of api-job-output-get.md.
#include "emulator/inventorywriter.h"

#include <QTest>

using namespace thaw::emulator;

class TestInventoryWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvField_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("field");
        QTest::newRow("plain") << QByteArray("my archive") << QByteArray("my archive");
        QTest::newRow("comma (doc)")
            << QByteArray("my archive description,1") << QByteArray("\"my archive description,1\"");
        QTest::newRow("quote (doc)") << QByteArray("my archive description,1\"2")
                                     << QByteArray("\"my archive description,1\\\"2\"");
        QTest::newRow("backslash quote (doc)") << QByteArray("my archive description,1\\\"2")
                                               << QByteArray("\"my archive description,1\\\\\"2\"");
        QTest::newRow("backslash alone") << QByteArray("a\\b") << QByteArray("a\\b");
        QTest::newRow("newline") << QByteArray("a\nb") << QByteArray("\"a\nb\"");
        QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9") << QByteArray("caf\xc3\xa9");
        QTest::newRow("empty") << QByteArray() << QByteArray();
    }
    void csvField()
    {
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, field);
        QCOMPARE(inventory::csvField(value), field);
    }
};

QTEST_GUILESS_MAIN(TestInventoryWriter)
#include "tst_inventorywriter.moc"
