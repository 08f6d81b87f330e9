// JobsView driven with QTest key and mouse events, offscreen: against thaw-emulator (list the
// vault's jobs, select one and read its details, download a succeeded job, the completion
// notification after F5, search with Ctrl+F, request an expired job again) and against a fake
// network for a job that fails (the emulator has no job that turns Failed later).
#include "fakenetwork.h"
#include "ui/jobs/jobnotifier.h"
#include "ui/jobs/jobsmodel.h"
#include "ui/jobs/jobsview.h"
#include "ui/transfers/transfermanager.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace thaw;
using namespace thaw::ui;

namespace {

constexpr qint64 MiB = 1 << 20;
const QString kAccount = QStringLiteral("main");

struct Notification
{
    JobNotifier::Kind kind;
    QString title;
    QString message;
};

// The proxy row showing a job, or -1.
int rowOf(QTableView *table, const QString &jobId)
{
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        if (table->model()->index(row, 0).data(JobsModel::JobIdRole).toString() == jobId)
            return row;
    }
    return -1;
}

void clickRow(QTableView *table, int row)
{
    const QRect rect = table->visualRect(table->model()->index(row, JobsModel::Description));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
}

QString detail(QTableWidget *details, const QString &field)
{
    for (int row = 0; row < details->rowCount(); ++row) {
        if (details->item(row, 0)->text() == field)
            return details->item(row, 1)->text();
    }
    return {};
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("THAW_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name);
}

} // namespace

class TestJobsView final : public QObject
{
    Q_OBJECT

    EmulatorVault m_emulator;
    QNetworkAccessManager m_network;
    TestClientProvider m_clients;
    qint64 m_offsetSeconds = 0; // how far the emulator's clock was moved
    std::unique_ptr<QTemporaryDir> m_dir;

    bool advance(qint64 seconds)
    {
        m_offsetSeconds += seconds;
        return m_emulator.control->advanceClock(seconds);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        // Jobs take 10 minutes of the emulator's clock, which the test moves.
        QVERIFY2(m_emulator.start(3 * MiB, 11, {QStringLiteral("--job-delay"), QStringLiteral("600")},
                                  &error),
                 qPrintable(error));
        m_clients.add(kAccount, &m_network, m_emulator.emulator.baseUrl());
    }

    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void listSelectDownloadNotify()
    {
        const QString ready = m_emulator.initiate(QStringLiteral("photos/ready.bin"));
        QVERIFY(!ready.isEmpty());
        QVERIFY(advance(700));
        const QString running = m_emulator.initiate(QStringLiteral("photos/running.bin"));
        QVERIFY(!running.isEmpty());

        TransferSettings settings;
        settings.downloadFolder = m_dir->filePath(QStringLiteral("downloads"));
        QVERIFY(QDir().mkpath(settings.downloadFolder));
        TransferManager transfers(m_clients, settings, m_dir->filePath(QStringLiteral("reg.json")));
        QList<Notification> notes;
        const JobNotifier notifier([&](JobNotifier::Kind kind, const QString &title,
                                       const QString &message) {
            notes.append({kind, title, message});
        });
        JobsView view(m_clients, transfers,
                      [this] { return QDateTime::currentDateTimeUtc().addSecs(m_offsetSeconds); });
        view.setNotifier(&notifier);
        auto *table = view.findChild<QTableView *>(QStringLiteral("jobsTable"));
        auto *details = view.findChild<QTableWidget *>(QStringLiteral("jobDetails"));
        auto *download = view.findChild<QPushButton *>(QStringLiteral("downloadButton"));
        auto *requestAgain = view.findChild<QPushButton *>(QStringLiteral("requestAgainButton"));
        auto *search = view.findChild<QLineEdit *>(QStringLiteral("jobsSearch"));
        QVERIFY(table && details && download && requestAgain && search);
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(table->model());
        QVERIFY(proxy);
        QAbstractItemModelTester proxyTester(proxy,
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester modelTester(proxy->sourceModel(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(1100, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        const VaultRef vault{kAccount, EmulatorProcess::region(), m_emulator.vault};
        view.setVault(vault);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 10000);
        QVERIFY(rowOf(table, ready) >= 0 && rowOf(table, running) >= 0);

        // Select the running job: every field shown, nothing to download yet.
        clickRow(table, rowOf(table, running));
        QCOMPARE(detail(details, QStringLiteral("JobId")), running);
        QCOMPARE(detail(details, QStringLiteral("StatusCode")), QStringLiteral("InProgress"));
        QCOMPARE(detail(details, QStringLiteral("ArchiveId")), m_emulator.archiveId);
        QCOMPARE(detail(details, QStringLiteral("Tier")), QStringLiteral("Expedited"));
        QVERIFY(!download->isEnabled());
        QVERIFY(!requestAgain->isEnabled());

        // Select the succeeded job and download it: it lands in the download folder, verified.
        clickRow(table, rowOf(table, ready));
        QCOMPARE(detail(details, QStringLiteral("JobId")), ready);
        QCOMPARE(detail(details, QStringLiteral("StatusCode")), QStringLiteral("Succeeded"));
        QCOMPARE(detail(details, QStringLiteral("JobDescription")),
                 QStringLiteral("photos/ready.bin"));
        QCOMPARE(detail(details, QStringLiteral("ArchiveSizeInBytes")), QString::number(3 * MiB));
        QVERIFY(download->isEnabled());
        saveScreenshot(&view, QStringLiteral("jobsview.png"));
        QTest::mouseClick(download, Qt::LeftButton);
        QCOMPARE(transfers.count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(transfers.at(0).status, TransferStatus::Done, 20000);
        QVERIFY(transfers.at(0).verified);
        const QString outPath = QDir(settings.downloadFolder).filePath(QStringLiteral("ready.bin"));
        QCOMPARE(transfers.at(0).outputPath, outPath);
        QCOMPARE(readFile(outPath), m_emulator.data);
        QVERIFY(notes.isEmpty());

        // Shortcuts (F5, Ctrl+F) go to the active window only.
        QApplication::setActiveWindow(&view);
        QVERIFY(QTest::qWaitForWindowActive(&view));
        // The running job completes on the emulator's clock; F5 polls it: a notification.
        QVERIFY(advance(700));
        table->setFocus();
        QTest::keyClick(table, Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(notes.size(), 1, 10000);
        QCOMPARE(notes.first().kind, JobNotifier::Kind::Completed);
        QVERIFY2(notes.first().message.contains(QStringLiteral("photos/running.bin")),
                 qPrintable(notes.first().message));
        QVERIFY2(notes.first().message.contains(m_emulator.vault), qPrintable(notes.first().message));
        QTRY_COMPARE_WITH_TIMEOUT(
            table->model()->index(rowOf(table, running), JobsModel::Status).data().toString(),
            QStringLiteral("Succeeded"), 10000);

        // Ctrl+F goes to the search box; typing filters the list.
        table->setFocus();
        QTest::keyClick(table, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(search->hasFocus());
        QTest::keyClicks(search, QStringLiteral("RUNNING.BIN"));
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(rowOf(table, running), 0);
        search->clear();
        QCOMPARE(table->model()->rowCount(), 2);

        // A day later the first job's output has expired: request it again.
        QVERIFY(advance(25 * 3600));
        QTest::keyClick(table, Qt::Key_F5);
        clickRow(table, rowOf(table, ready));
        QTRY_VERIFY(requestAgain->isEnabled());
        QVERIFY(!download->isEnabled());
        QCOMPARE(table->model()->index(rowOf(table, ready), JobsModel::Expires).data().toString(),
                 QStringLiteral("expired"));
        QTest::mouseClick(requestAgain, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 3, 10000);
        QString again;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QString id = table->model()->index(row, 0).data(JobsModel::JobIdRole).toString();
            if (id != ready && id != running)
                again = id;
        }
        QVERIFY(!again.isEmpty());
        clickRow(table, rowOf(table, again));
        QCOMPARE(detail(details, QStringLiteral("ArchiveId")), m_emulator.archiveId);
        QCOMPARE(detail(details, QStringLiteral("JobDescription")),
                 QStringLiteral("photos/ready.bin"));
        QCOMPARE(detail(details, QStringLiteral("Tier")), QStringLiteral("Expedited"));
        QCOMPARE(detail(details, QStringLiteral("StatusCode")), QStringLiteral("InProgress"));
    }

    // An unknown account is an error shown in the view, not a crash.
    void unknownAccount()
    {
        TransferManager transfers(m_clients, TransferSettings{},
                                  m_dir->filePath(QStringLiteral("reg.json")));
        JobsView view(m_clients, transfers);
        view.setVault(VaultRef{QStringLiteral("nobody"), EmulatorProcess::region(),
                               QStringLiteral("v")});
        auto *status = view.findChild<QLabel *>(QStringLiteral("jobsStatus"));
        QVERIFY(status);
        QVERIFY2(status->text().contains(QStringLiteral("no account named")),
                 qPrintable(status->text()));
    }

    // Download on a succeeded inventory job asks for an import into the inventory cache; no
    // file is queued in the download folder.
    void inventoryJobIsImportedNotDownloaded()
    {
        const QString jobId = m_emulator.cli->initiateJob(
            m_emulator.vault, QJsonObject{{QStringLiteral("Type"),
                                           QStringLiteral("inventory-retrieval")},
                                          {QStringLiteral("Format"), QStringLiteral("JSON")}});
        QVERIFY(!jobId.isEmpty());
        QVERIFY(advance(700));

        TransferSettings settings;
        settings.downloadFolder = m_dir->filePath(QStringLiteral("downloads"));
        QVERIFY(QDir().mkpath(settings.downloadFolder));
        TransferManager transfers(m_clients, settings, m_dir->filePath(QStringLiteral("reg.json")));
        JobsView view(m_clients, transfers,
                      [this] { return QDateTime::currentDateTimeUtc().addSecs(m_offsetSeconds); });
        QSignalSpy imports(&view, &JobsView::inventoryImportRequested);
        QSignalSpy downloads(&view, &JobsView::downloadStarted);
        auto *table = view.findChild<QTableView *>(QStringLiteral("jobsTable"));
        auto *download = view.findChild<QPushButton *>(QStringLiteral("downloadButton"));
        QVERIFY(table && download);
        view.resize(1100, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const VaultRef vault{kAccount, EmulatorProcess::region(), m_emulator.vault};
        view.setVault(vault);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(table, jobId) >= 0, 10000);
        clickRow(table, rowOf(table, jobId));
        QTRY_VERIFY_WITH_TIMEOUT(download->isEnabled(), 10000);
        QTest::mouseClick(download, Qt::LeftButton);

        QCOMPARE(imports.size(), 1);
        QCOMPARE(imports.first().at(0).value<VaultRef>(), vault);
        const auto job = imports.first().at(1).value<glacier::JobDescription>();
        QCOMPARE(job.jobId, jobId);
        QCOMPARE(job.action, glacier::JobAction::InventoryRetrieval);
        QCOMPARE(downloads.size(), 0);
        QVERIFY(QDir(settings.downloadFolder).isEmpty());
    }

    // A job that turns Failed while watched: one failure notification with its message.
    void failureIsNotified()
    {
        const QString jobId = QStringLiteral("FAILING-JOB");
        bool failed = false;
        auto jobJson = [&] {
            QJsonObject job{
                {QStringLiteral("JobId"), jobId},
                {QStringLiteral("Action"), QStringLiteral("ArchiveRetrieval")},
                {QStringLiteral("ArchiveId"), QStringLiteral("ARCHIVE")},
                {QStringLiteral("ArchiveSizeInBytes"), 1024},
                {QStringLiteral("CreationDate"), QStringLiteral("2026-01-01T00:00:00.000Z")},
                {QStringLiteral("Completed"), failed},
                {QStringLiteral("StatusCode"),
                 failed ? QStringLiteral("Failed") : QStringLiteral("InProgress")},
                {QStringLiteral("Tier"), QStringLiteral("Standard")},
                {QStringLiteral("JobDescription"), QStringLiteral("docs/report.pdf")},
            };
            if (failed) {
                job.insert(QStringLiteral("StatusMessage"), QStringLiteral("The archive is gone"));
                job.insert(QStringLiteral("CompletionDate"),
                           QStringLiteral("2026-01-01T01:00:00.000Z"));
            }
            return job;
        };
        test::FakeNetworkAccessManager network;
        network.setHandler([&](const test::CapturedRequest &request) {
            const QString path = request.url.path();
            if (path.endsWith(QStringLiteral("/jobs")))
                return test::FakeResponse::json(
                    200, QJsonDocument(QJsonObject{{QStringLiteral("JobList"),
                                                    QJsonArray{jobJson()}},
                                                   {QStringLiteral("Marker"), QJsonValue()}})
                             .toJson());
            if (path.endsWith(u'/' + jobId))
                return test::FakeResponse::json(200, QJsonDocument(jobJson()).toJson());
            return test::FakeResponse::awsError(404, QStringLiteral("ResourceNotFoundException"),
                                                QStringLiteral("not found"));
        });
        TestClientProvider clients;
        clients.add(QStringLiteral("fake"), &network, QUrl(QStringLiteral("http://glacier.test")));
        TransferManager transfers(clients, TransferSettings{},
                                  m_dir->filePath(QStringLiteral("reg.json")));
        QList<Notification> notes;
        const JobNotifier notifier([&](JobNotifier::Kind kind, const QString &title,
                                       const QString &message) {
            notes.append({kind, title, message});
        });
        JobsView view(clients, transfers);
        view.setNotifier(&notifier);
        auto *table = view.findChild<QTableView *>(QStringLiteral("jobsTable"));
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(table->model());
        QAbstractItemModelTester proxyTester(proxy,
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester modelTester(proxy->sourceModel(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // Shortcuts (F5, Ctrl+F) go to the active window only.
        QApplication::setActiveWindow(&view);
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.setVault(VaultRef{QStringLiteral("fake"), QStringLiteral("us-east-1"),
                               QStringLiteral("docs")});
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10000);
        failed = true;
        QTest::keyClick(table, Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(notes.size(), 1, 10000);
        QCOMPARE(notes.first().kind, JobNotifier::Kind::Failed);
        QVERIFY2(notes.first().message.contains(QStringLiteral("docs/report.pdf")),
                 qPrintable(notes.first().message));
        QVERIFY2(notes.first().message.contains(QStringLiteral("The archive is gone")),
                 qPrintable(notes.first().message));
        // Polled again: no second notification for the same failure.
        QTest::keyClick(table, Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(
            table->model()->index(0, JobsModel::Status).data().toString(),
            QStringLiteral("Failed"), 10000);
        QCOMPARE(notes.size(), 1);
    }
};

QTEST_MAIN(TestJobsView)
#include "tst_jobsview.moc"
