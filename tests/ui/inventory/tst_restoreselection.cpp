// Restore… on folders and on large selections: RestoreCollector reads every archive under the
// picked folders of a cached inventory in pages on the data source's worker thread (nested
// picks and files inside picked folders count once); the Restore dialog shows count and total
// size and plans a large restore on a worker thread; and the Inventory view, in folder mode,
// restores a whole folder (Initiate Job answered by a fake network) with the archives' decoded
// paths kept under the destination. InventoryRestoreController, what Restore… does without the
// view: collect, dialog, start; busy and cancelled states.
#include "fakenetwork.h"
#include "inventorytestsupport.h"

#include "ui/inventory/cacheinventorystore.h"
#include "ui/inventory/foldertreemodel.h"
#include "ui/inventory/inventorydatasource.h"
#include "ui/inventory/inventoryrestorecontroller.h"
#include "ui/inventory/inventoryview.h"
#include "ui/inventory/restoredialog.h"
#include "ui/inventory/restoreselection.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTreeView>

#include <atomic>
#include <memory>

using namespace thaw;
using namespace thaw::ui;
using namespace thaw::ui::test;
using namespace Qt::StringLiterals;

namespace {

const inventory::VaultKey kVault{u"test"_s, u"us-east-1"_s, u"photos"_s};

// name → size; ids are "id-<name>" with the slashes replaced.
const QList<std::pair<QString, qint64>> kFiles = {
    {u"photos/2019/a.jpg"_s, 100}, {u"photos/2019/b.jpg"_s, 200}, {u"photos/2020/c.jpg"_s, 400},
    {u"photos/d.jpg"_s, 800},      {u"docs/e.pdf"_s, 1600},       {u"notes.txt"_s, 3200},
};

GeneratedArchive archiveNamed(const QString &name, qint64 size)
{
    GeneratedArchive archive;
    archive.archiveId = u"id-"_s + QString(name).replace(u'/', u'-') + QString(120, u'x');
    archive.description = name;
    archive.size = size;
    archive.creationDate = u"2026-01-15T10:00:00Z"_s;
    archive.treeHash = QString(64, u'a');
    return archive;
}

inventory::ArchiveRow rowNamed(const QString &name)
{
    for (const auto &[file, size] : kFiles) {
        if (file == name) {
            inventory::ArchiveRow row;
            const GeneratedArchive archive = archiveNamed(file, size);
            row.archiveId = archive.archiveId;
            row.path = file;
            row.size = size;
            return row;
        }
    }
    return {};
}

QStringList sortedPaths(const QList<inventory::ArchiveRow> &archives)
{
    QStringList paths;
    for (const inventory::ArchiveRow &archive : archives)
        paths.append(archive.path);
    paths.sort();
    return paths;
}

// One GlacierClient on a fake network that accepts every Initiate Job with a new job id.
class FakeClients final : public ClientProvider
{
public:
    FakeClients()
    {
        m_network.setHandler([this](const thaw::test::CapturedRequest &request) {
            const QByteArray id = "job-" + QByteArray::number(++m_jobs);
            return thaw::test::FakeResponse::json(202, "{}")
                .header("x-amz-job-id", id)
                .header("Location", request.url.path().toUtf8() + '/' + id);
        });
        m_client = std::make_unique<glacier::GlacierClient>(
            &m_network, QUrl(u"http://127.0.0.1:1"_s), kVault.region,
            aws::Credentials(u"AKIDEXAMPLE"_s, u"secret"_s), glacier::GlacierClient::Options{});
    }
    glacier::GlacierClient *client(const QString &account, const QString &region) override
    {
        return account == kVault.account && region == kVault.region ? m_client.get() : nullptr;
    }
    QString errorString(const QString &account, const QString &) const override
    {
        return u"No account named %1"_s.arg(account);
    }
    const QList<thaw::test::CapturedRequest> &requests() const { return m_network.requests(); }

private:
    thaw::test::FakeNetworkAccessManager m_network;
    std::unique_ptr<glacier::GlacierClient> m_client;
    int m_jobs = 0;
};

} // namespace

// The top-level row of the folder tree named `name`; invalid when there is none.
static QModelIndex topLevelRow(const FolderTreeModel *model, const QString &name)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == name)
            return model->index(row, 0);
    }
    return {};
}

class TestRestoreSelection final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_cachePath;
    qint64 m_inventoryId = 0;

    // Collects and waits: false when no answer came.
    static bool collect(InventoryDataSource &source, qint64 inventoryId,
                        const QList<inventory::ArchiveRow> &picked, const QStringList &folders,
                        QList<inventory::ArchiveRow> *found, QString *error)
    {
        RestoreCollector collector(source);
        QSignalSpy finished(&collector, &RestoreCollector::finished);
        collector.collect(inventoryId, picked, folders);
        if (finished.isEmpty() && !finished.wait(30000))
            return false;
        if (collector.isRunning() || finished.size() != 1)
            return false;
        *found = finished.constFirst().at(0).value<QList<inventory::ArchiveRow>>();
        *error = finished.constFirst().at(1).toString();
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_cachePath = m_dir.filePath(u"cache.sqlite"_s);
        QList<GeneratedArchive> archives;
        for (const auto &[name, size] : kFiles)
            archives.append(archiveNamed(name, size));
        const auto imported = importInventory(m_cachePath, kVault, inventoryJson(archives));
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        m_inventoryId = imported.value().id;
    }

    void outermostFolders_data()
    {
        QTest::addColumn<QStringList>("folders");
        QTest::addColumn<QStringList>("outermost");
        QTest::newRow("none") << QStringList{} << QStringList{};
        QTest::newRow("siblings") << QStringList{u"a"_s, u"b"_s} << QStringList{u"a"_s, u"b"_s};
        QTest::newRow("nested") << QStringList{u"a/b"_s, u"a"_s, u"a/b/c"_s} << QStringList{u"a"_s};
        QTest::newRow("a prefix is not a parent")
            << QStringList{u"ab"_s, u"a"_s} << QStringList{u"ab"_s, u"a"_s};
        QTest::newRow("twice") << QStringList{u"a"_s, u"a"_s} << QStringList{u"a"_s};
    }
    void outermostFolders()
    {
        QFETCH(QStringList, folders);
        QFETCH(QStringList, outermost);
        QCOMPARE(RestoreCollector::outermostFolders(folders), outermost);
    }

    void collects_data()
    {
        QTest::addColumn<QStringList>("picked");  // archives picked one by one
        QTest::addColumn<QStringList>("folders"); // folders picked
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("a folder and its subfolders")
            << QStringList{} << QStringList{u"photos"_s}
            << QStringList{u"photos/2019/a.jpg"_s, u"photos/2019/b.jpg"_s, u"photos/2020/c.jpg"_s,
                           u"photos/d.jpg"_s}
            << qint64(1500);
        QTest::newRow("nested picks count once")
            << QStringList{} << QStringList{u"photos/2019"_s, u"photos"_s}
            << QStringList{u"photos/2019/a.jpg"_s, u"photos/2019/b.jpg"_s, u"photos/2020/c.jpg"_s,
                           u"photos/d.jpg"_s}
            << qint64(1500);
        QTest::newRow("files, one inside a picked folder")
            << QStringList{u"photos/2019/a.jpg"_s, u"notes.txt"_s} << QStringList{u"photos/2019"_s}
            << QStringList{u"notes.txt"_s, u"photos/2019/a.jpg"_s, u"photos/2019/b.jpg"_s}
            << qint64(3500);
        QTest::newRow("two folders")
            << QStringList{} << QStringList{u"photos/2020"_s, u"docs"_s}
            << QStringList{u"docs/e.pdf"_s, u"photos/2020/c.jpg"_s} << qint64(2000);
        QTest::newRow("a folder the inventory lacks")
            << QStringList{} << QStringList{u"nowhere"_s} << QStringList{} << qint64(0);
        QTest::newRow("files only") << QStringList{u"docs/e.pdf"_s} << QStringList{}
                                    << QStringList{u"docs/e.pdf"_s} << qint64(1600);
    }
    void collects()
    {
        QFETCH(QStringList, picked);
        QFETCH(QStringList, folders);
        QFETCH(QStringList, expected);
        QFETCH(qint64, bytes);
        InventoryDataSource source(CacheInventoryStore::factory(m_cachePath));
        QList<inventory::ArchiveRow> pickedRows;
        for (const QString &name : picked)
            pickedRows.append(rowNamed(name));
        QString error;
        QList<inventory::ArchiveRow> found;
        QVERIFY(collect(source, m_inventoryId, pickedRows, folders, &found, &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(sortedPaths(found), expected);
        qint64 total = 0;
        for (const inventory::ArchiveRow &archive : found)
            total += archive.size;
        QCOMPARE(total, bytes);
    }

    // More archives in one folder than a page, names repeated (in either case) across the page
    // boundaries: every page is read, each archive comes exactly once, progress counts up.
    void collectsPageByPage()
    {
        QTemporaryDir dir;
        const QString cache = dir.filePath(u"big.sqlite"_s);
        constexpr int Count = RestoreCollector::PageSize * 2 + 17;
        QList<GeneratedArchive> archives;
        qint64 expectedBytes = 0;
        for (int i = 0; i < Count; ++i) {
            GeneratedArchive archive = generatedArchive(i);
            archive.description = (i % 2 ? u"big/file%1.dat"_s : u"big/FILE%1.dat"_s)
                                      .arg(i % 1000, 6, 10, QChar(u'0'));
            expectedBytes += archive.size;
            archives.append(archive);
        }
        archives.append(archiveNamed(u"elsewhere.txt"_s, 5));
        const auto imported = importInventory(cache, kVault, inventoryJson(archives));
        QVERIFY(imported.ok());
        InventoryDataSource source(CacheInventoryStore::factory(cache));
        RestoreCollector collector(source);
        QSignalSpy progress(&collector, &RestoreCollector::progress);
        QSignalSpy finished(&collector, &RestoreCollector::finished);
        collector.collect(imported.value().id, {}, {u"big"_s});
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.constFirst().at(1).toString(), QString());
        const auto found = finished.constFirst().at(0).value<QList<inventory::ArchiveRow>>();
        QCOMPARE(found.size(), Count);
        QSet<QString> ids;
        for (const inventory::ArchiveRow &archive : found)
            ids.insert(archive.archiveId);
        QCOMPARE(ids.size(), Count);
        QCOMPARE(progress.size(), 3); // three pages
        QCOMPARE(progress.constLast().at(0).toLongLong(), qint64(Count));
        QCOMPARE(progress.constLast().at(1).toLongLong(), expectedBytes);
    }

    // Keyset paging of a folder: pages of three over names that repeat (and differ only in
    // case) give every archive of the folder exactly once, by name, and nothing from elsewhere;
    // the position-based default of InventoryStore gives the same rows.
    void folderFilesPagesByCursor()
    {
        QTemporaryDir dir;
        const QString cache = dir.filePath(u"keyset.sqlite"_s);
        QList<GeneratedArchive> archives;
        const QStringList names{u"same.dat"_s, u"a.dat"_s, u"SAME.dat"_s, u"same.dat"_s,
                                u"z.dat"_s,    u"Same.dat"_s, u"same.dat"_s, u"b.dat"_s,
                                u"same.dat"_s, u"same.dat"_s, u"same.dat"_s};
        QSet<QString> expected;
        for (int i = 0; i < names.size(); ++i) {
            GeneratedArchive archive = generatedArchive(i);
            archive.description = u"dir/"_s + names.at(i);
            expected.insert(archive.archiveId);
            archives.append(archive);
        }
        GeneratedArchive outside = generatedArchive(names.size());
        outside.description = u"dir/sub/same.dat"_s;
        archives.append(outside);
        const auto imported = importInventory(cache, kVault, inventoryJson(archives));
        QVERIFY(imported.ok());
        const qint64 id = imported.value().id;

        struct ByPosition final : InventoryStore
        {
            std::unique_ptr<InventoryStore> inner;
            Fetched<QList<inventory::InventorySummary>> inventories(const VaultRef &v) override
            {
                return inner->inventories(v);
            }
            Fetched<qint64> count(const inventory::ArchiveQuery &q) override
            {
                return inner->count(q);
            }
            Fetched<QList<inventory::ArchiveRow>> page(const inventory::ArchiveQuery &q,
                                                       qint64 offset, int limit) override
            {
                return inner->page(q, offset, limit);
            }
            Fetched<QList<inventory::FolderEntry>> subfolders(qint64 inventoryId,
                                                              const QString &folder) override
            {
                return inner->subfolders(inventoryId, folder);
            }
        };
        std::unique_ptr<InventoryStore> cursorStore = CacheInventoryStore::factory(cache)();
        ByPosition positionStore;
        positionStore.inner = CacheInventoryStore::factory(cache)();
        QStringList orders[2];
        for (int which = 0; which < 2; ++which) {
            InventoryStore &store = which == 0 ? *cursorStore : positionStore;
            std::optional<inventory::FolderCursor> cursor;
            QStringList seen;
            for (int pages = 0; pages < 10; ++pages) {
                const Fetched<inventory::FolderFiles> files
                    = store.folderFiles(id, u"dir"_s, cursor, 3);
                QVERIFY2(files.ok(), qPrintable(files.error));
                for (const inventory::ArchiveRow &row : files.value->rows) {
                    QVERIFY2(!seen.contains(row.archiveId), qPrintable(row.archiveId));
                    seen.append(row.archiveId);
                    if (seen.size() > 1)
                        QVERIFY(orders[which].constLast().compare(row.fileName,
                                                                  Qt::CaseInsensitive) <= 0);
                    orders[which].append(row.fileName);
                }
                QCOMPARE(files.value->next.position, qint64(seen.size()));
                if (files.value->rows.size() < 3)
                    break;
                cursor = files.value->next;
            }
            QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()), expected);
            QCOMPARE(seen.size(), expected.size());
        }
        QCOMPARE(orders[0].join(u'|').toLower(), orders[1].join(u'|').toLower());
    }

    // A cancelled collection never answers; a new one starts over.
    void cancelAndStartOver()
    {
        InventoryDataSource source(CacheInventoryStore::factory(m_cachePath));
        RestoreCollector collector(source);
        QSignalSpy finished(&collector, &RestoreCollector::finished);
        collector.collect(m_inventoryId, {}, {u"photos"_s});
        collector.cancel();
        QVERIFY(!collector.isRunning());
        collector.collect(m_inventoryId, {}, {u"docs"_s});
        QVERIFY(finished.wait(30000));
        QTRY_COMPARE(source.pending(), 0);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(sortedPaths(finished.constFirst().at(0).value<QList<inventory::ArchiveRow>>()),
                 QStringList{u"docs/e.pdf"_s});
    }

    // More archives than the dialog plans at once: planned on a worker thread, Start enabled
    // then; the count and total size and what such a restore means are shown.
    void largeRestoreDialog()
    {
        QTemporaryDir destination;
        constexpr int Count = RestoreDialog::SyncPlanLimit + 500;
        QList<inventory::ArchiveRow> archives;
        for (int i = 0; i < Count; ++i) {
            inventory::ArchiveRow row;
            row.archiveId = u"id%1"_s.arg(i);
            row.path = u"dir%1/file%2.dat"_s.arg(i % 10).arg(i);
            row.size = 1000;
            archives.append(row);
        }
        RestoreDialog dialog(archives, destination.path());
        QSignalSpy planned(&dialog, &RestoreDialog::planned);
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(dialog.isPlanning());
        QVERIFY(!ok->isEnabled());
        QVERIFY(planned.wait(30000));
        QVERIFY(!dialog.isPlanning());
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.plan().items.size(), Count);
        const QString base = QDir(destination.path()).canonicalPath() + u'/';
        QCOMPARE(dialog.plan().items.constFirst().outPath, base + u"dir0/file0.dat"_s);
        QCOMPARE(dialog.plan().items.constLast().outPath,
                 base + u"dir%1/file%2.dat"_s.arg((Count - 1) % 10).arg(Count - 1));
        const QString summary = dialog.findChild<QLabel *>(u"summaryLabel"_s)->text();
        QVERIFY2(summary.contains(QLocale().toString(Count)), qPrintable(summary));
        QVERIFY2(summary.contains(QLocale().formattedDataSize(qint64(Count) * 1000)),
                 qPrintable(summary));
        auto *note = dialog.findChild<QLabel *>(u"largeRestoreNote"_s);
        QVERIFY(note);
        if (const QString shots = qEnvironmentVariable("THAW_SCREENSHOT_DIR"); !shots.isEmpty()) {
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.grab().save(QDir(shots).filePath(u"restore-large.png"_s));
        }
        QVERIFY2(note->text().contains(u"24 hours"_s), qPrintable(note->text()));

        // A new destination while planning: only the latest plan counts.
        QTemporaryDir other;
        dialog.findChild<QLineEdit *>(u"destinationEdit"_s)->setText(u"/no/such/folder"_s);
        dialog.findChild<QLineEdit *>(u"destinationEdit"_s)->setText(other.path());
        QVERIFY(dialog.isPlanning());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPlanning(), 30000);
        QCOMPARE(dialog.plan().items.size(), Count);
        QVERIFY(dialog.plan().items.constFirst().outPath.startsWith(
            QDir(other.path()).canonicalPath() + u'/'));
        QVERIFY(ok->isEnabled());

        // A small restore plans at once and carries no note.
        RestoreDialog small(archives.mid(0, 3), destination.path());
        QVERIFY(!small.isPlanning());
        QCOMPARE(small.plan().items.size(), 3);
        QVERIFY(!small.findChild<QLabel *>(u"largeRestoreNote"_s));
    }

    // Names that would make one download overwrite or block another get a new one: the same
    // name in another case, a tagged name another archive already has, a file where another
    // archive needs a folder (either order).
    void planRestoreNames_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("ids");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("distinct") << QStringList{u"a/b.txt"_s, u"a/c.txt"_s}
                                  << QStringList{u"ID1"_s, u"ID2"_s}
                                  << QStringList{u"a/b.txt"_s, u"a/c.txt"_s};
        QTest::newRow("same name, other case")
            << QStringList{u"x.txt"_s, u"X.TXT"_s} << QStringList{u"AAAAAAAAA1"_s, u"BBBBBBBBB2"_s}
            << QStringList{u"x.txt"_s, u"X-BBBBBBBB.TXT"_s};
        QTest::newRow("tagged name taken")
            << QStringList{u"f.txt"_s, u"f-AAAAAAAA.txt"_s, u"f.txt"_s}
            << QStringList{u"AAAAAAAAA1"_s, u"CCCCCCCCC3"_s, u"AAAAAAAAA2"_s}
            << QStringList{u"f.txt"_s, u"f-AAAAAAAA.txt"_s, u"f-AAAAAAAAA2.txt"_s};
        QTest::newRow("file, then a file below it")
            << QStringList{u"a/b"_s, u"a/b/c"_s} << QStringList{u"AAAAAAAAA1"_s, u"BBBBBBBBB2"_s}
            << QStringList{u"a/b"_s, u"BBBBBBBBB2"_s};
        QTest::newRow("file below, then the folder as a file")
            << QStringList{u"a/b/c"_s, u"A/B"_s} << QStringList{u"AAAAAAAAA1"_s, u"BBBBBBBBB2"_s}
            << QStringList{u"a/b/c"_s, u"A/B-BBBBBBBB"_s};
    }

    void planRestoreNames()
    {
        QFETCH(QStringList, names);
        QFETCH(QStringList, ids);
        QFETCH(QStringList, expected);
        QTemporaryDir destination;
        QList<inventory::ArchiveRow> archives;
        for (int i = 0; i < names.size(); ++i) {
            inventory::ArchiveRow row;
            row.path = names.at(i);
            row.archiveId = ids.at(i);
            archives.append(row);
        }
        const RestorePlan plan = planRestore(archives, destination.path());
        QVERIFY2(plan.ok(), qPrintable(plan.error));
        const QString base = QDir(destination.path()).canonicalPath() + u'/';
        QStringList got;
        for (const RestoreItem &item : plan.items) {
            QVERIFY(item.outPath.startsWith(base));
            got.append(item.outPath.mid(base.size()));
        }
        QCOMPARE(got, expected);
        // Independently of the expected names: no path equals another or lies below another.
        for (const QString &a : got) {
            for (const QString &b : got) {
                if (&a == &b)
                    continue;
                QVERIFY2(a.compare(b, Qt::CaseInsensitive) != 0, qPrintable(a));
                QVERIFY2(!b.startsWith(a + u'/', Qt::CaseInsensitive), qPrintable(a + u" "_s + b));
            }
        }
    }

    void planRestoreStopsWhenCancelled()
    {
        QTemporaryDir destination;
        inventory::ArchiveRow row;
        row.path = u"a.txt"_s;
        row.archiveId = u"ID"_s;
        const std::atomic<bool> cancelled{true};
        const RestorePlan plan = planRestore({row, row}, destination.path(), &cancelled);
        QVERIFY(plan.cancelled);
        QVERIFY(!plan.ok());
        QVERIFY(plan.items.isEmpty());
        const std::atomic<bool> wanted{false};
        QCOMPARE(planRestore({row}, destination.path(), &wanted).items.size(), 1);
    }

    // Typing in the destination field plans once the typing pauses, and a newer destination
    // cancels the plan already handed to the worker: with the thread pool busy, the stale plan
    // is queued behind the blockers, and when it gets a thread it ends at once, cancelled.
    void staleLargePlanIsCancelled()
    {
        QTemporaryDir destination;
        QTemporaryDir other;
        QList<inventory::ArchiveRow> archives;
        for (int i = 0; i < RestoreDialog::SyncPlanLimit + 1; ++i) {
            inventory::ArchiveRow row;
            row.archiveId = u"id%1"_s.arg(i);
            row.path = u"file%1.dat"_s.arg(i);
            archives.append(row);
        }
        QThreadPool *pool = QThreadPool::globalInstance();
        const int blockers = pool->maxThreadCount();
        QSemaphore started;
        QSemaphore release;
        for (int i = 0; i < blockers; ++i) {
            pool->start([&] {
                started.release();
                release.acquire();
            });
        }
        started.acquire(blockers);
        struct Unblock
        {
            QSemaphore &release;
            int count;
            ~Unblock() { release.release(count); }
        } unblock{release, blockers};

        RestoreDialog dialog(archives, destination.path());
        QCOMPARE(dialog.plansStarted(), 1); // the first plan starts without waiting
        auto *edit = dialog.findChild<QLineEdit *>(u"destinationEdit"_s);
        // Keystrokes in a row: one plan, for the last text, once the typing pauses.
        edit->setText(other.path() + u"/x"_s);
        edit->setText(u"/no/such/folder"_s);
        edit->setText(other.path());
        QVERIFY(dialog.isPlanning());
        QTRY_COMPARE_WITH_TIMEOUT(dialog.plansStarted(), 2, 10000);
        QCOMPARE(dialog.plansCancelled(), 0); // still queued behind the blockers
        release.release(blockers);
        unblock.count = 0;
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPlanning(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.plansCancelled(), 1, 10000);
        QCOMPARE(dialog.plansStarted(), 2);
        QCOMPARE(dialog.plan().items.size(), archives.size());
        QVERIFY(dialog.plan().items.constFirst().outPath.startsWith(
            QDir(other.path()).canonicalPath() + u'/'));
        pool->waitForDone();
    }

    // Folder mode: the "photos" folder selected, Restore… collects its four archives, the
    // dialog opens with them, and Start makes one Initiate Job per archive, each download
    // going to the decoded path under the destination.
    void restoresAFolderFromTheTree()
    {
        QTemporaryDir destination;
        FakeClients clients;
        QList<std::pair<QString, QString>> queued; // job id, path
        InventoryView view(
            clients,
            [&](const VaultRef &, const QString &jobId, const QString &outPath) {
                queued.append({jobId, outPath});
            },
            m_cachePath);
        QAbstractItemModelTester tester(view.folderModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setRestoreFolder(destination.path());
        view.resize(1000, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setVault(VaultRef{kVault.account, kVault.region, kVault.vault});
        QTRY_VERIFY_WITH_TIMEOUT(view.currentInventoryId() == m_inventoryId, 10000);
        view.setMode(InventoryView::Mode::Folders);
        FolderTreeModel *model = view.folderModel();
        QTRY_VERIFY_WITH_TIMEOUT(model->isIdle() && model->rowCount() >= 3, 10000);
        const QModelIndex photos = topLevelRow(model, u"photos"_s);
        QVERIFY(photos.isValid());
        QTreeView *tree = view.folderView();
        const QRect rect = tree->visualRect(photos);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(tree->selectionModel()->selectedRows().size(), 1);
        auto *restore = view.findChild<QPushButton *>(u"restoreButton"_s);
        QVERIFY(restore->isEnabled());
        QTest::mouseClick(restore, Qt::LeftButton);

        RestoreDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = view.findChild<RestoreDialog *>(u"restoreDialog"_s))
                                     && dialog->isVisible(),
                                 10000);
        QVERIFY(!view.isCollectingRestore());
        QCOMPARE(dialog->plan().items.size(), 4);
        QVERIFY(dialog->findChild<QLabel *>(u"summaryLabel"_s)->text().contains(u"4 archives"_s));
        QSignalSpy started(&view, &InventoryView::restoreStarted);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QVERIFY(started.wait(30000));
        QCOMPARE(started.constFirst().at(0).toInt(), 4);
        QCOMPARE(started.constFirst().at(1).toInt(), 0);
        QStringList paths;
        for (const auto &[jobId, path] : std::as_const(queued))
            paths.append(path);
        paths.sort();
        const QString base = QDir(destination.path()).canonicalPath() + u'/';
        QCOMPARE(paths, (QStringList{base + u"photos/2019/a.jpg"_s, base + u"photos/2019/b.jpg"_s,
                                     base + u"photos/2020/c.jpg"_s, base + u"photos/d.jpg"_s}));
        int initiated = 0;
        for (const auto &request : clients.requests()) {
            if (request.method == "POST" && request.url.path().endsWith(u"/jobs"_s))
                ++initiated;
        }
        QCOMPARE(initiated, 4);
    }

    // Another vault while Restore… collects a folder: the collection is cancelled at once (the
    // button works again) and its handler is disconnected, so the next collection opens one
    // dialog, not one per Restore… ever clicked.
    void vaultChangeCancelsTheCollection()
    {
        QTemporaryDir destination;
        FakeClients clients;
        InventoryView view(clients, [](const VaultRef &, const QString &, const QString &) {},
                           m_cachePath);
        view.setRestoreFolder(destination.path());
        view.resize(1000, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const VaultRef vault{kVault.account, kVault.region, kVault.vault};
        auto *restore = view.findChild<QPushButton *>(u"restoreButton"_s);
        const auto pickPhotos = [&] {
            QTRY_VERIFY_WITH_TIMEOUT(view.currentInventoryId() == m_inventoryId, 10000);
            view.setMode(InventoryView::Mode::Folders);
            FolderTreeModel *model = view.folderModel();
            QTRY_VERIFY_WITH_TIMEOUT(model->isIdle() && model->rowCount() >= 3, 10000);
            const QModelIndex photos = topLevelRow(model, u"photos"_s);
            QVERIFY(photos.isValid());
            QTreeView *tree = view.folderView();
            tree->selectionModel()->select(photos, QItemSelectionModel::ClearAndSelect
                                                       | QItemSelectionModel::Rows);
            QTRY_VERIFY(restore->isEnabled());
        };
        view.setVault(vault);
        pickPhotos();
        if (QTest::currentTestFailed())
            return;
        view.restoreSelected();
        QVERIFY(view.isCollectingRestore());
        view.setVault(VaultRef{kVault.account, kVault.region, u"elsewhere"_s});
        QVERIFY(!view.isCollectingRestore());

        view.setVault(vault);
        pickPhotos();
        if (QTest::currentTestFailed())
            return;
        view.restoreSelected();
        RestoreDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = view.findChild<RestoreDialog *>(u"restoreDialog"_s))
                                     && dialog->isVisible(),
                                 10000);
        QCOMPARE(dialog->plan().items.size(), 4);
        QTRY_VERIFY(!view.isCollectingRestore());
        QCOMPARE(view.findChildren<RestoreDialog *>().size(), 1);
    }

    // The controller alone: a picked archive plus a folder are collected (status lines on the
    // way), the dialog opens on the parent widget with all of them, and accepting it starts one
    // job per archive and queues each download.
    void controllerCollectsThenStarts()
    {
        QTemporaryDir destination;
        FakeClients clients;
        QWidget parent;
        InventoryDataSource source(CacheInventoryStore::factory(m_cachePath));
        QStringList queued;
        InventoryRestoreController controller(
            clients, source,
            [&](const VaultRef &, const QString &, const QString &outPath) {
                queued.append(outPath);
            },
            &parent);
        controller.setRestoreFolder(destination.path());
        QSignalSpy status(&controller, &InventoryRestoreController::statusChanged);
        QSignalSpy started(&controller, &InventoryRestoreController::restoreStarted);

        // No vault yet: nothing happens.
        controller.restore({rowNamed(u"notes.txt"_s)}, {});
        QVERIFY(!controller.isBusy());
        QVERIFY(!parent.findChild<RestoreDialog *>());

        controller.setInventory(VaultRef{kVault.account, kVault.region, kVault.vault},
                                m_inventoryId);
        controller.restore({rowNamed(u"notes.txt"_s)}, {u"photos/2019"_s, u"docs"_s});
        QVERIFY(controller.isCollecting());
        QVERIFY(controller.isBusy());
        QCOMPARE(status.constFirst().at(0).toString(),
                 u"Collecting the selected folders' archives…"_s);
        // Busy: a second Restore… is ignored.
        controller.restore({rowNamed(u"photos/d.jpg"_s)}, {});

        RestoreDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = parent.findChild<RestoreDialog *>(u"restoreDialog"_s)),
                                 10000);
        QVERIFY(!controller.isCollecting());
        QCOMPARE(parent.findChildren<RestoreDialog *>().size(), 1);
        // While the dialog is open, the status line says what was collected, not "so far".
        QVERIFY2(status.constLast().at(0).toString().startsWith(
                     u"The selection holds 4 archives, "_s),
                 qPrintable(status.constLast().at(0).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPlanning(), 10000);
        QCOMPARE(dialog->plan().items.size(), 4);
        dialog->accept();
        QVERIFY(controller.isStarting());
        QVERIFY(status.constLast().at(0).toString().startsWith(u"Starting 4 retrieval jobs"_s));
        QVERIFY(started.wait(30000));
        QCOMPARE(started.constFirst().at(0).toInt(), 4);
        QCOMPARE(started.constFirst().at(1).toInt(), 0);
        QVERIFY(!controller.isBusy());
        QCOMPARE(status.constLast().at(0).toString(),
                 u"4 retrieval jobs started; their downloads are queued."_s);
        queued.sort();
        const QString base = QDir(destination.path()).canonicalPath() + u'/';
        QCOMPARE(queued, (QStringList{base + u"docs/e.pdf"_s, base + u"notes.txt"_s,
                                      base + u"photos/2019/a.jpg"_s,
                                      base + u"photos/2019/b.jpg"_s}));
        // The folders of the decoded paths exist, so that the downloads can open their files.
        QVERIFY(QFileInfo(base + u"docs"_s).isDir());
        QVERIFY(QFileInfo(base + u"photos/2019"_s).isDir());
        // The destination accepted is the one proposed next time.
        QCOMPARE(QDir(controller.restoreFolder()).canonicalPath(),
                 QDir(destination.path()).canonicalPath());
    }

    // The dialog first proposes the Downloads folder, or the home folder when there is none
    // (the dialog accepts only an existing folder: a missing ~/Downloads left Start disabled).
    void controllerProposesAnExistingFolder()
    {
        QTemporaryDir home;
        const QByteArray oldHome = qgetenv("HOME");
        const QByteArray oldConfig = qgetenv("XDG_CONFIG_HOME"); // user-dirs.dirs lives there
        qputenv("HOME", QFile::encodeName(home.path()));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(u".config"_s)));
        const auto restore = qScopeGuard([&] {
            qputenv("HOME", oldHome);
            if (oldConfig.isNull())
                qunsetenv("XDG_CONFIG_HOME");
            else
                qputenv("XDG_CONFIG_HOME", oldConfig);
        });
        FakeClients clients;
        InventoryDataSource source(CacheInventoryStore::factory(m_cachePath));
        const auto folderProposed = [&] {
            InventoryRestoreController controller(
                clients, source, [](const VaultRef &, const QString &, const QString &) {},
                nullptr);
            return QDir(controller.restoreFolder()).canonicalPath();
        };
        QCOMPARE(folderProposed(), QDir(home.path()).canonicalPath());
        QVERIFY(QDir(home.path()).mkdir(u"Downloads"_s));
        QCOMPARE(folderProposed(), QDir(home.filePath(u"Downloads"_s)).canonicalPath());
    }

    // The destination is gone by the time Glacier accepts the jobs (an unplugged drive): no
    // folder is created anywhere, each job is reported, and its download is still queued.
    void controllerCreatesNoFoldersWhenTheDestinationIsGone()
    {
        QTemporaryDir parentDir;
        const QString destination = parentDir.filePath(u"drive"_s);
        QVERIFY(QDir().mkpath(destination));
        FakeClients clients;
        QWidget parent;
        InventoryDataSource source(CacheInventoryStore::factory(m_cachePath));
        QStringList queued;
        InventoryRestoreController controller(
            clients, source,
            [&](const VaultRef &, const QString &, const QString &outPath) {
                queued.append(outPath);
            },
            &parent);
        controller.setRestoreFolder(destination);
        QSignalSpy errors(&controller, &InventoryRestoreController::errorOccurred);
        QSignalSpy started(&controller, &InventoryRestoreController::restoreStarted);
        controller.setInventory(VaultRef{kVault.account, kVault.region, kVault.vault},
                                m_inventoryId);
        controller.restore({}, {u"photos/2019"_s});
        RestoreDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = parent.findChild<RestoreDialog *>(u"restoreDialog"_s)),
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPlanning(), 10000);
        QCOMPARE(dialog->plan().items.size(), 2);
        dialog->accept();
        QVERIFY(QDir(destination).removeRecursively()); // before any Initiate Job is answered
        QVERIFY(started.wait(30000));
        QCOMPARE(started.constFirst().at(0).toInt(), 2);
        QCOMPARE(queued.size(), 2);
        QCOMPARE(errors.size(), 2);
        QVERIFY2(errors.constFirst().at(0).toString().contains(u"no longer exists"_s),
                 qPrintable(errors.constFirst().at(0).toString()));
        QVERIFY(!QFileInfo::exists(destination));
    }

    // Folders that hold nothing end with a status line and no dialog; another inventory while
    // collecting drops the collection (status cleared, not busy) and no dialog follows it.
    void controllerEmptyAndCancelledCollections()
    {
        QTemporaryDir destination;
        FakeClients clients;
        QWidget parent;
        InventoryDataSource source(CacheInventoryStore::factory(m_cachePath));
        InventoryRestoreController controller(
            clients, source, [](const VaultRef &, const QString &, const QString &) {}, &parent);
        controller.setRestoreFolder(destination.path());
        QSignalSpy status(&controller, &InventoryRestoreController::statusChanged);
        QSignalSpy busy(&controller, &InventoryRestoreController::busyChanged);
        const VaultRef vault{kVault.account, kVault.region, kVault.vault};
        controller.setInventory(vault, m_inventoryId);

        controller.restore({}, {u"no/such/folder"_s});
        QTRY_VERIFY_WITH_TIMEOUT(!controller.isCollecting(), 10000);
        QCOMPARE(status.constLast().at(0).toString(), u"The selected folders hold no archives."_s);
        QVERIFY(!parent.findChild<RestoreDialog *>());

        busy.clear();
        controller.restore({}, {u"photos"_s});
        QVERIFY(controller.isCollecting());
        QCOMPARE(busy.size(), 1);
        controller.setInventory(vault, m_inventoryId); // the same one: the collection goes on
        QVERIFY(controller.isCollecting());
        controller.setInventory(vault, m_inventoryId + 1000);
        QVERIFY(!controller.isCollecting());
        QCOMPARE(busy.size(), 2);
        QCOMPARE(status.constLast().at(0).toString(), QString());

        // The next collection opens exactly one dialog: the dropped one's handler is gone.
        controller.setInventory(vault, m_inventoryId);
        controller.restore({}, {u"photos"_s});
        RestoreDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = parent.findChild<RestoreDialog *>(u"restoreDialog"_s)),
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPlanning(), 10000);
        QCOMPARE(dialog->plan().items.size(), 4);
        QCoreApplication::processEvents();
        QCOMPARE(parent.findChildren<RestoreDialog *>().size(), 1);
        dialog->reject();
    }
};

QTEST_MAIN(TestRestoreSelection)
#include "tst_restoreselection.moc"
