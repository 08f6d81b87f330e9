// Every thaw-cli inventory sub-command as a process: import (JSON, CSV, errors with their
// position), cached, list (filter, sort, folder, limit), export (CSV with and without the
// formula guard, JSON), diff, and fetch/retrieve against thaw-emulator (Limit + Marker).
#include "clitestsupport.h"
#include "inventorytestsupport.h"

#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

class TestCliInventory final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importListExportDiff();
    void importErrors_data();
    void importErrors();
    void usageErrors_data();
    void usageErrors();
    void killedImportLeavesCacheIntact();
    void fetchAJob();
    void retrieveFollowsMarkers();

private:
    CliRun inv(const QStringList &arguments) const
    {
        return m_runner->run(QStringList{"inventory"} + arguments
                             + QStringList{"--cache", m_cache});
    }
    QStringList ids(const CliRun &run, const char *list = "ArchiveList") const
    {
        QStringList result;
        for (const QJsonValue &v : run.json().value(QLatin1String(list)).toArray())
            result << v["ArchiveId"].toString();
        return result;
    }

    EmulatorProcess m_emulator;
    std::unique_ptr<CliRunner> m_runner;
    QTemporaryDir m_dir;
    QString m_cache;
};

void TestCliInventory::initTestCase()
{
    const QString seed = m_dir.filePath("seed.bin");
    QVERIFY(writeFile(seed, testData(3000, 7)));
    QStringList arguments;
    for (const char *description : {"a/one.txt", "b, \"two\"", "c\\three", "d four"})
        arguments << "--seed-archive" << QStringLiteral("cli:%1:%2").arg(seed, QString::fromUtf8(description));
    QVERIFY2(m_emulator.start(arguments), qPrintable(m_emulator.errorString()));
    m_runner = std::make_unique<CliRunner>(m_emulator);
    m_cache = m_dir.filePath("cache.sqlite");
}

void TestCliInventory::importListExportDiff()
{
    const QString older = m_dir.filePath("older.json");
    QVERIFY(writeFile(older, inventoryJson("2024-01-01T00:00:00Z",
                                           {testArchive("id1", "photos/b.jpg", 30),
                                            testArchive("id2", "photos/A.jpg", 10),
                                            testArchive("id3", "=SUM(1)", 20)})));
    CliRun run = inv({"import", "--vault-name", "local", older});
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(run.json().value("ArchiveCount").toInt(), 3);
    QCOMPARE(run.json().value("InventoryDate").toString(), QStringLiteral("2024-01-01T00:00:00Z"));
    QCOMPARE(run.json().value("Region").toString(), EmulatorProcess::region());

    const QString newer = m_dir.filePath("newer.csv");
    QVERIFY(writeFile(newer, "ArchiveId,ArchiveDescription,CreationDate,Size,SHA256TreeHash\r\n"
                             "id1,photos/b.jpg,2020-01-01T00:00:00Z,30,h\r\n"
                             "id4,\"new, \\\"file\\\"\",2020-01-01T00:00:00Z,5,h\r\n"));
    run = inv({"import", "--vault-name", "local", "--inventory-date", "2024-02-01T00:00:00Z", newer});
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(run.json().value("Format").toString(), QStringLiteral("CSV"));

    run = inv({"cached", "--vault-name", "local"});
    QVERIFY2(run.exitCode == 0, run.describe());
    const QJsonArray cached = run.json().value("InventoryList").toArray();
    QCOMPARE(cached.size(), 2);
    QCOMPARE(cached[0]["InventoryDate"].toString(), QStringLiteral("2024-02-01T00:00:00Z"));

    run = inv({"list", "--vault-name", "local", "--inventory-date", "2024-01-01T00:00:00Z"});
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(ids(run), (QStringList{"id3", "id2", "id1"})); // "=SUM(1)" < "photos/A" < "photos/b"
    run = inv({"list", "--vault-name", "local", "--inventory-date", "2024-01-01T00:00:00Z",
               "--sort", "size", "--descending", "--limit", "2"});
    QCOMPARE(ids(run), (QStringList{"id1", "id3"}));
    QCOMPARE(run.json().value("Count").toInt(), 3);
    run = inv({"list", "--vault-name", "local", "--inventory-date", "2024-01-01T00:00:00Z",
               "--filter", "PHOTOS/a"});
    QCOMPARE(ids(run), QStringList{"id2"});
    run = inv({"list", "--vault-name", "local", "--inventory-date", "2024-01-01T00:00:00Z",
               "--folder", "photos", "--sort", "date"});
    QCOMPARE(run.json().value("Count").toInt(), 2);
    run = inv({"list", "--vault-name", "local"}); // the newest
    QCOMPARE(ids(run), (QStringList{"id4", "id1"}));
    QCOMPARE(run.json().value("ArchiveList").toArray().at(0).toObject().value("ArchiveDescription").toString(),
             QStringLiteral("new, \"file\""));

    const QString csv = m_dir.filePath("out.csv");
    run = inv({"export", "--vault-name", "local", "--inventory-date", "2024-01-01T00:00:00Z",
               "--csv", csv});
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(run.json().value("Archives").toInt(), 3);
    const QByteArray header = "ArchiveId,ArchiveDescription,DecodedPath,CreationDate,Size,"
                              "SHA256TreeHash\r\n";
    const QByteArray zeros(64, '0');
    QCOMPARE(readFile(csv),
             header + "id1,photos/b.jpg,photos/b.jpg,2020-01-01T00:00:00Z,30," + zeros + "\r\n"
                 + "id2,photos/A.jpg,photos/A.jpg,2020-01-01T00:00:00Z,10," + zeros + "\r\n"
                 + "id3,'=SUM(1),'=SUM(1),2020-01-01T00:00:00Z,20," + zeros + "\r\n");
    run = inv({"export", "--vault-name", "local", "--inventory-date", "2024-01-01T00:00:00Z",
               "--csv", csv, "--no-formula-guard"});
    QVERIFY2(run.exitCode == 0, run.describe());
    QVERIFY(readFile(csv).contains("\r\nid3,=SUM(1),=SUM(1),"));
    const QString json = m_dir.filePath("out.json");
    run = inv({"export", "--vault-name", "local", "--json", json});
    QVERIFY2(run.exitCode == 0, run.describe());
    const QJsonObject exported = QJsonDocument::fromJson(readFile(json)).object();
    QCOMPARE(exported["InventoryDate"].toString(), QStringLiteral("2024-02-01T00:00:00Z"));
    QCOMPARE(exported["ArchiveList"].toArray().size(), 2);

    run = inv({"diff", "--vault-name", "local", "--from", "2024-01-01T00:00:00Z", "--to",
               "2024-02-01T00:00:00Z"});
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(ids(run, "Added"), QStringList{"id4"});
    QCOMPARE(ids(run, "Removed"), (QStringList{"id3", "id2"}));
    QCOMPARE(run.json().value("Unchanged").toInt(), 1);
}

void TestCliInventory::importErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("truncated JSON") << QByteArray("{\"ArchiveList\":[{\"ArchiveId\":\"a\",")
                                    << QStringList{} << 1 << "line 1, column 34 (byte 33): Missing a name";
    QTest::newRow("malformed CSV")
        << QByteArray("ArchiveId,ArchiveDescription,CreationDate,Size,SHA256TreeHash\na,b,c,x,h\n")
        << QStringList{"--inventory-date", "2024-01-01T00:00:00Z"} << 1
        << "line 2, column 7 (byte 68): Size is not a whole number";
    QTest::newRow("CSV without a date")
        << QByteArray("ArchiveId,ArchiveDescription,CreationDate,Size,SHA256TreeHash\n")
        << QStringList{} << 2 << "carries no InventoryDate";
    QTest::newRow("empty file") << QByteArray() << QStringList{} << 1 << "empty";
}

void TestCliInventory::importErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, extra);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString file = m_dir.filePath("bad.inventory");
    QVERIFY(writeFile(file, content));
    const CliRun run = inv(QStringList{"import", "--vault-name", "bad"} + extra + QStringList{file});
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message.toUtf8()), run.describe());
    QVERIFY(run.out.isEmpty());
    // Nothing was cached.
    const CliRun cached = inv({"cached", "--vault-name", "bad"});
    QCOMPARE(cached.json().value("InventoryList").toArray().size(), 0);
}

void TestCliInventory::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("no sub-command") << QStringList{} << 2;
    QTest::newRow("unknown sub-command") << QStringList{"frobnicate"} << 2;
    QTest::newRow("no vault") << QStringList{"list"} << 2;
    QTest::newRow("bad sort") << QStringList{"list", "--vault-name", "x", "--sort", "colour"} << 2;
    QTest::newRow("export needs one target")
        << QStringList{"export", "--vault-name", "x", "--csv", "a", "--json", "b"} << 2;
    QTest::newRow("diff needs --to") << QStringList{"diff", "--vault-name", "x", "--from", "d"}
                                     << 2;
    QTest::newRow("nothing cached") << QStringList{"list", "--vault-name", "never"} << 1;
    QTest::newRow("missing file") << QStringList{"import", "--vault-name", "x", "/no/such/file"}
                                  << 3;
    QTest::newRow("help") << QStringList{"export", "--help"} << 0;
}

void TestCliInventory::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    const CliRun run = inv(arguments);
    QVERIFY2(run.exitCode == exitCode, run.describe());
}

// thaw-cli import killed (SIGKILL) in the middle of a large inventory, after SQLite has
// already spilled pages of the transaction to the file: the next open rolls the hot journal
// back, and the cache holds exactly what it held before. The input comes through a FIFO, so the
// kill lands while the importer is known to be inside its transaction.
void TestCliInventory::killedImportLeavesCacheIntact()
{
    const QString cache = m_dir.filePath("killed.sqlite");
    const QString first = m_dir.filePath("first.json");
    QVERIFY(writeFile(first, inventoryJson("2024-01-01T00:00:00Z", {testArchive("keep", "k", 1)})));
    QStringList common{"--vault-name", "big", "--cache", cache};
    CliRun run = m_runner->run(QStringList{"inventory", "import"} + common + QStringList{first});
    QVERIFY2(run.exitCode == 0, run.describe());

    const QString fifo = m_dir.filePath("inventory.fifo");
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QProcess process;
    process.setProcessEnvironment(m_runner->environment());
    process.start(THAW_CLI_PATH, QStringList{"inventory", "import"} + common
                                     + QStringList{"--endpoint-url", m_runner->endpoint(), fifo});
    QVERIFY(process.waitForStarted());
    const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY);
    QVERIFY(fd >= 0);
    // ~80 MB of archives: well past the importer's 32 MiB page cache, so pages were spilled.
    QByteArray chunk = "{\"InventoryDate\":\"2024-06-01T00:00:00Z\",\"ArchiveList\":[";
    qint64 written = 0;
    for (int i = 0; i < 200000; ++i) {
        chunk += QStringLiteral("%1{\"ArchiveId\":\"id%2%3\",\"ArchiveDescription\":"
                                "\"folder%4/file%2.bin\",\"CreationDate\":"
                                "\"2020-01-01T00:00:00Z\",\"Size\":%2,\"SHA256TreeHash\":\"%5\"}")
                     .arg(i ? "," : "")
                     .arg(i)
                     .arg(QString(120, QLatin1Char('x')))
                     .arg(i % 100)
                     .arg(QString(64, QLatin1Char('a')))
                     .toUtf8();
        if (chunk.size() > (1 << 20) || i == 199999) {
            QVERIFY(::write(fd, chunk.constData(), size_t(chunk.size())) == chunk.size());
            written += chunk.size();
            chunk.clear();
        }
    }
    // No closing "]}": the import is still waiting for more when it is killed.
    QVERIFY(written > 60 * 1024 * 1024);
    // The importer inserts what it has read; its transaction reaches the file (cache spill).
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(cache).size() > 20 * 1024 * 1024, 30000);
    ::kill(pid_t(process.processId()), SIGKILL);
    QVERIFY(process.waitForFinished(10000));
    ::close(fd);

    run = m_runner->run(QStringList{"inventory", "cached"} + common);
    QVERIFY2(run.exitCode == 0, run.describe());
    const QJsonArray list = run.json().value("InventoryList").toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).toObject().value("InventoryDate").toString(),
             QStringLiteral("2024-01-01T00:00:00Z"));
    run = m_runner->run(QStringList{"inventory", "list"} + common);
    QCOMPARE(ids(run), QStringList{"keep"});
    // And the cache takes new imports.
    run = m_runner->run(QStringList{"inventory", "import"} + common + QStringList{first});
    QVERIFY2(run.exitCode == 0, run.describe());
}

void TestCliInventory::fetchAJob()
{
    const QString jobId = m_runner->initiateJob(
        "cli", QJsonObject{{"Type", "inventory-retrieval"}, {"Format", "JSON"}});
    QVERIFY(!jobId.isEmpty());
    QVERIFY(m_runner->waitForJob("cli", jobId)["Completed"].toBool());
    const CliRun run = inv({"fetch", "--vault-name", "cli", "--job-id", jobId});
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(run.json().value("ArchiveCount").toInt(), 4);
    QCOMPARE(run.json().value("JobIds").toArray().size(), 1);
    const CliRun list = inv({"list", "--vault-name", "cli", "--filter", "\"two\""});
    QCOMPARE(list.json().value("Count").toInt(), 1);
    QCOMPARE(list.json().value("ArchiveList").toArray().at(0).toObject().value("ArchiveDescription").toString(),
             QStringLiteral("b, \"two\""));
}

void TestCliInventory::retrieveFollowsMarkers()
{
    CliRun run = inv({"retrieve", "--vault-name", "cli", "--format", "CSV", "--limit", "3",
                      "--poll-interval", "0.05"});
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(run.json().value("ArchiveCount").toInt(), 4);
    QCOMPARE(run.json().value("Parts").toInt(), 2);
    QCOMPARE(run.json().value("JobIds").toArray().size(), 2);
    run = inv({"retrieve", "--vault-name", "cli", "--limit", "1", "--no-follow",
               "--poll-interval", "0.05"});
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(run.json().value("ArchiveCount").toInt(), 1);
    QVERIFY(!run.json().value("NextMarker").toString().isEmpty());
    run = inv({"retrieve", "--vault-name", "cli", "--limit", "0"});
    QCOMPARE(run.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestCliInventory)
#include "tst_cliinventory.moc"
