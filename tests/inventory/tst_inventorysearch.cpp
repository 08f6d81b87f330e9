// The reader's search: the trigram index (built on demand, stale after an append, dropped with
// its inventory), the plain scan it falls back to (before the index exists, and for filters of
// 1-2 characters), the choice between collecting few matches and walking the sort index for
// many, and interrupting a running query. The expected rows are computed here from the
// generated archives with the documented rule (ASCII-case-insensitive substring of the decoded
// path, or the archive id exactly), never read back from the cache.
#include "core/inventory/inventorycache.h"
#include "core/inventory/inventoryreader.h"
#include "core/inventory/inventoryschema.h"
#include "core/inventory/searchindex.h"
#include "core/inventory/searchmatches.h"
#include "core/inventory/sqlitedb.h"
#include "inventorytestsupport.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace thaw::inventory;

namespace {

// More archives than SearchMatches::CompleteLimit, so that a common filter takes the walk, and
// enough for a scan to sample the keys first.
constexpr int ArchiveCount = 42000;

QString asciiLower(const QString &text)
{
    QString lower = text;
    for (QChar &c : lower) {
        if (c >= u'A' && c <= u'Z')
            c = QChar(c.unicode() + 32);
    }
    return lower;
}

TestArchive generated(int i)
{
    static const char *const kinds[] = {"photos", "Documents", "music", "video", "backup"};
    static const char *const words[] = {"holiday", "Invoice", "family", "report"};
    QString path = QString("%1/%2/%3-%4.dat")
                       .arg(kinds[i % 5])
                       .arg(2014 + (i / 5) % 8)
                       .arg(words[(i / 40) % 4])
                       .arg(i, 5, 10, QLatin1Char('0'));
    // A few names that pin the edges of the rule.
    if (i == 101)
        path = "Été/Ünïcode été.txt";
    if (i == 102)
        path = "quote\"d/100%_done.txt";
    if (i == 103)
        path = "docs\\Tax\\2019.PDF";
    TestArchive archive = testArchive(QString("id%1").arg(i, 6, 10, QLatin1Char('0'))
                                          + QString(132, QLatin1Char('x')),
                                      path, qint64((i * 7919) % 100003) + 1);
    archive.creationDate = QString("2020-01-01T00:00:00Z");
    return archive;
}

struct Expected
{
    QList<int> byName;       // indexes into the archives, Name ascending
    QList<int> bySizeDesc;   // Size descending
};

} // namespace

class TestInventorySearch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void trigramQuery_data();
    void trigramQuery();
    void filter_data();
    void filter();
    void indexStaleAfterAppend();
    void indexDroppedWithInventory();
    void buildCancelled();
    void unknownInventory();
    void interruptStopsRunningQuery();
    void buildCommitGivesWayToReaders();
    void buildRetriesAfterBusyCommit_data();
    void buildRetriesAfterBusyCommit();
    void staleReaderStopsWaitingForLock();
    void countOfDroppedInventory();

private:
    qint64 importInto(const QString &path, const QString &date, int archives);
    QString cachePath() const { return m_dir.filePath("cache.sqlite"); }
    Expected expected(const QString &filter) const;
    static QStringList ids(const QList<ArchiveRow> &rows);
    QStringList ids(const QList<int> &indexes, qsizetype from, qsizetype count) const;
    bool indexReady(qint64 inventoryId) const;

    QTemporaryDir m_dir;
    VaultKey m_vault{"acct", "us-east-1", "photos"};
    QList<TestArchive> m_archives;
    qint64 m_id = 0;
};

void TestInventorySearch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    for (int i = 0; i < ArchiveCount; ++i)
        m_archives.append(generated(i));
    InventoryImporter importer(cachePath());
    ImportOptions options;
    options.vault = m_vault;
    const auto result = importBytes(importer, inventoryJson("2024-05-01T00:00:00Z", m_archives),
                                    options);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    m_id = result->id;
}

Expected TestInventorySearch::expected(const QString &filter) const
{
    const QString key = asciiLower(filter);
    QList<int> matches;
    for (int i = 0; i < m_archives.size(); ++i) {
        if (asciiLower(m_archives.at(i).description).contains(key) || m_archives.at(i).id == filter)
            matches.append(i);
    }
    Expected e;
    e.byName = matches;
    // SQLite's NOCASE: ASCII folded, then bytes (UTF-8) compared; ties by rowid (import order).
    std::stable_sort(e.byName.begin(), e.byName.end(), [this](int a, int b) {
        return asciiLower(m_archives.at(a).description).toUtf8()
               < asciiLower(m_archives.at(b).description).toUtf8();
    });
    e.bySizeDesc = matches;
    std::sort(e.bySizeDesc.begin(), e.bySizeDesc.end(), [this](int a, int b) {
        const qint64 sa = m_archives.at(a).size;
        const qint64 sb = m_archives.at(b).size;
        return sa != sb ? sa > sb : a > b;
    });
    return e;
}

QStringList TestInventorySearch::ids(const QList<ArchiveRow> &rows)
{
    QStringList list;
    for (const ArchiveRow &row : rows)
        list << row.archiveId;
    return list;
}

QStringList TestInventorySearch::ids(const QList<int> &indexes, qsizetype from,
                                     qsizetype count) const
{
    QStringList list;
    for (const int i : indexes.mid(from, count))
        list << m_archives.at(i).id;
    return list;
}

bool TestInventorySearch::indexReady(qint64 inventoryId) const
{
    SqliteDatabase db;
    QString error;
    return db.open(cachePath(), &error) && isSearchIndexReady(db, inventoryId);
}

void TestInventorySearch::trigramQuery_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("query"); // empty: no trigram query
    QTest::newRow("two characters") << "ab" << QString();
    QTest::newRow("three") << "abc" << "\"abc\"";
    QTest::newRow("four") << "abcd" << "\"abc\" AND \"bcd\"";
    QTest::newRow("repeated trigram once") << "aaaa" << "\"aaa\"";
    QTest::newRow("quote doubled") << "a\"bc" << "\"a\"\"b\" AND \"\"\"bc\"";
    QTest::newRow("two characters, three bytes") << "éa" << QString();
    QTest::newRow("characters, not bytes") << "éab" << "\"éab\"";
    QTest::newRow("space is a character") << "a b" << "\"a b\"";
}

void TestInventorySearch::trigramQuery()
{
    QFETCH(QString, key);
    QFETCH(QString, query);
    const std::optional<QByteArray> got = thaw::inventory::trigramQuery(key.toUtf8());
    if (query.isEmpty()) {
        QVERIFY(!got);
    } else {
        QVERIFY(got);
        QCOMPARE(QString::fromUtf8(*got), query);
    }
}

void TestInventorySearch::filter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::newRow("few, >= 3 characters") << "holiday-0001";
    QTest::newRow("few, any ASCII case") << "HOLIDAY-0001";
    QTest::newRow("many: walks the index") << ".dat";
    QTest::newRow("a fifth: collected") << "photos/";
    QTest::newRow("one character, many") << "d";
    QTest::newRow("two characters, none") << "zq";
    QTest::newRow("two characters, few") << "ïc";
    QTest::newRow("archive id, exactly") << "id000077" + QString(132, QLatin1Char('x'));
    QTest::newRow("part of an archive id") << "id000077";
    QTest::newRow("non-ASCII as typed") << "été";
    QTest::newRow("non-ASCII case is not folded") << "ÉTÉ";
    QTest::newRow("quote") << "quote\"d";
    QTest::newRow("percent and underscore are literal") << "100%_";
    QTest::newRow("backslash path") << "DOCS\\tax";
    QTest::newRow("nothing") << "no such thing";
}

// Every filter gives the same rows without the index (scan) and with it, in either plan.
void TestInventorySearch::filter()
{
    QFETCH(QString, filter);
    const Expected want = expected(filter);
    const qsizetype matches = want.byName.size();
    const bool trigrams = filter.toUcs4().size() >= 3;

    SearchIndexBuilder builder(cachePath());
    QVERIFY(builder.drop(m_id));
    QVERIFY(!indexReady(m_id));
    for (const bool indexed : {false, true}) {
        if (indexed) {
            const auto built = builder.build(m_id);
            QVERIFY2(built, qPrintable(built ? QString() : built.error().message));
            QVERIFY(*built);
            QVERIFY(indexReady(m_id));
        }
        const QByteArray state = indexed ? "with the index" : "without the index";
        InventoryReader reader(cachePath());
        ArchiveQuery q;
        q.inventoryId = m_id;
        q.filter = filter;
        const auto first = reader.page(q, 0, 30);
        QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
        QCOMPARE(ids(*first), ids(want.byName, 0, 30));
        QCOMPARE(reader.lastSearchPath().indexed, indexed && trigrams);
        QCOMPARE(reader.lastSearchPath().collected, matches <= SearchMatches::CompleteLimit);
        QCOMPARE(*reader.count(q), qint64(matches));

        q.sort = SortColumn::Size;
        q.order = Qt::DescendingOrder;
        const auto later = reader.page(q, 40, 25);
        QVERIFY(later);
        QVERIFY2(ids(*later) == ids(want.bySizeDesc, 40, 25), state.constData());
        QCOMPARE(*reader.count(q), qint64(matches));
    }
}

void TestInventorySearch::indexStaleAfterAppend()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("cache.sqlite");
    ImportOptions options;
    options.vault = m_vault;
    options.inventoryDate = "2024-06-01T00:00:00Z";
    qint64 id = 0;
    {
        InventoryImporter importer(path);
        const auto first = importBytes(
            importer,
            inventoryJson("2024-06-01T00:00:00Z",
                          {testArchive("a1", "part one/alpha.txt", 1),
                           testArchive("a2", "part one/beta.txt", 2)}),
            options);
        QVERIFY(first);
        id = first->id;
    }
    SearchIndexBuilder builder(path);
    QCOMPARE(*builder.build(id), true);
    QCOMPARE(*builder.build(id), false); // there already
    {
        options.appendToExisting = true;
        InventoryImporter importer(path);
        const auto second = importBytes(
            importer,
            inventoryJson("2024-06-01T00:00:00Z", {testArchive("a3", "part two/alpha.txt", 3)}),
            options);
        QVERIFY2(second, qPrintable(second ? QString() : second.error().message));
        QCOMPARE(second->id, id);
    }
    InventoryReader reader(path);
    ArchiveQuery q;
    q.inventoryId = id;
    q.filter = "alpha";
    // The index misses the appended row: not used until it is built again.
    QCOMPARE(ids(*reader.page(q, 0, 10)), (QStringList{"a1", "a3"}));
    QCOMPARE(reader.lastSearchPath().indexed, false);
    QCOMPARE(*builder.build(id), true);
    QCOMPARE(ids(*reader.page(q, 0, 10)), (QStringList{"a1", "a3"}));
    QCOMPARE(reader.lastSearchPath().indexed, true);
}

void TestInventorySearch::indexDroppedWithInventory()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("cache.sqlite");
    QList<qint64> idsByDate;
    for (const QString date : {"2024-07-01T00:00:00Z", "2024-08-01T00:00:00Z"}) {
        InventoryImporter importer(path);
        ImportOptions options;
        options.vault = m_vault;
        const auto result
            = importBytes(importer, inventoryJson(date, {testArchive("b1", "kept.txt", 1)}), options);
        QVERIFY(result);
        idsByDate << result->id;
        QVERIFY(*SearchIndexBuilder(path).build(result->id));
    }
    QString error;
    QVERIFY2(removeInventory(path, idsByDate.at(0), &error), qPrintable(error));
    SqliteDatabase db;
    QVERIFY(db.open(path, &error));
    SqliteStatement tables = db.prepare(
        "SELECT name FROM sqlite_master WHERE name LIKE 'search\\_%' ESCAPE '\\' AND type = 'table'"
        " AND name NOT LIKE '%\\_data' ESCAPE '\\' AND name NOT LIKE '%\\_idx' ESCAPE '\\'"
        " AND name NOT LIKE '%\\_config' ESCAPE '\\' AND name <> 'search_indexes'",
        &error);
    QVERIFY2(tables.isValid(), qPrintable(error));
    QStringList names;
    while (tables.step() == SqliteStatement::Step::Row)
        names << tables.text(0);
    QCOMPARE(names, QStringList{searchTable(idsByDate.at(1))});
    QVERIFY(isSearchIndexReady(db, idsByDate.at(1)));
}

void TestInventorySearch::buildCancelled()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("cache.sqlite");
    InventoryImporter importer(path);
    ImportOptions options;
    options.vault = m_vault;
    const auto result = importBytes(
        importer, inventoryJson("2024-09-01T00:00:00Z", m_archives.mid(0, 2000)), options);
    QVERIFY(result);
    SearchIndexBuilder builder(path);
    int checks = 0;
    builder.setInterruptCheck([&checks] { return ++checks > 3; }); // stops mid-way
    const auto built = builder.build(result->id);
    QVERIFY(!built);
    QCOMPARE(built.error().kind, InventoryError::Kind::Cancelled);
    QVERIFY(checks > 3);
    SqliteDatabase db;
    QString error;
    QVERIFY(db.open(path, &error));
    QVERIFY(!isSearchIndexReady(db, result->id));
    builder.setInterruptCheck({});
    QCOMPARE(*builder.build(result->id), true); // nothing half-built was left in the way
}

void TestInventorySearch::unknownInventory()
{
    SearchIndexBuilder builder(cachePath());
    QCOMPARE(builder.build(4242).error().kind, InventoryError::Kind::NotFound);
    InventoryReader reader(cachePath());
    ArchiveQuery q;
    q.inventoryId = 4242;
    q.filter = "photos";
    QCOMPARE(reader.page(q, 0, 10).error().kind, InventoryError::Kind::NotFound);
    QCOMPARE(reader.count(q).error().kind, InventoryError::Kind::NotFound);
}

// The GUI's worker passes "a newer query was asked for": the running statement stops there.
void TestInventorySearch::interruptStopsRunningQuery()
{
    InventoryReader reader(cachePath());
    ArchiveQuery q;
    q.inventoryId = m_id;
    q.filter = "d"; // a scan of every key
    int checks = 0;
    reader.setInterruptCheck([&checks] { return ++checks > 2; });
    const auto stopped = reader.count(q);
    QVERIFY(!stopped);
    QCOMPARE(stopped.error().kind, InventoryError::Kind::Cancelled);
    q.filter = ".dat";
    q.sort = SortColumn::Description; // no index: every row sorted
    checks = 0;
    const auto page = reader.page(q, 0, 10);
    QVERIFY(!page);
    QCOMPARE(page.error().kind, InventoryError::Kind::Cancelled);

    // The next query runs whole, and nothing of the stopped one was kept as an answer.
    reader.setInterruptCheck({});
    QCOMPARE(*reader.count(q), qint64(expected(".dat").byName.size()));
    q.filter = "d";
    QCOMPARE(*reader.count(q), qint64(expected("d").byName.size()));
}

qint64 TestInventorySearch::importInto(const QString &path, const QString &date, int archives)
{
    InventoryImporter importer(path);
    ImportOptions options;
    options.vault = m_vault;
    const auto result = importBytes(importer, inventoryJson(date, m_archives.mid(0, archives)),
                                    options);
    if (!result)
        qWarning() << result.error().message;
    return result ? result->id : 0;
}

namespace {

// A second connection that keeps a read transaction open (an export, a CLI listing): it holds
// SQLite's SHARED lock, so no other connection can commit until it ends.
struct HeldReader
{
    SqliteDatabase db;
    bool open(const QString &path)
    {
        QString error;
        return db.open(path, &error) && db.exec("BEGIN; SELECT count(*) FROM inventories;", &error);
    }
    bool release()
    {
        QString error;
        return db.exec("COMMIT", &error);
    }
};

// A connection that never waits for a lock: whether a new reader could start right now.
struct Probe
{
    SqliteDatabase db;
    bool open(const QString &path)
    {
        QString error;
        if (!db.open(path, &error))
            return false;
        db.setBusyTimeout(0);
        return true;
    }
    // -1: locked out; else how many search_N tables of that id exist.
    int searchTables(qint64 inventoryId)
    {
        QString error;
        SqliteStatement s = db.prepare(
            "SELECT count(*) FROM sqlite_master WHERE name = ?1", &error);
        if (!s.isValid())
            return -1;
        s.bindText(1, searchTable(inventoryId));
        return s.step() == SqliteStatement::Step::Row ? int(s.int64(0)) : -1;
    }
};

} // namespace

// A reader holding the cache through the build's commit: the commit gives up after a short
// wait and rolls back (so new readers are not held off behind it) and the build reports a
// retryable failure; nothing half-built is left; once the reader is gone the build succeeds.
void TestInventorySearch::buildCommitGivesWayToReaders()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("cache.sqlite");
    const qint64 id = importInto(path, "2024-10-01T00:00:00Z", 3000);
    QVERIFY(id);
    Probe probe;
    QVERIFY(probe.open(path));
    HeldReader held;
    QVERIFY(held.open(path));

    SearchIndexBuilder builder(path);
    builder.setRetryPolicy({1, 0});
    // Asked all through the build (progress handler) and while the commit waits (busy
    // handler): whether a new reader could start at that moment.
    QList<bool> lockedOut;
    builder.setInterruptCheck([&] {
        lockedOut << (probe.searchTables(id) < 0);
        return false;
    });
    const auto refused = builder.build(id);
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, InventoryError::Kind::Database);
    QVERIFY2(refused.error().message.contains("busy"), qPrintable(refused.error().message));
    // New readers got in all through the build; only the commit's wait (the trailing checks)
    // held them off, and it ended with the build.
    const qsizetype firstLocked = lockedOut.indexOf(true);
    QVERIFY(firstLocked > 0);
    QVERIFY(!lockedOut.mid(firstLocked).contains(false));
    // Rolled back: a new reader gets in at once, and sees no index at all.
    QCOMPARE(probe.searchTables(id), 0);
    QVERIFY(!isSearchIndexReady(probe.db, id));

    QVERIFY(held.release());
    builder.setInterruptCheck({});
    const auto built = builder.build(id);
    QVERIFY2(built, qPrintable(built ? QString() : built.error().message));
    QVERIFY(*built);
    QVERIFY(isSearchIndexReady(probe.db, id));
    InventoryReader reader(path);
    ArchiveQuery q;
    q.inventoryId = id;
    q.filter = "holiday-0001";
    const auto rows = reader.page(q, 0, 50);
    QVERIFY(rows);
    QVERIFY(reader.lastSearchPath().indexed);
    QStringList want;
    for (int i = 0; i < 3000; ++i) {
        if (asciiLower(m_archives.at(i).description).contains(q.filter))
            want << m_archives.at(i).id;
    }
    QStringList got = ids(*rows);
    want.sort();
    got.sort();
    QCOMPARE(got, want);
}

void TestInventorySearch::buildRetriesAfterBusyCommit_data()
{
    QTest::addColumn<qint64>("spillThreshold");
    QTest::newRow("in memory until the commit") << SearchIndexBuilder::DefaultSpillThresholdBytes;
    QTest::newRow("spills above a tiny threshold") << qint64(32 * 1024);
}

// The reader goes away while the builder pauses after a busy commit: the next attempt commits.
// With a tiny spill threshold the build writes into the file before the commit (new readers are
// locked out from then on, which is the price of bounded memory), with the same result.
void TestInventorySearch::buildRetriesAfterBusyCommit()
{
    QFETCH(qint64, spillThreshold);
    QTemporaryDir dir;
    const QString path = dir.filePath("cache.sqlite");
    const qint64 id = importInto(path, "2024-11-01T00:00:00Z", 10000);
    QVERIFY(id);
    Probe probe;
    QVERIFY(probe.open(path));
    HeldReader held;
    QVERIFY(held.open(path));

    SearchIndexBuilder builder(path);
    builder.setSpillThreshold(spillThreshold);
    builder.setRetryPolicy({3, 0});
    QList<int> busyAttempts;
    builder.setBusyCallback([&](int attempt) {
        busyAttempts << attempt;
        QVERIFY(held.release());
    });
    bool heldDuringSecond = false;
    int lockedOut = 0;
    builder.setInterruptCheck([&] {
        if (!busyAttempts.isEmpty()) {
            heldDuringSecond = true;
            lockedOut += probe.searchTables(id) < 0 ? 1 : 0;
        }
        return false;
    });
    const auto built = builder.build(id);
    QVERIFY2(built, qPrintable(built ? QString() : built.error().message));
    QVERIFY(*built);
    QCOMPARE(busyAttempts, QList<int>{1});
    QVERIFY(heldDuringSecond);
    if (spillThreshold == SearchIndexBuilder::DefaultSpillThresholdBytes)
        QCOMPARE(lockedOut, 0);
    else
        QVERIFY(lockedOut > 0); // it spilled: the exclusive lock was taken before the commit
    QVERIFY(isSearchIndexReady(probe.db, id));
    QCOMPARE(probe.searchTables(id), 1);

    InventoryReader reader(path);
    ArchiveQuery q;
    q.inventoryId = id;
    q.filter = "invoice-0";
    QStringList want;
    for (int i = 0; i < 10000; ++i) {
        if (asciiLower(m_archives.at(i).description).contains(q.filter))
            want << m_archives.at(i).id;
    }
    QCOMPARE(*reader.count(q), qint64(want.size()));
    const auto rows = reader.page(q, 0, 10000);
    QVERIFY(rows);
    QVERIFY(reader.lastSearchPath().indexed);
    QStringList got = ids(*rows);
    want.sort();
    got.sort();
    QCOMPARE(got, want);
}

// A query waiting for a lock (here another connection's exclusive lock, as a search index's
// commit holds it) asks the interrupt check while it waits: once it says the query is stale,
// the query gives up at once and answers Cancelled, not a "database is locked" or NotFound.
void TestInventorySearch::staleReaderStopsWaitingForLock()
{
    InventoryReader reader(cachePath());
    QVERIFY(reader.open()); // before the lock is taken: opening does not stop early
    SqliteDatabase writer;
    QString error;
    QVERIFY(writer.open(cachePath(), &error));
    QVERIFY(writer.exec("BEGIN EXCLUSIVE", &error));

    int checks = 0;
    reader.setInterruptCheck([&checks] { return ++checks > 3; });
    ArchiveQuery q;
    q.inventoryId = m_id;
    q.filter = "holiday";
    const auto counted = reader.count(q);
    QVERIFY(!counted);
    QCOMPARE(counted.error().kind, InventoryError::Kind::Cancelled);
    QVERIFY(checks > 3); // asked repeatedly while waiting
    checks = 0;
    const auto summary = reader.inventory(m_id);
    QVERIFY(!summary);
    QCOMPARE(summary.error().kind, InventoryError::Kind::Cancelled);
    checks = 0;
    q.folder = QString("photos/2014");
    const auto page = reader.page(q, 0, 10);
    QVERIFY(!page);
    QCOMPARE(page.error().kind, InventoryError::Kind::Cancelled);

    QVERIFY(writer.exec("ROLLBACK", &error));
    reader.setInterruptCheck({});
    q.folder.reset();
    QCOMPARE(*reader.count(q), qint64(expected("holiday").byName.size()));
}

// count() of an inventory whose tables another connection dropped after the inventory was
// looked up (simulated by dropping them under a kept inventories row): NotFound, as page()
// says, not a Database "no such table".
void TestInventorySearch::countOfDroppedInventory()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("cache.sqlite");
    const qint64 id = importInto(path, "2024-12-01T00:00:00Z", 500);
    QVERIFY(id);
    {
        SqliteDatabase db;
        QString error;
        QVERIFY(db.open(path, &error));
        QVERIFY2(db.exec(QStringLiteral("DROP TABLE %1; DROP TABLE %2; DROP TABLE %3;")
                             .arg(namesTable(id), archivesTable(id), foldersTable(id)),
                         &error),
                 qPrintable(error));
    }
    InventoryReader reader(path);
    ArchiveQuery q;
    q.inventoryId = id;
    for (const QString filter : {"holiday", "ho", "holiday-00012"}) {
        q.filter = filter;
        q.folder.reset();
        const auto counted = reader.count(q);
        QVERIFY(!counted);
        QCOMPARE(counted.error().kind, InventoryError::Kind::NotFound);
        QCOMPARE(reader.page(q, 0, 10).error().kind, InventoryError::Kind::NotFound);
        q.folder = QString("photos/2014");
        QCOMPARE(reader.count(q).error().kind, InventoryError::Kind::NotFound);
        QCOMPARE(reader.page(q, 0, 10).error().kind, InventoryError::Kind::NotFound);
    }
    q.filter.clear();
    QCOMPARE(reader.count(q).error().kind, InventoryError::Kind::NotFound);
}

QTEST_GUILESS_MAIN(TestInventorySearch)
#include "tst_inventorysearch.moc"
