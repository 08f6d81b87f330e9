// The Inventory view as a user drives it, offscreen, with QTest keys and mouse clicks: a cached
// inventory of a thaw-emulator vault (archives uploaded to the emulator, their inventory
// generated here and imported through the core importer into a temporary cache), search, sort,
// folder mode, a multi-select restore whose Initiate Job calls reach the emulator with the
// right parameters, a ranged restore, Request inventory, and a CSV export compared byte for
// byte. Every model of the view is under QAbstractItemModelTester for the whole test.
#include "emulatorprocess.h"
#include "inventorytestsupport.h"

#include "ui/inventory/archivetablemodel.h"
#include "ui/inventory/foldertreemodel.h"
#include "ui/inventory/inventorylistmodel.h"
#include "ui/inventory/inventoryrequestdialog.h"
#include "ui/inventory/inventoryview.h"
#include "ui/inventory/restoredialog.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <memory>

using namespace thaw;
using namespace thaw::ui;
using namespace thaw::ui::test;
using namespace Qt::StringLiterals;

namespace {

struct Queued
{
    VaultRef vault;
    QString jobId;
    QString outPath;
};

template<typename T, typename Start>
std::optional<glacier::Result<T>> waitFor(Start start)
{
    std::optional<glacier::Result<T>> out;
    start([&out](glacier::Result<T> result) { out.emplace(std::move(result)); });
    (void)QTest::qWaitFor([&out] { return out.has_value(); }, 30000);
    return out;
}

QByteArray pattern(qint64 size, int seed)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        data[i] = char((i * 31 + seed * 7) % 251);
    return data;
}

void clickRow(QTreeView *view, int row, Qt::KeyboardModifiers modifiers = {})
{
    const QModelIndex index = view->model()->index(row, 0);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers,
                      view->visualRect(index).center());
}

// With THAW_SCREENSHOT_DIR set (run under Xvfb for real fonts), saves what the user sees.
void shoot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("THAW_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents();
    widget->grab().save(QDir(dir).filePath(name + u".png"_s));
}

QPushButton *okButton(QDialog *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

} // namespace

class TestInventoryView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void opensSearchesAndSorts();
    void folderMode();
    void restoresSelectedArchives();
    void restoresARange();
    void requestsAnInventory();
    void exportsCsvWithProgress();

private:
    int rowOfName(const QString &name) const;

    EmulatorProcess m_emulator;
    QTemporaryDir m_dir;
    QString m_cachePath;
    std::unique_ptr<EmulatorClients> m_clients;
    QList<GeneratedArchive> m_archives;
    VaultRef m_vault{u"test"_s, u"us-east-1"_s, u"photos"_s};
    QList<Queued> m_queued;
    std::unique_ptr<InventoryView> m_view;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void TestInventoryView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_emulator.start(), qPrintable(m_emulator.errorString()));
    m_clients = std::make_unique<EmulatorClients>(m_emulator.baseUrl(), EmulatorProcess::region(),
                                                  EmulatorProcess::accessKey(),
                                                  EmulatorProcess::secretKey());
    glacier::GlacierClient *client = m_clients->client(m_vault.account, m_vault.region);
    QVERIFY(client);
    const auto created = waitFor<glacier::CreateVaultResult>(
        [&](auto done) { client->createVault(m_vault.vault, done); });
    QVERIFY(created && created->ok());

    const QList<std::pair<QString, qint64>> uploads = {
        {u"photos/2019/beach.jpg"_s, 2000},   {u"photos/2019/dunes.jpg"_s, 3500},
        {u"photos/2020/snow.jpg"_s, 1200},    {u"docs/tax-2019.pdf"_s, 800},
        {u"docs/letters/Mum.txt"_s, 300},     {u"video/big.bin"_s, 3 * 1024 * 1024 + 5},
        {u"../../etc/passwd"_s, 100},         {u"notes.txt"_s, 50},
    };
    int seed = 0;
    for (const auto &[description, size] : uploads) {
        QByteArray body = pattern(size, ++seed);
        QBuffer buffer(&body);
        buffer.open(QIODevice::ReadOnly);
        const auto uploaded = waitFor<glacier::UploadArchiveResult>([&](auto done) {
            client->uploadArchive(m_vault.vault, &buffer, description, done);
        });
        QVERIFY(uploaded);
        QVERIFY2(uploaded->ok(),
                 qPrintable(uploaded->ok() ? QString() : uploaded->error().userMessage()));
        GeneratedArchive archive;
        archive.archiveId = uploaded->value().archiveId;
        archive.description = description;
        archive.size = size;
        archive.creationDate = QStringLiteral("2026-0%1-15T10:00:00Z").arg(seed);
        archive.treeHash = uploaded->value().checksum;
        m_archives.append(archive);
    }
    m_cachePath = m_dir.filePath(u"cache.sqlite"_s);
    const auto imported = importInventory(
        m_cachePath, inventory::VaultKey{m_vault.account, m_vault.region, m_vault.vault},
        inventoryJson(m_archives));
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
}

void TestInventoryView::init()
{
    m_queued.clear();
    m_view = std::make_unique<InventoryView>(
        *m_clients,
        [this](const VaultRef &vault, const QString &jobId, const QString &outPath) {
            m_queued.append({vault, jobId, outPath});
        },
        m_cachePath);
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
        m_view->archiveModel(), QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
        m_view->folderModel(), QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
        m_view->inventoryModel(), QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_view->resize(1100, 600);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->activateWindow(); // keyboard focus needs an active window (Xvfb has no WM)
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    m_view->setVault(m_vault);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->archiveModel()->isSettled()
                                 && m_view->archiveModel()->rowCount() == m_archives.size(),
                             10000);
}

void TestInventoryView::cleanup()
{
    m_testers.clear();
    m_view.reset();
}

int TestInventoryView::rowOfName(const QString &name) const
{
    const ArchiveTableModel *model = m_view->archiveModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, ArchiveTableModel::Name).data().toString() == name)
            return row;
    }
    return -1;
}

void TestInventoryView::opensSearchesAndSorts()
{
    const auto *combo = m_view->findChild<QComboBox *>(u"inventoryCombo"_s);
    QVERIFY(combo);
    QCOMPARE(combo->count(), 1);
    QVERIFY(combo->currentText().contains(u"8 archives"_s));
    const auto *status = m_view->findChild<QLabel *>(u"statusLabel"_s);
    QCOMPARE(status->text(), u"8 archives"_s);
    shoot(m_view.get(), u"inventory-list"_s);

    // Ctrl+F goes to the search field; typing filters.
    QTest::keyClick(m_view->listView(), Qt::Key_F, Qt::ControlModifier);
    auto *search = m_view->findChild<QLineEdit *>(u"searchEdit"_s);
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, u"photos/"_s); // '/' is in no archive id
    QTRY_VERIFY_WITH_TIMEOUT(m_view->archiveModel()->isSettled()
                                 && m_view->archiveModel()->rowCount() == 3,
                             10000);
    QCOMPARE(m_view->archiveModel()->index(0, 0).data().toString(), u"photos/2019/beach.jpg"_s);
    QCOMPARE(m_view->archiveModel()->index(2, 0).data().toString(), u"photos/2020/snow.jpg"_s);
    QCOMPARE(status->text(), u"3 of 8 archives match"_s);
    shoot(m_view.get(), u"inventory-search"_s);

    // Sort by size with clicks on the header until it is descending.
    QHeaderView *header = m_view->listView()->header();
    const int sizeX = header->sectionViewportPosition(ArchiveTableModel::Size)
                      + header->sectionSize(ArchiveTableModel::Size) / 2;
    for (int click = 0; click < 3 && !(m_view->archiveModel()->query().sort
                                           == inventory::SortColumn::Size
                                       && m_view->archiveModel()->query().order
                                              == Qt::DescendingOrder);
         ++click) {
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(sizeX, header->height() / 2));
    }
    QCOMPARE(m_view->archiveModel()->query().sort, inventory::SortColumn::Size);
    QCOMPARE(m_view->archiveModel()->query().order, Qt::DescendingOrder);
    QCOMPARE(header->sortIndicatorSection(), int(ArchiveTableModel::Size));
    QTRY_VERIFY_WITH_TIMEOUT(m_view->archiveModel()->isSettled(), 10000);
    QCOMPARE(m_view->archiveModel()->index(0, 0).data().toString(), u"photos/2019/dunes.jpg"_s);
    QCOMPARE(m_view->archiveModel()->index(1, 0).data().toString(), u"photos/2019/beach.jpg"_s);
    QCOMPARE(m_view->archiveModel()->index(2, 0).data().toString(), u"photos/2020/snow.jpg"_s);

    // Clearing the search shows everything again.
    search->selectAll();
    QTest::keyClick(search, Qt::Key_Backspace);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->archiveModel()->isSettled()
                                 && m_view->archiveModel()->rowCount() == m_archives.size(),
                             10000);
    QCOMPARE(m_view->archiveModel()->index(0, 0).data().toString(), u"video/big.bin"_s);
}

void TestInventoryView::folderMode()
{
    auto *folders = m_view->findChild<QToolButton *>(u"folderModeButton"_s);
    QTest::mouseClick(folders, Qt::LeftButton);
    QCOMPARE(m_view->mode(), InventoryView::Mode::Folders);
    QTreeView *tree = m_view->folderView();
    QVERIFY(tree->isVisible());
    FolderTreeModel *model = m_view->folderModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->isIdle() && model->rowCount() >= 4, 10000);
    QStringList names;
    int photos = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        names << model->index(row, 0).data().toString();
        if (names.constLast() == u"photos"_s)
            photos = row;
    }
    QVERIFY2(names.contains(u"docs"_s) && names.contains(u"video"_s)
                 && names.contains(u"notes.txt"_s),
             qPrintable(names.join(u", "_s)));
    QVERIFY(photos >= 0);
    const QModelIndex photosIndex = model->index(photos, 0);
    QCOMPARE(model->index(photos, FolderTreeModel::Archives).data().toString(), u"3"_s);

    // Expanding a folder with the keyboard loads it.
    tree->setFocus();
    tree->setCurrentIndex(photosIndex);
    QTest::keyClick(tree, Qt::Key_Right);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(photosIndex), 2, 10000); // 2019, 2020
    const QModelIndex year2019 = model->index(0, 0, photosIndex);
    tree->expand(year2019);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(year2019), 2, 10000);
    QCOMPARE(model->index(0, 0, year2019).data().toString(), u"beach.jpg"_s);
    shoot(m_view.get(), u"inventory-folders"_s);

    // Typing a search goes back to the list.
    QTest::keyClicks(m_view->findChild<QLineEdit *>(u"searchEdit"_s), u"snow"_s);
    QCOMPARE(m_view->mode(), InventoryView::Mode::List);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->archiveModel()->isSettled()
                                 && m_view->archiveModel()->rowCount() == 1,
                             10000);
}

void TestInventoryView::restoresSelectedArchives()
{
    QTemporaryDir destination;
    QVERIFY(destination.isValid());
    m_view->setRestoreFolder(destination.path());

    const int beach = rowOfName(u"photos/2019/beach.jpg"_s);
    const int hostile = rowOfName(u"../../etc/passwd"_s);
    const int notes = rowOfName(u"notes.txt"_s);
    QVERIFY(beach >= 0 && hostile >= 0 && notes >= 0);
    auto *restore = m_view->findChild<QPushButton *>(u"restoreButton"_s);
    QVERIFY(!restore->isEnabled());
    clickRow(m_view->listView(), beach);
    clickRow(m_view->listView(), hostile, Qt::ControlModifier);
    clickRow(m_view->listView(), notes, Qt::ControlModifier);
    QCOMPARE(m_view->listView()->selectionModel()->selectedRows().size(), 3);
    QVERIFY(restore->isEnabled());
    QTest::mouseClick(restore, Qt::LeftButton);

    auto *dialog = m_view->findChild<RestoreDialog *>(u"restoreDialog"_s);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->tier(), glacier::RetrievalTier::Standard);
    QVERIFY(!dialog->findChild<QLineEdit *>(u"rangeEdit"_s)->isEnabled()); // several archives
    auto *bulk = dialog->findChild<QRadioButton *>(u"tierBulk"_s);
    QTest::mouseClick(bulk, Qt::LeftButton, {}, QPoint(8, bulk->height() / 2)); // the indicator
    QCOMPARE(dialog->tier(), glacier::RetrievalTier::Bulk);
    QVERIFY(dialog->findChild<QLabel *>(u"estimateLabel"_s)->text().contains(u"5–12 hours"_s));
    QCOMPARE(dialog->destination(), destination.path());
    QCOMPARE(dialog->plan().items.size(), 3);
    shoot(dialog, u"inventory-restore-dialog"_s);

    QSignalSpy started(m_view.get(), &InventoryView::restoreStarted);
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QVERIFY(started.wait(30000));
    QCOMPARE(started.constFirst().at(0).toInt(), 3);
    QCOMPARE(started.constFirst().at(1).toInt(), 0);
    QCOMPARE(m_queued.size(), 3);

    // Each queued job is an archive retrieval of the right archive, in Bulk, whole archive;
    // each file lands inside the destination, the hostile name included.
    glacier::GlacierClient *client = m_clients->client(m_vault.account, m_vault.region);
    const QString base = QDir(destination.path()).canonicalPath() + u'/';
    QSet<QString> archiveIds;
    for (const Queued &queued : std::as_const(m_queued)) {
        QCOMPARE(queued.vault, m_vault);
        QVERIFY2(queued.outPath.startsWith(base), qPrintable(queued.outPath));
        const auto job = waitFor<glacier::JobDescription>([&](auto done) {
            client->describeJob(m_vault.vault, queued.jobId, done);
        });
        QVERIFY(job && job->ok());
        QCOMPARE(job->value().action, glacier::JobAction::ArchiveRetrieval);
        QCOMPARE(job->value().tier, std::optional(glacier::RetrievalTier::Bulk));
        QVERIFY(!job->value().retrievalByteRange
                || job->value().retrievalByteRange->endsWith(
                    QString::number(job->value().archiveSizeInBytes.value_or(0) - 1)));
        archiveIds.insert(job->value().archiveId.value_or(QString()));
        const auto archive = std::find_if(m_archives.cbegin(), m_archives.cend(),
                                          [&](const GeneratedArchive &a) {
                                              return a.archiveId == job->value().archiveId;
                                          });
        QVERIFY(archive != m_archives.cend());
        if (archive->description == u"photos/2019/beach.jpg"_s)
            QCOMPARE(queued.outPath, base + u"photos/2019/beach.jpg"_s);
        else if (archive->description == u"notes.txt"_s)
            QCOMPARE(queued.outPath, base + u"notes.txt"_s);
        else
            QVERIFY2(!queued.outPath.contains(u".."_s), qPrintable(queued.outPath));
    }
    QCOMPARE(archiveIds.size(), 3);
}

void TestInventoryView::restoresARange()
{
    QTemporaryDir destination;
    m_view->setRestoreFolder(destination.path());
    const int big = rowOfName(u"video/big.bin"_s);
    QVERIFY(big >= 0);
    clickRow(m_view->listView(), big);
    // Enter on the row opens the Restore dialog too.
    QTest::keyClick(m_view->listView(), Qt::Key_Return);
    auto *dialog = m_view->findChild<RestoreDialog *>(u"restoreDialog"_s);
    QVERIFY(dialog);
    auto *range = dialog->findChild<QLineEdit *>(u"rangeEdit"_s);
    QVERIFY(range->isEnabled());
    auto *ok = okButton(dialog);
    auto *advice = dialog->findChild<QLabel *>(u"rangeAdvice"_s);
    auto *suggestion = dialog->findChild<QPushButton *>(u"useSuggestion"_s);

    // Megabyte aligned, not a tree-hash node: refused with the reason and a way out.
    QTest::keyClicks(range, u"1048576-3145727"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY2(advice->text().contains(u"verify"_s), qPrintable(advice->text()));
    QVERIFY(suggestion->isVisibleTo(dialog));
    QCOMPARE(suggestion->text(), u"Use 0-3145732"_s); // the whole 3 MiB + 5 B archive
    shoot(dialog, u"inventory-restore-range"_s);
    range->clear();
    QTest::keyClicks(range, u"1048576-2097150"_s); // one byte short of leaf 1
    QVERIFY(!ok->isEnabled());
    QCOMPARE(suggestion->text(), u"Use 1048576-2097151"_s);
    QTest::mouseClick(suggestion, Qt::LeftButton);
    QCOMPARE(range->text(), u"1048576-2097151"_s);
    QVERIFY(ok->isEnabled());
    auto *expedited = dialog->findChild<QRadioButton *>(u"tierExpedited"_s);
    QTest::mouseClick(expedited, Qt::LeftButton, {}, QPoint(8, expedited->height() / 2));
    QCOMPARE(dialog->tier(), glacier::RetrievalTier::Expedited);

    QSignalSpy started(m_view.get(), &InventoryView::restoreStarted);
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(started.wait(30000));
    QCOMPARE(m_queued.size(), 1);
    glacier::GlacierClient *client = m_clients->client(m_vault.account, m_vault.region);
    const auto job = waitFor<glacier::JobDescription>([&](auto done) {
        client->describeJob(m_vault.vault, m_queued.constFirst().jobId, done);
    });
    QVERIFY(job && job->ok());
    QCOMPARE(job->value().retrievalByteRange, std::optional(u"1048576-2097151"_s));
    QCOMPARE(job->value().tier, std::optional(glacier::RetrievalTier::Expedited));
    QCOMPARE(job->value().jobDescription, std::optional(u"video/big.bin"_s));
}

void TestInventoryView::requestsAnInventory()
{
    QSignalSpy requested(m_view.get(), &InventoryView::inventoryRequested);
    QTest::mouseClick(m_view->findChild<QPushButton *>(u"requestButton"_s), Qt::LeftButton);
    auto *dialog = m_view->findChild<InventoryRequestDialog *>(u"inventoryRequestDialog"_s);
    QVERIFY(dialog);
    auto *format = dialog->findChild<QComboBox *>(u"formatCombo"_s);
    format->setFocus();
    QTest::keyClick(format, Qt::Key_Down); // JSON → CSV
    QCOMPARE(format->currentText(), u"CSV"_s);
    // Start after end: refused.
    QTest::mouseClick(dialog->findChild<QCheckBox *>(u"startCheck"_s), Qt::LeftButton);
    QTest::mouseClick(dialog->findChild<QCheckBox *>(u"endCheck"_s), Qt::LeftButton);
    auto *start = dialog->findChild<QDateTimeEdit *>(u"startEdit"_s);
    auto *end = dialog->findChild<QDateTimeEdit *>(u"endEdit"_s);
    start->setDateTime(QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC));
    end->setDateTime(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY(!dialog->problem().isEmpty());
    end->setDateTime(QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC));
    QVERIFY(okButton(dialog)->isEnabled());
    QTest::mouseClick(dialog->findChild<QCheckBox *>(u"limitCheck"_s), Qt::LeftButton);
    shoot(dialog, u"inventory-request-dialog"_s);
    auto *limit = dialog->findChild<QSpinBox *>(u"limitSpin"_s);
    limit->selectAll();
    QTest::keyClicks(limit, u"5"_s);
    QCOMPARE(limit->value(), 5);
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QVERIFY(requested.wait(30000));

    glacier::GlacierClient *client = m_clients->client(m_vault.account, m_vault.region);
    const auto job = waitFor<glacier::JobDescription>([&](auto done) {
        client->describeJob(m_vault.vault, requested.constFirst().at(0).toString(), done);
    });
    QVERIFY(job && job->ok());
    QCOMPARE(job->value().action, glacier::JobAction::InventoryRetrieval);
    QVERIFY(job->value().inventoryRetrievalParameters);
    const auto &parameters = *job->value().inventoryRetrievalParameters;
    QCOMPARE(parameters.format, std::optional(u"CSV"_s));
    QCOMPARE(parameters.limit, std::optional(u"5"_s));
    QCOMPARE(parameters.startDate,
             std::optional(QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC)));
    QCOMPARE(parameters.endDate,
             std::optional(QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC)));
}

void TestInventoryView::exportsCsvWithProgress()
{
    // The expected bytes, from the exporter's documented format: RFC 4180, CRLF, the header,
    // a ' before a cell a spreadsheet would run as a formula (archive ids may start with '-');
    // no cell here needs quoting. The header comment promises rows by decoded name while the
    // exporter writes them in inventory order: either is accepted.
    const auto csvFor = [](const QList<GeneratedArchive> &archives) {
        const auto cell = [](const QString &value) {
            static const QString formulaStarts = u"=+-@\t\r"_s;
            return !value.isEmpty() && formulaStarts.contains(value.front()) ? u'\'' + value
                                                                              : value;
        };
        QByteArray csv = "ArchiveId,ArchiveDescription,DecodedPath,CreationDate,Size,"
                         "SHA256TreeHash\r\n";
        for (const GeneratedArchive &archive : archives) {
            csv += QStringList{cell(archive.archiveId), cell(archive.description),
                               cell(archive.description), archive.creationDate,
                               QString::number(archive.size), archive.treeHash}
                       .join(u',')
                       .toUtf8()
                   + "\r\n";
        }
        return csv;
    };
    QList<GeneratedArchive> byName = m_archives;
    std::sort(byName.begin(), byName.end(), [](const auto &a, const auto &b) {
        return a.description.toLower() < b.description.toLower();
    });
    const QByteArray inInventoryOrder = csvFor(m_archives);
    const QByteArray inNameOrder = csvFor(byName);

    const QString path = m_dir.filePath(u"export.csv"_s);
    QSignalSpy finished(m_view.get(), &InventoryView::exportFinished);
    m_view->exportTo(path, inventory::ExportFormat::Csv);
    auto *progress = m_view->findChild<QProgressBar *>(u"exportProgress"_s);
    QVERIFY(progress->isVisible());
    QVERIFY(m_view->findChild<QPushButton *>(u"exportCancel"_s)->isVisible());
    shoot(m_view.get(), u"inventory-export"_s);
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.constFirst().at(0).toBool(),
             qPrintable(finished.constFirst().at(1).toString()));
    QVERIFY(!progress->isVisible());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    if (written != inNameOrder)
        QCOMPARE(written, inInventoryOrder);
}

QTEST_MAIN(TestInventoryView)
#include "tst_inventoryview.moc"
