// TransferManager and TransfersView against thaw-emulator, offscreen, driven with QTest mouse
// and key events: pause and resume, cancel with Delete, a failure with its reason, the
// application restarted (TransferManager destroyed and made again on the same registry) with
// the unfinished download coming back and completing verified from its journal, a job queued
// until it is ready, open folder, and the preferences. The models stay under
// QAbstractItemModelTester for the whole of each test.
#include "ui/transfers/preferencesdialog.h"
#include "ui/transfers/transfermanager.h"
#include "ui/transfers/transfersmodel.h"
#include "ui/transfers/transfersview.h"
#include "uitestsupport.h"

#include "core/transfer/downloadengine.h"
#include "core/transfer/downloadregistry.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <algorithm>

using namespace thaw;
using namespace thaw::ui;

namespace {

constexpr qint64 MiB = 1 << 20;
constexpr qint64 ArchiveSize = 16 * MiB;
const QString kAccount = QStringLiteral("main");

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("THAW_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name);
}

// A view with both of its models under test for as long as it lives.
struct ViewUnderTest
{
    TransfersView view;
    QTableView *table;
    QAbstractItemModelTester proxyTester;
    QAbstractItemModelTester modelTester;
    bool activated = false; // the window became active: shortcuts reach it

    explicit ViewUnderTest(TransferManager &manager)
        : view(manager)
        , table(view.findChild<QTableView *>(QStringLiteral("transfersTable")))
        , proxyTester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest)
        , modelTester(qobject_cast<QSortFilterProxyModel *>(table->model())->sourceModel(),
                      QAbstractItemModelTester::FailureReportingMode::QtTest)
    {
        view.resize(1200, 300);
        view.show();
        // Shortcuts (Delete) go to the active window only.
        if (QTest::qWaitForWindowExposed(&view)) {
            QApplication::setActiveWindow(&view);
            activated = QTest::qWaitForWindowActive(&view);
        }
    }
    QToolButton *button(const char *name) const
    {
        return view.findChild<QToolButton *>(QLatin1String(name));
    }
    void clickRow(int row) const
    {
        const QRect rect = table->visualRect(table->model()->index(row, TransfersModel::Name));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    }
    QString cell(int row, int column) const
    {
        return table->model()->index(row, column).data().toString();
    }
};

} // namespace

class TestTransfersView final : public QObject
{
    Q_OBJECT

    EmulatorVault m_emulator;
    QNetworkAccessManager m_network;
    TestClientProvider m_clients;
    std::unique_ptr<QTemporaryDir> m_dir;

    VaultRef vault() const { return {kAccount, EmulatorProcess::region(), m_emulator.vault}; }
    QString registryPath() const { return m_dir->filePath(QStringLiteral("state/downloads.json")); }
    TransferSettings settings() const
    {
        TransferSettings s;
        s.downloadFolder = m_dir->path();
        s.parallelChunks = 2;
        return s;
    }

    // The job as Describe Job reports it (a new one each call; the emulator's delay is 0).
    glacier::JobDescription newJob()
    {
        const QString jobId = m_emulator.initiate();
        std::optional<glacier::JobDescription> job;
        m_clients.client(kAccount, {})->describeJob(
            m_emulator.vault, jobId, [&](glacier::Result<glacier::JobDescription> r) {
                if (r.ok())
                    job = r.value();
            });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(job.has_value(), 10000); }();
        return job.value_or(glacier::JobDescription{});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_emulator.start(ArchiveSize, 21, {}, &error), qPrintable(error));
        m_clients.add(kAccount, &m_network, m_emulator.emulator.baseUrl());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_emulator.control->clearFaults());
        QVERIFY(m_emulator.control->resetCounters());
    }

    void pauseAndResumeWithTheButtons()
    {
        const glacier::JobDescription job = newJob();
        QVERIFY(!job.jobId.isEmpty());
        QVERIFY(m_emulator.control->setFaults({{"bandwidth", double(MiB)}}));
        TransferManager manager(m_clients, settings(), registryPath());
        ViewUnderTest ui(manager);
        const QString path = m_dir->filePath(QStringLiteral("paused.bin"));
        QString error;
        const QString id = manager.download(vault(), job, path, &error);
        QVERIFY2(!id.isEmpty(), qPrintable(error));
        QCOMPARE(ui.table->model()->rowCount(), 1);
        ui.clickRow(0);
        QCOMPARE(ui.view.selectedId(), id);
        QTRY_VERIFY_WITH_TIMEOUT(manager.at(0).progress.chunksVerified >= 1, 20000);
        QCOMPARE(manager.at(0).status, TransferStatus::Downloading);
        QVERIFY(ui.button("pauseButton")->isEnabled());
        QVERIFY(!ui.button("resumeButton")->isEnabled());
        saveScreenshot(&ui.view, QStringLiteral("transfersview.png"));
        QTest::mouseClick(ui.button("pauseButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(manager.at(0).status, TransferStatus::Paused, 10000);
        QCOMPARE(ui.cell(0, TransfersModel::State), QStringLiteral("Paused"));
        QVERIFY(ui.button("resumeButton")->isEnabled());
        QVERIFY(!ui.button("pauseButton")->isEnabled());
        // The registry remembers it paused, for a restart.
        QVERIFY2(manager.flushRegistry(&error), qPrintable(error));
        transfer::DownloadRegistry registry(registryPath());
        QVERIFY(registry.load(&error));
        QCOMPARE(registry.entries().size(), 1);
        QVERIFY(registry.entries().first().paused);

        QVERIFY(m_emulator.control->clearFaults());
        QTest::mouseClick(ui.button("resumeButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(manager.at(0).status, TransferStatus::Done, 30000);
        QVERIFY(manager.at(0).verified);
        QVERIFY2(ui.cell(0, TransfersModel::State).startsWith(QStringLiteral("Done, verified")),
                 qPrintable(ui.cell(0, TransfersModel::State)));
        QCOMPARE(ui.cell(0, TransfersModel::Progress), QStringLiteral("100%"));
        QCOMPARE(ui.cell(0, TransfersModel::Chunks), QStringLiteral("%1 of %1").arg(
                                                         manager.at(0).progress.chunkCount));
        QCOMPARE(readFile(path), m_emulator.data);
        QVERIFY2(manager.flushRegistry(&error), qPrintable(error));
        QVERIFY(registry.load(&error));
        QVERIFY(registry.entries().isEmpty()); // finished: nothing to resume
        saveScreenshot(&ui.view, QStringLiteral("transfersview-done.png"));
    }

    void cancelWithDelete()
    {
        const glacier::JobDescription job = newJob();
        QVERIFY(m_emulator.control->setFaults({{"bandwidth", double(MiB)}}));
        TransferManager manager(m_clients, settings(), registryPath());
        ViewUnderTest ui(manager);
        const QString path = m_dir->filePath(QStringLiteral("cancelled.bin"));
        QVERIFY(!manager.download(vault(), job, path).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(manager.at(0).progress.chunksVerified >= 1, 20000);
        QVERIFY(QFile::exists(transfer::DownloadEngine::journalPath(path)));
        ui.clickRow(0);
        QVERIFY(ui.activated);
        ui.table->setFocus();
        QTest::keyClick(ui.table, Qt::Key_Delete);
        QTRY_COMPARE_WITH_TIMEOUT(ui.table->model()->rowCount(), 0, 10000);
        QCOMPARE(manager.count(), 0);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(transfer::DownloadEngine::partPath(path)));
        QVERIFY(!QFile::exists(transfer::DownloadEngine::journalPath(path)));
        QString error;
        QVERIFY2(manager.flushRegistry(&error), qPrintable(error));
        transfer::DownloadRegistry registry(registryPath());
        QVERIFY(registry.load(&error));
        QVERIFY(registry.entries().isEmpty());
    }

    // The application quits mid-download; started again on the same registry, the download
    // comes back by itself and completes, verified, fetching only what was not verified.
    void restartResumesFromTheJournal()
    {
        const glacier::JobDescription job = newJob();
        const QString path = m_dir->filePath(QStringLiteral("restarted.bin"));
        QVERIFY(m_emulator.control->setFaults({{"bandwidth", double(MiB)}}));
        int verified = 0;
        int chunkCount = 0;
        {
            TransferManager manager(m_clients, settings(), registryPath());
            ViewUnderTest ui(manager);
            QVERIFY(!manager.download(vault(), job, path).isEmpty());
            QTRY_VERIFY_WITH_TIMEOUT(manager.at(0).progress.chunksVerified >= 2, 30000);
            verified = manager.at(0).progress.chunksVerified;
            chunkCount = manager.at(0).progress.chunkCount;
            QVERIFY(verified < chunkCount);
        }
        QVERIFY(!QFile::exists(path));
        QVERIFY(QFile::exists(transfer::DownloadEngine::journalPath(path)));
        QVERIFY(m_emulator.control->clearFaults());
        QVERIFY(m_emulator.control->resetCounters());

        TransferManager manager(m_clients, settings(), registryPath());
        QVERIFY2(manager.loadError().isEmpty(), qPrintable(manager.loadError()));
        ViewUnderTest ui(manager);
        QCOMPARE(manager.count(), 1);
        QCOMPARE(ui.table->model()->rowCount(), 1);
        QCOMPARE(manager.at(0).jobId, job.jobId);
        QCOMPARE(manager.at(0).outputPath, path);
        QTRY_COMPARE_WITH_TIMEOUT(manager.at(0).status, TransferStatus::Done, 30000);
        QVERIFY(manager.at(0).verified);
        QCOMPARE(readFile(path), m_emulator.data);
        // Only the chunks that were not verified before the restart were fetched again.
        const qint64 fetched = m_emulator.control->outputBytes();
        const qint64 chunkSize = ArchiveSize / chunkCount;
        QVERIFY2(fetched <= ArchiveSize - verified * chunkSize,
                 qPrintable(QStringLiteral("%1 bytes fetched, %2 of %3 chunks were verified")
                                .arg(fetched)
                                .arg(verified)
                                .arg(chunkCount)));
        QString error;
        QVERIFY2(manager.flushRegistry(&error), qPrintable(error));
        transfer::DownloadRegistry registry(registryPath());
        QVERIFY(registry.load(&error));
        QVERIFY(registry.entries().isEmpty());
    }

    // A paused download stays paused across a restart until resumed.
    void pausedStaysPausedAcrossARestart()
    {
        const glacier::JobDescription job = newJob();
        const QString path = m_dir->filePath(QStringLiteral("stays-paused.bin"));
        QVERIFY(m_emulator.control->setFaults({{"bandwidth", double(MiB)}}));
        QString id;
        {
            TransferManager manager(m_clients, settings(), registryPath());
            id = manager.download(vault(), job, path);
            QTRY_VERIFY_WITH_TIMEOUT(manager.at(0).progress.chunksVerified >= 1, 20000);
            QVERIFY(manager.pause(id));
            QTRY_COMPARE_WITH_TIMEOUT(manager.at(0).status, TransferStatus::Paused, 10000);
        }
        QVERIFY(m_emulator.control->clearFaults());
        QVERIFY(m_emulator.control->resetCounters());
        TransferManager manager(m_clients, settings(), registryPath());
        ViewUnderTest ui(manager);
        QCOMPARE(manager.count(), 1);
        QCOMPARE(manager.at(0).status, TransferStatus::Paused);
        QCOMPARE(manager.at(0).id, id);
        ui.clickRow(0);
        QVERIFY(ui.button("resumeButton")->isEnabled());
        QCOMPARE(m_emulator.control->requests("GetJobOutput"), 0);
        QTest::mouseClick(ui.button("resumeButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(manager.at(0).status, TransferStatus::Done, 30000);
        QCOMPARE(readFile(path), m_emulator.data);
    }

    // A download that cannot succeed shows why; retry is offered; Delete removes it.
    void failureShowsItsReason()
    {
        glacier::JobDescription job;
        job.jobId = QStringLiteral("NO-SUCH-JOB");
        TransferManager manager(m_clients, settings(), registryPath());
        ViewUnderTest ui(manager);
        const QString path = m_dir->filePath(QStringLiteral("failed.bin"));
        QVERIFY(!manager.download(vault(), job, path).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(manager.at(0).status, TransferStatus::Failed, 10000);
        QVERIFY2(manager.at(0).error.contains(QStringLiteral("ResourceNotFoundException")),
                 qPrintable(manager.at(0).error));
        QVERIFY(ui.cell(0, TransfersModel::State).startsWith(QStringLiteral("Failed: ")));
        ui.clickRow(0);
        QVERIFY(ui.button("resumeButton")->isEnabled());
        // A second download to the same file is refused while the first is listed.
        QString error;
        QVERIFY(manager.download(vault(), job, path, &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("already")), qPrintable(error));
        // An unknown account: refused with the provider's reason.
        QVERIFY(manager.download(VaultRef{QStringLiteral("nobody"), QStringLiteral("r"),
                                          QStringLiteral("v")},
                                 job, m_dir->filePath(QStringLiteral("x.bin")), &error)
                    .isEmpty());
        QVERIFY2(error.contains(QStringLiteral("no account named")), qPrintable(error));
        QVERIFY(ui.activated);
        ui.table->setFocus();
        QTest::keyClick(ui.table, Qt::Key_Delete);
        QCOMPARE(manager.count(), 0);
    }

    // A just-initiated job is watched; its download starts when it succeeds.
    void queueWhenReady()
    {
        const QString jobId = m_emulator.initiate();
        QVERIFY(!jobId.isEmpty());
        TransferManager manager(m_clients, settings(), registryPath());
        ViewUnderTest ui(manager);
        const QString path = m_dir->filePath(QStringLiteral("when-ready.bin"));
        QString error;
        QVERIFY2(!manager.queueWhenReady(vault(), jobId, path, &error).isEmpty(), qPrintable(error));
        QCOMPARE(manager.count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(manager.at(0).status, TransferStatus::Done, 30000);
        QVERIFY(manager.at(0).verified);
        QCOMPARE(readFile(path), m_emulator.data);
    }

    // Queueing many downloads at once (a large restore) does not write the registry once per
    // download: the first is written at once (off the GUI thread), the rest together when the
    // save interval ends; what is still pending is written on destruction.
    void registrySavesAreCoalesced()
    {
        constexpr int Count = 200;
        {
            TransferManager manager(m_clients, settings(), registryPath());
            for (int i = 0; i < Count; ++i) {
                QString error;
                const QString path = m_dir->filePath(QStringLiteral("many/%1.bin").arg(i));
                QVERIFY2(!manager.queueWhenReady(vault(), QStringLiteral("NO-SUCH-JOB-%1").arg(i),
                                                 path, &error)
                              .isEmpty(),
                         qPrintable(error));
            }
            QCOMPARE(manager.count(), Count);
            // A second download to a listed file is still refused.
            QString error;
            QVERIFY(manager.queueWhenReady(vault(), QStringLiteral("OTHER"),
                                           m_dir->filePath(QStringLiteral("many/7.bin")), &error)
                        .isEmpty());
            QVERIFY2(error.contains(QStringLiteral("already")), qPrintable(error));
            QVERIFY(manager.registrySaver().isSavePending());
            QTRY_VERIFY_WITH_TIMEOUT(!manager.registrySaver().isSavePending(), 10000);
            QCOMPARE(manager.registrySaver().writeCount(), 2);
            QCOMPARE(manager.registry().saveCount(), 0); // both written by the saver's worker
            transfer::DownloadRegistry saved(registryPath());
            QVERIFY(saved.load(&error));
            QCOMPARE(saved.entries().size(), Count);

            // Rows and ids stay in step after a removal in the middle.
            const QString removed = manager.at(10).id;
            const QString next = manager.at(11).id;
            QVERIFY(manager.cancel(removed));
            QCOMPARE(manager.rowOf(removed), -1);
            QCOMPARE(manager.rowOf(next), 10);
            QCOMPARE(manager.count(), Count - 1);
            // Its file is free again.
            QVERIFY2(!manager.queueWhenReady(vault(), QStringLiteral("AGAIN"),
                                             m_dir->filePath(QStringLiteral("many/10.bin")),
                                             &error)
                          .isEmpty(),
                     qPrintable(error));
            QVERIFY(manager.registrySaver().isSavePending());
        } // destroyed within the save interval: the destructor writes what is pending
        transfer::DownloadRegistry saved(registryPath());
        QString error;
        QVERIFY(saved.load(&error));
        QCOMPARE(saved.entries().size(), Count);
        QVERIFY(std::any_of(saved.entries().cbegin(), saved.entries().cend(),
                            [](const transfer::RegisteredDownload &d) {
                                return d.jobId == QStringLiteral("AGAIN");
                            }));
    }

    // Downloads still waiting for their job when the application starts are polled together:
    // one List Jobs for the vault, no Describe Job per download.
    void restoredWaitingJobsArePolledInOneList()
    {
        QStringList jobIds;
        for (int i = 0; i < 3; ++i) {
            jobIds.append(m_emulator.initiate());
            QVERIFY(!jobIds.constLast().isEmpty());
        }
        {
            transfer::DownloadRegistry registry(registryPath());
            QString error;
            QVERIFY(registry.load(&error));
            for (int i = 0; i < jobIds.size(); ++i) {
                transfer::RegisteredDownload d;
                d.id = QStringLiteral("waiting-%1").arg(i);
                d.account = kAccount;
                d.region = EmulatorProcess::region();
                d.vault = m_emulator.vault;
                d.jobId = jobIds.at(i);
                d.outputPath = m_dir->filePath(QStringLiteral("waiting-%1.bin").arg(i));
                d.waitingForJob = true;
                d.paused = true; // so no download's own Describe Job follows
                d.added = QDateTime::currentDateTimeUtc();
                registry.set(d);
            }
            QVERIFY2(registry.flush(&error), qPrintable(error));
        }
        QVERIFY(m_emulator.control->resetCounters());
        TransferManager manager(m_clients, settings(), registryPath());
        QVERIFY2(manager.loadError().isEmpty(), qPrintable(manager.loadError()));
        QCOMPARE(manager.count(), 3);
        // The emulator's jobs succeed at once: each download is ready, and stays paused.
        for (int row = 0; row < 3; ++row)
            QTRY_COMPARE_WITH_TIMEOUT(manager.at(row).status, TransferStatus::Paused, 30000);
        QCOMPARE(m_emulator.control->requests("ListJobs"), 1);
        QCOMPARE(m_emulator.control->requests("DescribeJob"), 0);
    }

    void openFolder()
    {
        glacier::JobDescription job;
        job.jobId = QStringLiteral("NO-SUCH-JOB");
        TransferManager manager(m_clients, settings(), registryPath());
        ViewUnderTest ui(manager);
        QList<QUrl> opened;
        ui.view.setOpenUrl([&](const QUrl &url) { opened.append(url); });
        QVERIFY(!manager.download(vault(), job, m_dir->filePath(QStringLiteral("sub/f.bin")))
                     .isEmpty());
        ui.clickRow(0);
        QTest::mouseClick(ui.button("openFolderButton"), Qt::LeftButton);
        QCOMPARE(opened, QList<QUrl>{QUrl::fromLocalFile(m_dir->filePath(QStringLiteral("sub")))});
    }

    void preferences()
    {
        TransferSettings initial = settings();
        initial.limitRate = 0;
        PreferencesDialog dialog(initial);
        QCOMPARE(dialog.settings(), initial);
        auto *folder = dialog.findChild<QLineEdit *>(QStringLiteral("downloadFolder"));
        auto *parallel = dialog.findChild<QSpinBox *>(QStringLiteral("parallelChunks"));
        auto *limit = dialog.findChild<QDoubleSpinBox *>(QStringLiteral("bandwidthLimit"));
        QVERIFY(folder && parallel && limit);
        folder->setText(QStringLiteral("/elsewhere"));
        parallel->setValue(6);
        limit->setValue(2.5);
        saveScreenshot(&dialog, QStringLiteral("preferences.png"));
        const TransferSettings chosen = dialog.settings();
        QCOMPARE(chosen.downloadFolder, QStringLiteral("/elsewhere"));
        QCOMPARE(chosen.parallelChunks, 6);
        QCOMPARE(chosen.limitRate, qint64(2.5 * MiB));

        // Through QSettings and back.
        {
            QSettings store(m_dir->filePath(QStringLiteral("thaw.ini")), QSettings::IniFormat);
            chosen.save(store);
        }
        const QSettings store(m_dir->filePath(QStringLiteral("thaw.ini")), QSettings::IniFormat);
        QCOMPARE(TransferSettings::load(store), chosen);

        // Parallel chunks: applied to unfinished downloads, remembered for their next start. The
        // bandwidth limit is global: the manager's one bucket, at once; no download keeps a
        // limit of its own.
        glacier::JobDescription job;
        job.jobId = QStringLiteral("NO-SUCH-JOB");
        TransferManager manager(m_clients, settings(), registryPath());
        QCOMPARE(manager.bandwidthLimit(), qint64(0));
        QVERIFY(!manager.download(vault(), job, m_dir->filePath(QStringLiteral("p.bin"))).isEmpty());
        manager.setSettings(chosen);
        QCOMPARE(manager.settings(), chosen);
        QCOMPARE(manager.bandwidthLimit(), qint64(2.5 * MiB));
        QString error;
        QVERIFY2(manager.flushRegistry(&error), qPrintable(error));
        transfer::DownloadRegistry registry(registryPath());
        QVERIFY(registry.load(&error));
        QCOMPARE(registry.entries().first().parallel, 6);
        QCOMPARE(registry.entries().first().limitRate, qint64(0));
        // A manager made with a limit starts with it.
        TransferManager limited(m_clients, chosen, m_dir->filePath(QStringLiteral("other.json")));
        QCOMPARE(limited.bandwidthLimit(), qint64(2.5 * MiB));
    }

    // The bandwidth limit changed while a download runs reaches it at once: a limit so low
    // that the download cannot end while it holds, then lifted, and the download completes.
    void liveBandwidthLimit()
    {
        TransferSettings limited = settings();
        limited.limitRate = 256 * 1024; // 16 MiB would take a minute
        const glacier::JobDescription job = newJob();
        QVERIFY(!job.jobId.isEmpty());
        TransferManager manager(m_clients, limited, registryPath());
        ViewUnderTest ui(manager);
        const QString id = manager.download(vault(), job, m_dir->filePath(QStringLiteral("live.bin")));
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(manager.at(0).progress.doneBytes > 0, 30000);
        QCOMPARE(manager.at(0).status, TransferStatus::Downloading);
        TransferSettings unlimited = limited;
        unlimited.limitRate = 0;
        manager.setSettings(unlimited);
        QCOMPARE(manager.bandwidthLimit(), qint64(0));
        QTRY_COMPARE_WITH_TIMEOUT(manager.at(0).status, TransferStatus::Done, 60000);
        QCOMPARE(readFile(m_dir->filePath(QStringLiteral("live.bin"))), m_emulator.data);
    }

    // The Name column is wide enough to read a path, and the header's state (column widths)
    // survives a new view: the app keeps it in QSettings under headerStateKey().
    void nameColumnAndHeaderState()
    {
        TransferManager manager(m_clients, settings(), registryPath());
        QByteArray state;
        {
            ViewUnderTest ui(manager);
            const QFontMetrics metrics(ui.table->font());
            QVERIFY2(ui.table->columnWidth(TransfersModel::Name)
                         >= metrics.horizontalAdvance(QStringLiteral("photos/2019/holiday/IMG_0001.jpg")),
                     qPrintable(QString::number(ui.table->columnWidth(TransfersModel::Name))));
            ui.table->setColumnWidth(TransfersModel::Name, 333);
            state = ui.view.headerState();
            QCOMPARE(TransfersView::headerStateKey(), QStringLiteral("transfers/header"));
        }
        ViewUnderTest ui(manager);
        QVERIFY(ui.table->columnWidth(TransfersModel::Name) != 333);
        QVERIFY(ui.view.restoreHeaderState(state));
        QCOMPARE(ui.table->columnWidth(TransfersModel::Name), 333);
        // Not a header state: the defaults stay.
        QVERIFY(!ui.view.restoreHeaderState(QByteArray("junk")));
        QVERIFY(ui.table->columnWidth(TransfersModel::Name) != 333);
    }

    // A registry that is not one: reported, moved aside, and the manager starts empty.
    void corruptRegistry()
    {
        QVERIFY(QDir().mkpath(QFileInfo(registryPath()).absolutePath()));
        QVERIFY(writeFile(registryPath(), "{ not json"));
        TransferManager manager(m_clients, settings(), registryPath());
        QCOMPARE(manager.count(), 0);
        QVERIFY(manager.loadError().contains(QStringLiteral("moved to")));
        ViewUnderTest ui(manager);
        auto *status = ui.view.findChild<QLabel *>(QStringLiteral("transfersStatus"));
        QVERIFY(status && status->text() == manager.loadError());
        QCOMPARE(readFile(registryPath() + QStringLiteral(".corrupt")), QByteArray("{ not json"));
    }
};

QTEST_MAIN(TestTransfersView)
#include "tst_transfersview.moc"
