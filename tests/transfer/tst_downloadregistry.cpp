// DownloadRegistry: the GUI's list of unfinished downloads, written atomically and read back
// across restarts; malformed files are reported and moved aside, never overwritten silently.
#include "core/transfer/downloadregistry.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QTest>


using namespace thaw::transfer;

namespace {

RegisteredDownload entry(const QString &id, const QString &path)
{
    RegisteredDownload d;
    d.id = id;
    d.account = "work";
    d.region = "eu-west-1";
    d.vault = "photos";
    d.jobId = "JOB-" + id;
    d.outputPath = path;
    d.label = "2019/Été \"quoted\", comma.jpg";
    d.totalBytes = 24 << 20;
    d.chunkSizeMiB = 4;
    d.parallel = 6;
    d.limitRate = 1 << 20;
    d.paused = true;
    d.added = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    return d;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool write(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

class TestDownloadRegistry final : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void absentFileIsEmpty()
    {
        DownloadRegistry registry(m_dir->filePath("sub/downloads.json"));
        QString error;
        QVERIFY(registry.load(&error));
        QVERIFY(registry.entries().isEmpty());
        QVERIFY(!QFile::exists(registry.path())); // loading creates nothing
    }

    void putRemoveAndReload()
    {
        const QString path = m_dir->filePath("deep/er/downloads.json");
        const RegisteredDownload a = entry("a", m_dir->filePath("a.bin"));
        RegisteredDownload b = entry("b", m_dir->filePath("b.bin"));
        b.paused = false;
        b.waitingForJob = true;
        {
            DownloadRegistry registry(path);
            QString error;
            QVERIFY(registry.load(&error));
            QVERIFY2(registry.put(a, &error), qPrintable(error));
            QVERIFY2(registry.put(b, &error), qPrintable(error));
            b.label = "renamed";
            QVERIFY2(registry.put(b, &error), qPrintable(error)); // same id: replaced
            QCOMPARE(registry.entries().size(), 2);
        }
        {
            DownloadRegistry registry(path);
            QString error;
            QVERIFY2(registry.load(&error), qPrintable(error));
            QCOMPARE(registry.entries().size(), 2);
            QCOMPARE(registry.entries().at(0), a);
            QCOMPARE(registry.entries().at(1), b);
            QCOMPARE(registry.entry("b")->label, QString("renamed"));
            QVERIFY(registry.remove("a", &error));
            QVERIFY(registry.remove("unknown", &error)); // nothing to do
        }
        DownloadRegistry registry(path);
        QString error;
        QVERIFY(registry.load(&error));
        QCOMPARE(registry.entries().size(), 1);
        QCOMPARE(registry.entries().first().id, QString("b"));
        // Nothing but the file itself is left in the folder (no temporaries).
        QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files),
                 QStringList{"downloads.json"});
    }

    // A file that is not a registry is reported, moved aside and never overwritten.
    void malformedFileIsMovedAside_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not json") << QByteArray("{\"version\": 1, \"downloads\": [");
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe garbage", 12);
        QTest::newRow("array") << QByteArray("[1,2,3]");
        QTest::newRow("other version") << QByteArray("{\"version\": 2, \"downloads\": []}");
        QTest::newRow("downloads not a list") << QByteArray("{\"version\": 1, \"downloads\": {}}");
        QTest::newRow("empty") << QByteArray();
    }
    void malformedFileIsMovedAside()
    {
        QFETCH(QByteArray, content);
        const QString path = m_dir->filePath("downloads.json");
        QVERIFY(write(path, content));
        DownloadRegistry registry(path);
        QString error;
        QVERIFY(!registry.load(&error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains("moved to"), qPrintable(error));
        QVERIFY(registry.entries().isEmpty());
        QCOMPARE(readAll(path + ".corrupt"), content);
        QVERIFY(!QFile::exists(path));
        // The next save starts a clean file; the bad one stays aside.
        QVERIFY(registry.put(entry("x", m_dir->filePath("x.bin")), &error));
        QCOMPARE(readAll(path + ".corrupt"), content);
        DownloadRegistry again(path);
        QVERIFY(again.load(&error));
        QCOMPARE(again.entries().size(), 1);
    }

    // Entries that lack what a download needs are skipped and counted; the rest load.
    void invalidEntriesAreSkipped_data()
    {
        QTest::addColumn<QByteArray>("downloads");
        QTest::addColumn<int>("loaded");
        QTest::addColumn<int>("skipped");
        const QByteArray good = R"({"id":"g","region":"r","vault":"v","jobId":"j","outputPath":"/tmp/o"})";
        QTest::newRow("good") << "[" + good + "]" << 1 << 0;
        QTest::newRow("no id") << QByteArray(R"([{"region":"r","vault":"v","jobId":"j","outputPath":"/tmp/o"}])") << 0 << 1;
        QTest::newRow("no job") << QByteArray(R"([{"id":"g","region":"r","vault":"v","outputPath":"/tmp/o"}])") << 0 << 1;
        QTest::newRow("relative path") << QByteArray(R"([{"id":"g","region":"r","vault":"v","jobId":"j","outputPath":"o"}])") << 0 << 1;
        QTest::newRow("not an object") << QByteArray(R"([42, "x", null])") << 0 << 3;
        QTest::newRow("duplicate id") << "[" + good + "," + good + "]" << 1 << 1;
        QTest::newRow("mixed") << "[" + good + R"(, {"id":"h"}])" << 1 << 1;
    }
    void invalidEntriesAreSkipped()
    {
        QFETCH(QByteArray, downloads);
        QFETCH(int, loaded);
        QFETCH(int, skipped);
        int skippedCount = -1;
        QString error;
        const auto entries = DownloadRegistry::fromJson(
            R"({"version":1,"downloads":)" + downloads + "}", &skippedCount, &error);
        QVERIFY2(entries, qPrintable(error));
        QCOMPARE(entries->size(), loaded);
        QCOMPARE(skippedCount, skipped);
    }

    // Hostile values are clamped to what the engine accepts.
    void valuesAreSanitised()
    {
        int skipped = 0;
        QString error;
        const auto entries = DownloadRegistry::fromJson(
            R"({"version":1,"downloads":[{"id":"g","region":"r","vault":"v","jobId":"j",
                "outputPath":"/tmp/o","chunkSizeMiB":3,"parallel":100000,"limitRate":-5,
                "totalBytes":-1}]})",
            &skipped, &error);
        QVERIFY(entries);
        QCOMPARE(entries->size(), 1);
        QCOMPARE(entries->first().chunkSizeMiB, qint64(0)); // not a power of two: engine default
        QCOMPARE(entries->first().parallel, 64);
        QCOMPARE(entries->first().limitRate, qint64(0));
        QCOMPARE(entries->first().totalBytes, qint64(0));
    }

    // A save that cannot happen (here: a folder stands where the file goes) reports why and
    // leaves the registry in memory as it was.
    void failedSaveChangesNothing()
    {
        const QString path = m_dir->filePath("downloads.json");
        DownloadRegistry registry(path);
        QString error;
        QVERIFY(registry.load(&error));
        QVERIFY(registry.put(entry("a", m_dir->filePath("a.bin")), &error));
        QVERIFY(QFile::remove(path));
        QVERIFY(QDir().mkpath(path));
        QVERIFY(!registry.put(entry("b", m_dir->filePath("b.bin")), &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QCOMPARE(registry.entries().size(), 1);
        QVERIFY(!registry.remove("a", &error));
        QCOMPARE(registry.entries().size(), 1);
        QVERIFY(QFileInfo(path).isDir()); // nothing replaced what was there
    }

    // set()/erase() change the list in memory only; one flush() writes them all, once, and the
    // file then holds exactly the list in memory. entry() finds every id after erasures moved
    // the later entries up.
    void setAndEraseAreSavedByOneFlush()
    {
        const QString path = m_dir->filePath("downloads.json");
        DownloadRegistry registry(path);
        QString error;
        QVERIFY(registry.load(&error));
        constexpr int Count = 500;
        for (int i = 0; i < Count; ++i)
            registry.set(entry(QString::number(i), m_dir->filePath(QStringLiteral("%1.bin").arg(i))));
        RegisteredDownload changed = *registry.entry("7");
        changed.paused = !changed.paused;
        registry.set(changed);
        for (int i = 0; i < Count; i += 2)
            registry.erase(QString::number(i));
        registry.erase("unknown");
        QCOMPARE(registry.saveCount(), 0);
        QVERIFY(!QFile::exists(path));
        QVERIFY(registry.isDirty());
        QCOMPARE(registry.entries().size(), Count / 2);
        for (int i = 0; i < Count; ++i)
            QCOMPARE(registry.entry(QString::number(i)).has_value(), i % 2 == 1);
        QCOMPARE(registry.entry("7")->paused, changed.paused);

        QVERIFY2(registry.flush(&error), qPrintable(error));
        QCOMPARE(registry.saveCount(), 1);
        QVERIFY(!registry.isDirty());
        QVERIFY(registry.flush(&error)); // nothing changed: nothing written
        registry.set(changed);           // the same values: nothing changed either
        QVERIFY(registry.flush(&error));
        QCOMPARE(registry.saveCount(), 1);

        DownloadRegistry reloaded(path);
        QVERIFY(reloaded.load(&error));
        QCOMPARE(reloaded.entries(), registry.entries());
    }

    // A flush that cannot write keeps the changes pending; the next one saves them.
    void failedFlushStaysDirty()
    {
        const QString path = m_dir->filePath("downloads.json");
        DownloadRegistry registry(path);
        QString error;
        QVERIFY(registry.load(&error));
        QVERIFY(QDir().mkpath(path)); // a folder stands where the file goes
        registry.set(entry("a", m_dir->filePath("a.bin")));
        QVERIFY(!registry.flush(&error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(registry.isDirty());
        QVERIFY(QDir().rmdir(path));
        QVERIFY2(registry.flush(&error), qPrintable(error));
        DownloadRegistry reloaded(path);
        QVERIFY(reloaded.load(&error));
        QCOMPARE(reloaded.entries().size(), 1);
    }

    void defaultPathIsUnderAppData()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString path = DownloadRegistry::defaultPath();
        QVERIFY(path.endsWith("/downloads.json"));
        QVERIFY(path.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    }
};

QTEST_GUILESS_MAIN(TestDownloadRegistry)
#include "tst_downloadregistry.moc"
