// The inventory cache: import (JSON, CSV, parts), the reader's list/count/page/filter/sort and
// folder tree, older inventories kept, re-import replacing, diff, decoded descriptions stored,
// and all-or-nothing imports (malformed input, cancel).
#include "core/inventory/inventoryexporter.h"
#include "core/inventory/inventoryreader.h"
#include "inventorytestsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace thaw::inventory;

static ArchiveQuery query(qint64 id, const QString &filter = {},
                          SortColumn sort = SortColumn::Name,
                          Qt::SortOrder order = Qt::AscendingOrder,
                          std::optional<QString> folder = std::nullopt)
{
    ArchiveQuery q;
    q.inventoryId = id;
    q.filter = filter;
    q.sort = sort;
    q.order = order;
    q.folder = std::move(folder);
    return q;
}

class TestInventoryCache final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void importAndSummary();
    void keepsOlderAndReplacesSameDate();
    void sortAndPage_data();
    void sortAndPage();
    void filter_data();
    void filter();
    void folderTree();
    void decodedDescriptionsStored();
    void diff();
    void csvNeedsADate();
    void appendParts();
    void malformedLeavesCacheUnchanged();
    void cancelLeavesCacheUnchanged();
    void unknownInventory();
    void textsKeptExactly_data();
    void textsKeptExactly();

private:
    QString cachePath() const { return m_dir->filePath("cache.sqlite"); }
    ImportOptions options(const QString &date = {}) const
    {
        ImportOptions o;
        o.vault = m_vault;
        o.inventoryDate = date;
        return o;
    }
    qint64 importBasic();
    QStringList names(const QList<ArchiveRow> &rows) const
    {
        QStringList list;
        for (const ArchiveRow &row : rows)
            list << row.path;
        return list;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    VaultKey m_vault{"acct", "us-east-1", "photos"};
};

void TestInventoryCache::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestInventoryCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

static const QList<TestArchive> BasicArchives{
    testArchive("id-a", "photos/2020/beach.jpg", 300, "2020-03-01T10:00:00Z"),
    testArchive("id-b", "photos/2020/Alps.jpg", 100, "2020-01-01T10:00:00.500Z"),
    testArchive("id-c", "photos/cat.png", 200, "2019-06-01T00:00:00Z"),
    testArchive("id-d", "docs\\tax\\2019.pdf", 50, "2021-01-01T00:00:00Z"),
    testArchive("id-e", "readme 100% done.txt", 10, "2018-01-01T00:00:00Z"),
};

qint64 TestInventoryCache::importBasic()
{
    InventoryImporter importer(cachePath());
    const auto result = importBytes(importer, inventoryJson("2024-05-01T00:00:00Z", BasicArchives),
                                    options());
    if (!result)
        qWarning() << result.error().message;
    return result ? result->id : 0;
}

void TestInventoryCache::importAndSummary()
{
    InventoryImporter importer(cachePath());
    QList<ImportProgress> progress;
    importer.setProgressCallback([&](const ImportProgress &p) { progress << p; });
    const QByteArray json = inventoryJson("2024-05-01T00:00:00Z", BasicArchives);
    const auto result = importBytes(importer, json, options());
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->archiveCount, 5);
    QCOMPARE(result->totalSize, 660);
    QCOMPARE(result->inventoryDate, QStringLiteral("2024-05-01T00:00:00Z"));
    QCOMPARE(result->format, QStringLiteral("JSON"));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().bytesRead, json.size());
    QCOMPARE(progress.last().archives, 5);

    InventoryReader reader(cachePath());
    const auto list = reader.inventories(m_vault);
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().id, result->id);
    QCOMPARE(list->first().archiveCount, 5);
    QCOMPARE(list->first().totalSize, 660);
    QCOMPARE(list->first().vaultArn, QStringLiteral("arn:aws:glacier:us-east-1:012345678901:vaults/v"));
    QCOMPARE(list->first().inventoryDateTime,
             QDateTime(QDate(2024, 5, 1), QTime(0, 0), Qt::UTC));
    QVERIFY(reader.inventories(VaultKey{"acct", "us-east-1", "other"})->isEmpty());
    QVERIFY(reader.inventories(VaultKey{"acct", "eu-west-1", "photos"})->isEmpty());

    const auto rows = reader.page(query(result->id, {}, SortColumn::Date,
                                               Qt::AscendingOrder, std::nullopt),
                                  0, 10);
    QVERIFY(rows);
    QCOMPARE(rows->size(), 5);
    const ArchiveRow &alps = rows->at(2);
    QCOMPARE(alps.archiveId, QStringLiteral("id-b"));
    QCOMPARE(alps.description, QStringLiteral("photos/2020/Alps.jpg"));
    QCOMPARE(alps.creationDate, QStringLiteral("2020-01-01T10:00:00.500Z"));
    QCOMPARE(alps.creationDateTime,
             QDateTime(QDate(2020, 1, 1), QTime(10, 0, 0, 500), Qt::UTC));
    QCOMPARE(alps.size, 100);
    QCOMPARE(alps.treeHash, QString(64, QLatin1Char('0')));
    QCOMPARE(alps.path, QStringLiteral("photos/2020/Alps.jpg"));
    QCOMPARE(alps.format, QStringLiteral("plain"));
    QCOMPARE(alps.folder, QStringLiteral("photos/2020"));
    QCOMPARE(alps.fileName, QStringLiteral("Alps.jpg"));
}

void TestInventoryCache::keepsOlderAndReplacesSameDate()
{
    const qint64 first = importBasic();
    QVERIFY(first);
    InventoryImporter importer(cachePath());
    const auto second = importBytes(
        importer, inventoryJson("2024-06-01T00:00:00Z", {testArchive("id-z", "new.bin", 7)}),
        options());
    QVERIFY(second);
    InventoryReader reader(cachePath());
    auto list = reader.inventories(m_vault);
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0).inventoryDate, QStringLiteral("2024-06-01T00:00:00Z")); // newest first
    QCOMPARE(list->at(1).id, first);
    QCOMPARE(list->at(1).archiveCount, 5);

    // The same date again replaces that inventory only.
    const auto again = importBytes(
        importer,
        inventoryJson("2024-06-01T00:00:00Z",
                      {testArchive("id-y", "a", 1), testArchive("id-x", "b", 2)}),
        options());
    QVERIFY(again);
    list = reader.inventories(m_vault);
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0).archiveCount, 2);
    QCOMPARE(list->at(0).id, again->id);
    QCOMPARE(list->at(1).id, first);
    QCOMPARE(reader.inventory(second->id).error().kind, InventoryError::Kind::NotFound);
    QCOMPARE(*reader.count(query(again->id)), 2);
}

void TestInventoryCache::sortAndPage_data()
{
    QTest::addColumn<int>("sort");
    QTest::addColumn<int>("order");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("name asc, case-insensitive")
        << int(SortColumn::Name) << int(Qt::AscendingOrder)
        << QStringList{"id-d", "id-b", "id-a", "id-c", "id-e"};
    QTest::newRow("name desc") << int(SortColumn::Name) << int(Qt::DescendingOrder)
                               << QStringList{"id-e", "id-c", "id-a", "id-b", "id-d"};
    QTest::newRow("size asc") << int(SortColumn::Size) << int(Qt::AscendingOrder)
                              << QStringList{"id-e", "id-d", "id-b", "id-c", "id-a"};
    QTest::newRow("size desc") << int(SortColumn::Size) << int(Qt::DescendingOrder)
                               << QStringList{"id-a", "id-c", "id-b", "id-d", "id-e"};
    QTest::newRow("date asc") << int(SortColumn::Date) << int(Qt::AscendingOrder)
                              << QStringList{"id-e", "id-c", "id-b", "id-a", "id-d"};
    QTest::newRow("archive id desc") << int(SortColumn::ArchiveId) << int(Qt::DescendingOrder)
                                     << QStringList{"id-e", "id-d", "id-c", "id-b", "id-a"};
}

void TestInventoryCache::sortAndPage()
{
    QFETCH(int, sort);
    QFETCH(int, order);
    QFETCH(QStringList, ids);
    const qint64 id = importBasic();
    QVERIFY(id);
    InventoryReader reader(cachePath());
    const ArchiveQuery q = query(id, {}, SortColumn(sort), Qt::SortOrder(order));
    QStringList all;
    // Pages of two, to prove offset/limit follow the order.
    for (qint64 offset = 0; offset < 6; offset += 2) {
        const auto page = reader.page(q, offset, 2);
        QVERIFY(page);
        for (const ArchiveRow &row : *page)
            all << row.archiveId;
    }
    QCOMPARE(all, ids);
    QCOMPARE(*reader.count(q), 5);
}

void TestInventoryCache::filter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("path substring, any case") << "ALPS" << QStringList{"id-b"};
    QTest::newRow("folder name") << "2020/" << QStringList{"id-b", "id-a"};
    QTest::newRow("archive id, exactly") << "id-c" << QStringList{"id-c"};
    QTest::newRow("part of an archive id") << "id-" << QStringList{};
    QTest::newRow("plain description with backslashes") << "docs\\TAX" << QStringList{"id-d"};
    QTest::newRow("percent is literal") << "100%" << QStringList{"id-e"};
    QTest::newRow("underscore is literal") << "_" << QStringList{};
    QTest::newRow("folder and file") << "2020/b" << QStringList{"id-a"};
    QTest::newRow("nothing") << "no such thing" << QStringList{};
}

void TestInventoryCache::filter()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, ids);
    const qint64 id = importBasic();
    InventoryReader reader(cachePath());
    const ArchiveQuery q = query(id, filter);
    const auto page = reader.page(q, 0, 100);
    QVERIFY(page);
    QStringList got;
    for (const ArchiveRow &row : *page)
        got << row.archiveId;
    QCOMPARE(got, ids);
    QCOMPARE(*reader.count(q), ids.size());
}

void TestInventoryCache::folderTree()
{
    const qint64 id = importBasic();
    InventoryReader reader(cachePath());
    const auto top = reader.subfolders(id, "");
    QVERIFY(top);
    QCOMPARE(top->size(), 2);
    QCOMPARE(top->at(0).name, QStringLiteral("docs"));
    QCOMPARE(top->at(0).fileCount, 1);
    QCOMPARE(top->at(0).totalSize, 50);
    QCOMPARE(top->at(0).subfolderCount, 1);
    QCOMPARE(top->at(1).path, QStringLiteral("photos"));
    QCOMPARE(top->at(1).fileCount, 3);
    QCOMPARE(top->at(1).totalSize, 600);
    QCOMPARE(top->at(1).subfolderCount, 1);
    const auto photos = reader.subfolders(id, "photos");
    QCOMPARE(photos->size(), 1);
    QCOMPARE(photos->at(0).path, QStringLiteral("photos/2020"));
    QCOMPARE(photos->at(0).fileCount, 2);
    QCOMPARE(photos->at(0).totalSize, 400);
    QCOMPARE(photos->at(0).subfolderCount, 0);
    QVERIFY(reader.subfolders(id, "photos/2020")->isEmpty());
    QCOMPARE(reader.subfolders(id, "docs")->at(0).path, QStringLiteral("docs/tax"));

    ArchiveQuery files{id, {}, SortColumn::Name, Qt::AscendingOrder, QString("photos/2020")};
    QCOMPARE(names(*reader.page(files, 0, 10)),
             (QStringList{"photos/2020/Alps.jpg", "photos/2020/beach.jpg"}));
    QCOMPARE(*reader.count(files), 2);
    files.folder = QString();
    QCOMPARE(names(*reader.page(files, 0, 10)), QStringList{"readme 100% done.txt"});
    files.folder = QString("photos");
    files.filter = "cat";
    QCOMPARE(*reader.count(files), 1);
}

// The decoder's results for every sample of tests/data/descriptions/samples.json (each
// format's realistic descriptions, with the expected path/format written by its author) are
// stored beside the raw description.
void TestInventoryCache::decodedDescriptionsStored()
{
    QFile file(QStringLiteral(THAW_TEST_DATA_DIR "/descriptions/samples.json"));
    if (!file.open(QIODevice::ReadOnly))
        QSKIP("tests/data/descriptions/samples.json is not there yet");
    const QJsonArray samples = QJsonDocument::fromJson(file.readAll()).array();
    QVERIFY(!samples.isEmpty());
    QList<TestArchive> archives;
    for (qsizetype i = 0; i < samples.size(); ++i)
        archives << testArchive(QStringLiteral("s%1").arg(i, 3, 10, QLatin1Char('0')),
                                samples.at(i)["raw"].toString(), i);
    InventoryImporter importer(cachePath());
    const auto result = importBytes(importer, inventoryJson("2024-01-01T00:00:00Z", archives),
                                    options());
    QVERIFY(result);
    InventoryReader reader(cachePath());
    const auto rows = reader.page(query(result->id, {}, SortColumn::ArchiveId), 0, 1000);
    QCOMPARE(rows->size(), samples.size());
    for (qsizetype i = 0; i < samples.size(); ++i) {
        const QJsonObject sample = samples.at(i).toObject();
        const ArchiveRow &row = rows->at(i);
        QCOMPARE(row.description, sample["raw"].toString());
        QCOMPARE(row.format, sample["format"].toString());
        QCOMPARE(row.path, sample["path"].toString());
        if (sample["size"].isDouble())
            QCOMPARE(row.descriptionSize.value_or(-1), qint64(sample["size"].toDouble()));
        else
            QVERIFY(!row.descriptionSize);
        QCOMPARE(row.modified.has_value(), !sample["modified"].isNull());
    }
}

void TestInventoryCache::diff()
{
    const qint64 older = importBasic();
    QList<TestArchive> newer = BasicArchives;
    newer.removeAt(1); // id-b deleted
    newer.removeAt(2); // id-d deleted
    newer << testArchive("id-f", "photos/new.jpg", 5) << testArchive("id-g", "a.txt", 6);
    InventoryImporter importer(cachePath());
    const auto result = importBytes(importer, inventoryJson("2024-07-01T00:00:00Z", newer),
                                    options());
    QVERIFY(result);
    InventoryReader reader(cachePath());
    const auto d = reader.diff(older, result->id);
    QVERIFY2(d, qPrintable(d ? QString() : d.error().message));
    QStringList added, removed;
    for (const ArchiveRow &row : d->added)
        added << row.archiveId;
    for (const ArchiveRow &row : d->removed)
        removed << row.archiveId;
    QCOMPARE(added, (QStringList{"id-g", "id-f"})); // by decoded name
    QCOMPARE(removed, (QStringList{"id-d", "id-b"}));
    QCOMPARE(d->unchanged, 3);
    const auto reverse = reader.diff(result->id, older);
    QCOMPARE(reverse->added.size(), 2);
    QCOMPARE(reverse->removed.size(), 2);
    QCOMPARE(reader.diff(older, 999).error().kind, InventoryError::Kind::NotFound);
}

void TestInventoryCache::csvNeedsADate()
{
    const QByteArray csv = "ArchiveId,ArchiveDescription,CreationDate,Size,SHA256TreeHash\n"
                           "c1,\"a,b\\\"c\",2020-01-01T00:00:00Z,5,h\n";
    InventoryImporter importer(cachePath());
    const auto noDate = importBytes(importer, csv, options());
    QVERIFY(!noDate);
    QCOMPARE(noDate.error().kind, InventoryError::Kind::Usage);
    const auto result = importBytes(importer, csv, options("2024-02-02T00:00:00Z"));
    QVERIFY(result);
    QCOMPARE(result->format, QStringLiteral("CSV"));
    InventoryReader reader(cachePath());
    const auto rows = reader.page(query(result->id), 0, 10);
    QCOMPARE(rows->size(), 1);
    QCOMPARE(rows->first().description, QStringLiteral("a,b\"c"));
}

void TestInventoryCache::appendParts()
{
    InventoryImporter importer(cachePath());
    const auto first = importBytes(importer,
                                   inventoryJson("2024-05-01T00:00:00Z", BasicArchives.mid(0, 3)),
                                   options());
    QVERIFY(first);
    ImportOptions part = options(first->inventoryDate);
    part.appendToExisting = true;
    // The second part's own InventoryDate does not matter: it joins the first.
    const auto second = importBytes(
        importer, inventoryJson("2024-05-02T00:00:00Z", BasicArchives.mid(3)), part);
    QVERIFY2(second, qPrintable(second ? QString() : second.error().message));
    QCOMPARE(second->id, first->id);
    QCOMPARE(second->archiveCount, 5);
    QCOMPARE(second->totalSize, 660);
    QCOMPARE(second->parts, 2);
    InventoryReader reader(cachePath());
    QCOMPARE(reader.inventories(m_vault)->size(), 1);
    QCOMPARE(reader.subfolders(first->id, "")->size(), 2);
    QCOMPARE(reader.subfolders(first->id, "")->at(1).fileCount, 3);
    QCOMPARE(*reader.count(query(first->id, "tax")), 1);
}

void TestInventoryCache::malformedLeavesCacheUnchanged()
{
    const qint64 id = importBasic();
    QByteArray broken = inventoryJson("2024-09-01T00:00:00Z", BasicArchives);
    broken.chop(20); // truncated
    InventoryImporter importer(cachePath());
    const auto result = importBytes(importer, broken, options(), 7);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, InventoryError::Kind::Parse);
    QVERIFY2(result.error().message.contains("byte"), qPrintable(result.error().message));
    InventoryReader reader(cachePath());
    const auto list = reader.inventories(m_vault);
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().id, id);
    // Replacing the same date with a broken file keeps the old one too.
    QByteArray sameDate = inventoryJson("2024-05-01T00:00:00Z", BasicArchives.mid(0, 2));
    sameDate.insert(sameDate.indexOf("\"Size\""), "\"Size\": \"x\", ");
    QVERIFY(!importBytes(importer, sameDate, options()));
    QCOMPARE(reader.inventories(m_vault)->first().archiveCount, 5);
}

void TestInventoryCache::cancelLeavesCacheUnchanged()
{
    QList<TestArchive> many;
    for (int i = 0; i < 20000; ++i)
        many << testArchive(QStringLiteral("id-%1").arg(i), QStringLiteral("f/%1").arg(i), i);
    const QByteArray json = inventoryJson("2024-05-01T00:00:00Z", many);
    InventoryImporter importer(cachePath());
    // cancel() arrives half-way through (from the reading side here; any thread may call it).
    qint64 position = 0;
    const auto result = importer.importStream(
        [&](char *data, qint64 maxSize) -> qint64 {
            const qint64 n = std::min({maxSize, qint64(4096), qint64(json.size()) - position});
            if (position > json.size() / 2)
                importer.cancel();
            memcpy(data, json.constData() + position, size_t(n));
            position += n;
            return n;
        },
        options());
    QVERIFY(!result);
    QCOMPARE(result.error().kind, InventoryError::Kind::Cancelled);
    InventoryReader reader(cachePath());
    QVERIFY(reader.inventories(m_vault)->isEmpty());
}

void TestInventoryCache::unknownInventory()
{
    InventoryReader reader(cachePath());
    QCOMPARE(reader.inventory(42).error().kind, InventoryError::Kind::NotFound);
    QCOMPARE(reader.page(query(42), 0, 10).error().kind, InventoryError::Kind::NotFound);
    QCOMPARE(reader.count(query(42, "x")).error().kind, InventoryError::Kind::NotFound);
}

// Whatever form the creation date and tree hash take, the reader and the export give back the
// text of the inventory byte for byte (and the decoded path and format the reader shows).
void TestInventoryCache::textsKeptExactly_data()
{
    QTest::addColumn<QString>("creationDate");
    QTest::addColumn<QString>("treeHash");
    QTest::addColumn<QString>("description");

    const QString hash = "beb0fe31a1c7ca8c6c04d574ea906e3f97b31fdca7571defb5b44dca89b5af60";
    QTest::newRow("glacier's form") << "2012-05-15T17:19:46.700Z" << hash << "a/b.txt";
    QTest::newRow("no milliseconds") << "2011-12-12T14:19:01Z" << hash << "a/b.txt";
    QTest::newRow("one fraction digit") << "2011-12-12T14:19:01.5Z" << hash << "x";
    QTest::newRow("offset") << "2011-12-12T14:19:01.000+00:00" << hash << "x";
    QTest::newRow("before 1970") << "1969-12-31T23:59:59.999Z" << hash << "x";
    QTest::newRow("epoch") << "1970-01-01T00:00:00.000Z" << hash << "x";
    QTest::newRow("leap day") << "2016-02-29T23:59:59.001Z" << hash << "x";
    QTest::newRow("not a date") << "yesterday" << hash << "x";
    QTest::newRow("empty date") << "" << hash << "x";
    QTest::newRow("upper-case hash") << "2012-05-15T17:19:46.700Z" << hash.toUpper() << "x";
    QTest::newRow("short hash") << "2012-05-15T17:19:46.700Z" << "abc" << "x";
    QTest::newRow("no hash") << "2012-05-15T17:19:46.700Z" << "" << "x";
    QTest::newRow("hash not hex") << "2012-05-15T17:19:46.700Z" << QString(64, 'g') << "x";
    QTest::newRow("decoded path differs")
        << "2012-05-15T17:19:46.700Z" << hash
        << R"({"Path":"dir/f+AOk-.txt","UTCDateModified":"20120101T000000Z","Flags":0})";
    QTest::newRow("non-ascii plain") << "2012-05-15T17:19:46.700Z" << hash << "caf\u00e9/x";
    QTest::newRow("empty description") << "2012-05-15T17:19:46.700Z" << hash << "";
}

void TestInventoryCache::textsKeptExactly()
{
    QFETCH(QString, creationDate);
    QFETCH(QString, treeHash);
    QFETCH(QString, description);
    TestArchive archive = testArchive("id-1", description, 7, creationDate);
    archive.treeHash = treeHash;
    InventoryImporter importer(cachePath());
    const auto imported = importBytes(importer, inventoryJson("2024-05-01T00:00:00Z", {archive}),
                                      options());
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
    InventoryReader reader(cachePath());
    const auto rows = reader.page(query(imported->id), 0, 10);
    QVERIFY(rows);
    QCOMPARE(rows->size(), 1);
    QCOMPARE(rows->at(0).creationDate, creationDate);
    QCOMPARE(rows->at(0).treeHash, treeHash);
    QCOMPARE(rows->at(0).description, description);

    InventoryExporter exporter(cachePath());
    const QString out = m_dir->filePath("out.json");
    ExportOptions json;
    json.format = ExportFormat::Json;
    QVERIFY(exporter.exportInventory(imported->id, out, json));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject exported
        = QJsonDocument::fromJson(file.readAll())["ArchiveList"][0].toObject();
    QCOMPARE(exported["CreationDate"].toString(), creationDate);
    QCOMPARE(exported["SHA256TreeHash"].toString(), treeHash);
    QCOMPARE(exported["ArchiveDescription"].toString(), description);
    QCOMPARE(exported["DecodedPath"].toString(), rows->at(0).path);
    QCOMPARE(exported["DescriptionFormat"].toString(), rows->at(0).format);
}

QTEST_GUILESS_MAIN(TestInventoryCache)
#include "tst_inventorycache.moc"
