// The Inventory view's models over a real inventory cache (a generated inventory imported
// through the core importer), each under QAbstractItemModelTester for the whole test: pages
// arrive asynchronously from the worker thread, and searching and sorting re-query. Expected
// rows are computed here from the generated archives, not read back from the cache.
#include "inventorytestsupport.h"

#include "ui/inventory/archivetablemodel.h"
#include "ui/inventory/cacheinventorystore.h"
#include "ui/inventory/foldertreemodel.h"
#include "ui/inventory/inventorydatasource.h"
#include "ui/inventory/inventorylistmodel.h"

#include "core/inventory/inventoryreader.h"
#include "core/inventory/searchindex.h"
#include "core/inventory/sqlitedb.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <QDeadlineTimer>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <memory>

using namespace thaw;
using namespace thaw::ui;
using namespace thaw::ui::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int ArchiveCount = 3000;

QList<GeneratedArchive> sortedBy(QList<GeneratedArchive> archives,
                                 const std::function<bool(const GeneratedArchive &,
                                                          const GeneratedArchive &)> &less)
{
    std::stable_sort(archives.begin(), archives.end(), less);
    return archives;
}

bool byName(const GeneratedArchive &a, const GeneratedArchive &b)
{
    return a.description.toLower() < b.description.toLower();
}

bool searchIndexReady(const QString &cachePath, qint64 inventoryId)
{
    inventory::SqliteDatabase db;
    QString error;
    return db.open(cachePath, &error) && inventory::isSearchIndexReady(db, inventoryId);
}

// The cache, except that a query for the filter "slow" runs until the data source's interrupt
// check stops it (as a long SQLite scan does), or for 30 s.
class SlowStore final : public InventoryStore
{
public:
    SlowStore(const QString &cachePath, std::shared_ptr<std::atomic<int>> started,
              std::shared_ptr<std::atomic<int>> interrupted)
        : m_inner(cachePath)
        , m_started(std::move(started))
        , m_interrupted(std::move(interrupted))
    {}

    Fetched<QList<inventory::InventorySummary>> inventories(const VaultRef &vault) override
    {
        return m_inner.inventories(vault);
    }
    Fetched<qint64> count(const inventory::ArchiveQuery &query) override
    {
        if (query.filter == u"slow"_s)
            return runUntilStopped<qint64>();
        return m_inner.count(query);
    }
    Fetched<QList<inventory::ArchiveRow>> page(const inventory::ArchiveQuery &query,
                                               qint64 offset, int limit) override
    {
        if (query.filter == u"slow"_s)
            return runUntilStopped<QList<inventory::ArchiveRow>>();
        return m_inner.page(query, offset, limit);
    }
    Fetched<QList<inventory::FolderEntry>> subfolders(qint64 inventoryId,
                                                      const QString &folder) override
    {
        return m_inner.subfolders(inventoryId, folder);
    }
    void setInterruptCheck(std::function<bool()> stop) override
    {
        m_stop = stop;
        m_inner.setInterruptCheck(std::move(stop));
    }

private:
    template<typename T>
    Fetched<T> runUntilStopped()
    {
        ++*m_started;
        QDeadlineTimer deadline(30000);
        while (!(m_stop && m_stop()) && !deadline.hasExpired())
            QThread::msleep(1);
        if (m_stop && m_stop())
            ++*m_interrupted;
        return Fetched<T>::failure(u"stopped"_s);
    }

    CacheInventoryStore m_inner;
    std::shared_ptr<std::atomic<int>> m_started;
    std::shared_ptr<std::atomic<int>> m_interrupted;
    std::function<bool()> m_stop;
};

} // namespace

class TestInventoryModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_cachePath = m_dir.filePath(u"cache.sqlite"_s);
        m_archives = generatedArchives(ArchiveCount);
        const auto older = importInventory(m_cachePath, m_vault,
                                           inventoryJson(m_archives.mid(0, 10),
                                                         u"2026-10-01T08:00:00Z"_s));
        QVERIFY2(older.ok(), qPrintable(older.ok() ? QString() : older.error().message));
        const auto newer = importInventory(m_cachePath, m_vault, inventoryJson(m_archives));
        QVERIFY2(newer.ok(), qPrintable(newer.ok() ? QString() : newer.error().message));
        m_olderId = older.value().id;
        m_inventoryId = newer.value().id;
    }

    void inventoriesNewestFirst()
    {
        InventoryDataSource source(CacheInventoryStore::factory(m_cachePath));
        InventoryListModel model(source);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &InventoryListModel::loaded);
        model.setVault(VaultRef{m_vault.account, m_vault.region, m_vault.vault});
        QVERIFY(loaded.wait(10000));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0), InventoryListModel::InventoryIdRole).toLongLong(),
                 m_inventoryId);
        QCOMPARE(model.data(model.index(0), InventoryListModel::ArchiveCountRole).toLongLong(),
                 qint64(ArchiveCount));
        QCOMPARE(model.data(model.index(1), InventoryListModel::ArchiveCountRole).toLongLong(),
                 10LL);
        qint64 total = 0;
        for (const GeneratedArchive &archive : std::as_const(m_archives))
            total += archive.size;
        QCOMPARE(model.data(model.index(0), InventoryListModel::TotalSizeRole).toLongLong(), total);

        // Another vault has none.
        model.setVault(VaultRef{m_vault.account, m_vault.region, u"empty"_s});
        QVERIFY(loaded.wait(10000));
        QCOMPARE(model.rowCount(), 0);
    }

    void pagesArriveOnDemand()
    {
        InventoryDataSource source(CacheInventoryStore::factory(m_cachePath));
        ArchiveTableModel model(source);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy shown(&model, &ArchiveTableModel::queryShown);
        // The rows when they are first shown (the count's answer may be handled right after,
        // before a spy's wait returns).
        QList<int> rowsWhenShown;
        connect(&model, &ArchiveTableModel::queryShown, this,
                [&] { rowsWhenShown.append(model.rowCount()); });
        model.setInventory(m_inventoryId);
        QCOMPARE(model.rowCount(), 0); // nothing until the first page is back
        QVERIFY(shown.wait(10000));
        QCOMPARE(rowsWhenShown.constFirst(), ArchiveTableModel::PageSize); // before the count
        QTRY_VERIFY_WITH_TIMEOUT(model.isSettled(), 10000);
        QCOMPARE(model.rowCount(), ArchiveCount);

        const QList<GeneratedArchive> expected = sortedBy(m_archives, byName);
        QCOMPARE(model.index(0, ArchiveTableModel::Name).data().toString(),
                 expected.at(0).description);

        // A row far down is loading, then fills in with dataChanged.
        const int far = ArchiveCount - 100;
        const QModelIndex farIndex = model.index(far, ArchiveTableModel::Name);
        QCOMPARE(farIndex.data(ArchiveTableModel::LoadedRole).toBool(), false);
        QCOMPARE(farIndex.data().toString(), u"Loading…"_s);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QTRY_VERIFY_WITH_TIMEOUT(farIndex.data(ArchiveTableModel::LoadedRole).toBool(), 10000);
        QVERIFY(!changed.isEmpty());
        const QModelIndex topLeft = changed.constFirst().at(0).toModelIndex();
        const QModelIndex bottomRight = changed.constFirst().at(1).toModelIndex();
        QVERIFY(topLeft.row() <= far && far <= bottomRight.row());
        QCOMPARE(farIndex.data().toString(), expected.at(far).description);
        const auto row = model.archiveAt(far);
        QVERIFY(row);
        QCOMPARE(row->archiveId, expected.at(far).archiveId);
        QCOMPARE(row->size, expected.at(far).size);
        QCOMPARE(row->treeHash, expected.at(far).treeHash);
        QCOMPARE(model.index(far, ArchiveTableModel::Size).data(ArchiveTableModel::RawValueRole)
                     .toLongLong(),
                 expected.at(far).size);

        // Touching every page keeps memory bounded: old pages are dropped and come back.
        for (int r = 0; r < ArchiveCount; r += ArchiveTableModel::PageSize)
            model.index(r, 0).data();
        QTRY_VERIFY_WITH_TIMEOUT(model.index(ArchiveCount - 1, 0)
                                     .data(ArchiveTableModel::LoadedRole)
                                     .toBool(),
                                 10000);
        QCOMPARE(model.index(ArchiveCount - 1, 0).data().toString(),
                 expected.constLast().description);
    }

    void searchAndSort_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::newRow("name contains file0001") << u"file0001"_s << int(ArchiveTableModel::Name)
                                                << int(Qt::AscendingOrder);
        QTest::newRow("folder, by size desc") << u"DIR3/SUB1"_s << int(ArchiveTableModel::Size)
                                              << int(Qt::DescendingOrder);
        QTest::newRow("archive id (exact), by date") << u"id00000012"_s << int(ArchiveTableModel::Created)
                                             << int(Qt::AscendingOrder);
        QTest::newRow("everything by size") << QString() << int(ArchiveTableModel::Size)
                                            << int(Qt::AscendingOrder);
        QTest::newRow("no match") << u"nothing like this"_s << int(ArchiveTableModel::Name)
                                  << int(Qt::AscendingOrder);
        QTest::newRow("% is literal") << u"%"_s << int(ArchiveTableModel::Name)
                                      << int(Qt::AscendingOrder);
    }
    void searchAndSort()
    {
        QFETCH(QString, filter);
        QFETCH(int, column);
        QFETCH(int, order);

        QList<GeneratedArchive> expected;
        for (const GeneratedArchive &archive : std::as_const(m_archives)) {
            // The cache's filter: a substring of the decoded path, or an archive id exactly
            // (core/inventory/README.md).
            if (archive.description.contains(filter, Qt::CaseInsensitive)
                || archive.archiveId == filter)
                expected.append(archive);
        }
        const bool descending = order == Qt::DescendingOrder;
        std::stable_sort(expected.begin(), expected.end(),
                         [&](const GeneratedArchive &a, const GeneratedArchive &b) {
                             const auto key = [&](const GeneratedArchive &x) {
                                 return column == ArchiveTableModel::Size
                                            ? QVariant(x.size)
                                        : column == ArchiveTableModel::Created
                                            ? QVariant(x.creationDate)
                                            : QVariant(x.description.toLower());
                             };
                             const auto c = QVariant::compare(key(a), key(b));
                             return descending ? c == QPartialOrdering::Greater
                                               : c == QPartialOrdering::Less;
                         });

        InventoryDataSource source(CacheInventoryStore::factory(m_cachePath));
        ArchiveTableModel model(source);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setInventory(m_inventoryId);
        QTRY_VERIFY_WITH_TIMEOUT(model.isSettled(), 10000);
        model.setFilter(filter);
        model.sort(column, Qt::SortOrder(order));
        QTRY_VERIFY_WITH_TIMEOUT(model.isSettled(), 10000);
        QCOMPARE(model.rowCount(), expected.size());
        for (int r = 0; r < std::min<int>(20, int(expected.size())); ++r) {
            QTRY_VERIFY_WITH_TIMEOUT(model.index(r, 0).data(ArchiveTableModel::LoadedRole).toBool(),
                                     10000);
            QCOMPARE(model.archiveAt(r)->archiveId, expected.at(r).archiveId);
        }
    }

    // Keystrokes faster than the queries: only the last query's rows are ever shown.
    void staleQueriesAreDropped()
    {
        InventoryDataSource source(CacheInventoryStore::factory(m_cachePath));
        ArchiveTableModel model(source);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setInventory(m_inventoryId);
        QTRY_VERIFY_WITH_TIMEOUT(model.isSettled(), 10000);
        QSignalSpy shown(&model, &ArchiveTableModel::queryShown);
        const QString typed = u"file00012"_s;
        for (int n = 1; n <= typed.size(); ++n)
            model.setFilter(typed.left(n));
        model.sort(ArchiveTableModel::Size, Qt::DescendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(model.isSettled(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(source.pending(), 0, 10000);
        QCOMPARE(shown.size(), 1); // the intermediate filters never reached the view
        QCOMPARE(model.query().filter, typed);
        QCOMPARE(model.rowCount(), 10); // file000120 … file000129
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY(model.index(r, 0).data().toString().contains(typed));
    }

    // A newer keystroke stops the query still running for the older one: its answer never
    // comes, and the newer rows do not wait for it to finish.
    void runningStaleQueryIsInterrupted()
    {
        auto started = std::make_shared<std::atomic<int>>(0);
        auto interrupted = std::make_shared<std::atomic<int>>(0);
        const QString path = m_cachePath;
        InventoryDataSource source([path, started, interrupted]() -> std::unique_ptr<InventoryStore> {
            return std::make_unique<SlowStore>(path, started, interrupted);
        });
        ArchiveTableModel model(source);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy errors(&model, &ArchiveTableModel::errorOccurred);
        model.setInventory(m_inventoryId);
        QTRY_VERIFY_WITH_TIMEOUT(model.isSettled(), 10000);
        QSignalSpy shown(&model, &ArchiveTableModel::queryShown);
        model.setFilter(u"slow"_s);
        QTRY_COMPARE_WITH_TIMEOUT(started->load(), 1, 10000); // its page query is running
        model.setFilter(u"file00012"_s);
        // Well before the slow query's own 30 s end.
        QTRY_VERIFY_WITH_TIMEOUT(model.isSettled(), 10000);
        QCOMPARE(interrupted->load(), 1);
        QCOMPARE(started->load(), 1); // its count, queued behind, was skipped
        QCOMPARE(shown.size(), 1);
        QCOMPARE(model.query().filter, u"file00012"_s);
        QCOMPARE(model.rowCount(), 10);
        QTRY_COMPARE_WITH_TIMEOUT(source.pending(), 0, 10000);
        QVERIFY2(errors.isEmpty(), "the stopped query's failure reached the model");
    }

    // The search index is built in the background the first time an inventory is shown, and
    // searches answer the same before and after.
    void searchIndexBuiltInBackground()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.sqlite"_s);
        const auto imported = importInventory(path, m_vault, inventoryJson(m_archives));
        QVERIFY(imported.ok());
        const qint64 id = imported.value().id;
        QVERIFY(!searchIndexReady(path, id));

        InventoryDataSource source(CacheInventoryStore::factory(path));
        ArchiveTableModel model(source);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy ready(&source, &InventoryDataSource::searchIndexReady);
        QSignalSpy failed(&source, &InventoryDataSource::searchIndexFailed);
        QSignalSpy modelReady(&model, &ArchiveTableModel::searchIndexReady);
        model.setInventory(id);
        QVERIFY(source.isSearchIndexPending(id));
        // Searching does not wait for it.
        model.setFilter(u"FILE0001"_s);
        QTRY_VERIFY_WITH_TIMEOUT(model.isSettled(), 10000);
        QCOMPARE(model.rowCount(), 100); // file000100 … file000199 (of 3000)

        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 30000);
        QVERIFY(failed.isEmpty());
        QCOMPARE(ready.at(0).at(0).toLongLong(), id);
        QCOMPARE(ready.at(0).at(1).toBool(), true);
        QCOMPARE(modelReady.size(), 1);
        QVERIFY(!source.isSearchIndexPending(id));
        QVERIFY(searchIndexReady(path, id));

        model.setFilter(u"file0001"_s);
        QTRY_VERIFY_WITH_TIMEOUT(model.isSettled(), 10000);
        model.setFilter(u"FILE00012"_s);
        QTRY_VERIFY_WITH_TIMEOUT(model.isSettled(), 10000);
        QList<GeneratedArchive> expected;
        for (const GeneratedArchive &archive : std::as_const(m_archives)) {
            if (archive.description.contains(u"file00012"_s))
                expected.append(archive);
        }
        expected = sortedBy(expected, byName);
        QCOMPARE(model.rowCount(), expected.size());
        for (int r = 0; r < model.rowCount(); ++r) {
            QTRY_VERIFY_WITH_TIMEOUT(model.index(r, 0).data(ArchiveTableModel::LoadedRole).toBool(),
                                     10000);
            QCOMPARE(model.archiveAt(r)->archiveId, expected.at(r).archiveId);
        }

        // Shown again: there already, nothing is built.
        model.setInventory(0);
        model.setInventory(id);
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, 30000);
        QCOMPARE(ready.at(1).at(1).toBool(), false);
    }

    // Closing the view while the index is being built stops the build: the cache is left
    // usable, with the index whole or not at all, and the next opening builds it.
    void closedWhileIndexing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.sqlite"_s);
        const auto imported = importInventory(path, m_vault, inventoryJson(m_archives));
        QVERIFY(imported.ok());
        const qint64 id = imported.value().id;
        {
            InventoryDataSource source(CacheInventoryStore::factory(path));
            source.prepareSearchIndex(id);
        }
        inventory::InventoryReader reader(path);
        inventory::ArchiveQuery query;
        query.inventoryId = id;
        query.filter = u"file0001"_s;
        QCOMPARE(*reader.count(query), 100);

        InventoryDataSource source(CacheInventoryStore::factory(path));
        QSignalSpy ready(&source, &InventoryDataSource::searchIndexReady);
        source.prepareSearchIndex(id);
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 30000);
        QVERIFY(searchIndexReady(path, id));
    }

    void folderTree()
    {
        InventoryDataSource source(CacheInventoryStore::factory(m_cachePath));
        FolderTreeModel model(source);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setInventory(m_inventoryId);
        if (model.canFetchMore({})) // the tester may have asked already
            model.fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 7, 10000); // dir0 … dir6
        QTRY_VERIFY_WITH_TIMEOUT(model.isIdle(), 10000);
        QCOMPARE(model.rowCount(), 7); // no files at the root
        const QModelIndex dir3 = model.index(3, FolderTreeModel::Name);
        QCOMPARE(dir3.data().toString(), u"dir3"_s);
        QVERIFY(dir3.data(FolderTreeModel::IsFolderRole).toBool());
        int inDir3 = 0;
        int inDir3Sub1 = 0;
        qint64 sizeDir3Sub1 = 0;
        for (int i = 0; i < ArchiveCount; ++i) {
            if (i % 7 == 3) {
                ++inDir3;
                if (i % 3 == 1) {
                    ++inDir3Sub1;
                    sizeDir3Sub1 += m_archives.at(i).size;
                }
            }
        }
        QCOMPARE(model.index(3, FolderTreeModel::Archives).data(FolderTreeModel::RawValueRole)
                     .toLongLong(),
                 qint64(inDir3));
        QVERIFY(model.hasChildren(dir3));
        model.fetchMore(dir3);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(dir3), 3, 10000);
        const QModelIndex sub1 = model.index(1, FolderTreeModel::Name, dir3);
        QCOMPARE(sub1.data().toString(), u"sub1"_s);
        QCOMPARE(sub1.data(FolderTreeModel::PathRole).toString(), u"dir3/sub1"_s);
        QCOMPARE(model.index(1, FolderTreeModel::Size, dir3).data(FolderTreeModel::RawValueRole)
                     .toLongLong(),
                 sizeDir3Sub1);
        // Files come in batches as the view asks for more.
        while (model.rowCount(sub1) < inDir3Sub1) {
            QTRY_VERIFY_WITH_TIMEOUT(model.canFetchMore(sub1) || model.rowCount(sub1) == inDir3Sub1,
                                     10000);
            if (model.canFetchMore(sub1))
                model.fetchMore(sub1);
            QTRY_VERIFY_WITH_TIMEOUT(model.isIdle(), 10000);
        }
        QCOMPARE(model.rowCount(sub1), inDir3Sub1);
        QVERIFY(!model.canFetchMore(sub1));
        const QModelIndex firstFile = model.index(0, FolderTreeModel::Name, sub1);
        QVERIFY(!firstFile.data(FolderTreeModel::IsFolderRole).toBool());
        const auto archive = model.archiveAt(firstFile);
        QVERIFY(archive);
        QVERIFY(archive->path.startsWith(u"dir3/sub1/"_s));
        QCOMPARE(firstFile.data().toString(), archive->path.mid(10));

        // Another inventory: a new tree, old answers dropped.
        model.setInventory(m_olderId);
        if (model.canFetchMore({}))
            model.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(model.isIdle() && model.rowCount() > 0, 10000);
        qint64 files = 0;
        for (int r = 0; r < model.rowCount(); ++r)
            files += model.index(r, FolderTreeModel::Archives).data(FolderTreeModel::RawValueRole)
                         .toLongLong();
        QCOMPARE(files, 10LL);
    }

private:
    QTemporaryDir m_dir;
    QString m_cachePath;
    inventory::VaultKey m_vault{u"test"_s, u"us-east-1"_s, u"photos"_s};
    QList<GeneratedArchive> m_archives;
    qint64 m_inventoryId = 0;
    qint64 m_olderId = 0;
};

QTEST_MAIN(TestInventoryModels)
#include "tst_inventorymodels.moc"
