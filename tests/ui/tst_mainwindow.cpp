// The main window offscreen: the welcome page without accounts; demo mode starting
// thaw-emulator and browsing its seeded vaults with the real Jobs, Inventory and Transfers
// views; F5, Ctrl+F and Delete going to the current tab; errors in the banner; window state in
// the settings and the demo account never saved.
#include "accounts/uitestsupport.h"

#include "core/aws/accountstore.h"
#include "core/version.h"
#include "ui/inventory/inventoryview.h"
#include "ui/jobs/jobsview.h"
#include "ui/mainwindow.h"
#include "ui/session/session.h"
#include "ui/session/vaulttabs.h"
#include "ui/transfers/transfermanager.h"
#include "ui/vaults/vaultsidebar.h"
#include "ui/vaults/vaulttreemodel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

using namespace thaw;

namespace {

// A tab that records what the window asks of it.
struct FakeTab
{
    QWidget *widget = new QWidget;
    ui::VaultRef vault;
    int refreshes = 0;
    int finds = 0;
    int cancels = 0;

    ui::VaultTab tab(const QString &title)
    {
        return {widget,
                title,
                {},
                [this](const ui::VaultRef &v) { vault = v; },
                [this] { ++refreshes; },
                [this] { ++finds; },
                [this] {
                    ++cancels;
                }};
    }
};

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    struct Fixture
    {
        explicit Fixture(const QString &ini)
            : settings(ini, QSettings::IniFormat)
            , keychain(uitest::keychainService)
            , session(settings, keychain, QProcessEnvironment())
            , window(session, settings)
            , tester(&window.vaultModel(), QAbstractItemModelTester::FailureReportingMode::QtTest)
        {}
        QSettings settings;
        aws::KeychainSecretStore keychain;
        ui::Session session;
        ui::MainWindow window;
        QAbstractItemModelTester tester;
    };

    static bool startDemo(ui::MainWindow &window)
    {
        QSignalSpy ready(&window, &ui::MainWindow::demoReady);
        QSignalSpy failed(&window, &ui::MainWindow::demoFailed);
        auto *button = window.findChild<QPushButton *>(QStringLiteral("welcomeDemo"));
        if (!button || !button->isVisible())
            return false;
        QTest::mouseClick(button, Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 20000))
            return false;
        if (!failed.isEmpty())
            qWarning() << failed.first().at(0).toString();
        return !ready.isEmpty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qputenv("THAW_EMULATOR", THAW_EMULATOR_PATH);
    }

    void welcomeWithoutAccounts()
    {
        Fixture f(m_dir.filePath(QStringLiteral("welcome.ini")));
        f.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.window));
        const auto *label = f.window.findChild<QLabel *>(QStringLiteral("versionLabel"));
        QVERIFY(label);
        QVERIFY(label->text().contains(QStringLiteral(THAW_VERSION)));
        QCOMPARE(versionString(), QStringLiteral(THAW_VERSION));
        QCOMPARE(f.window.windowTitle(), QStringLiteral("Thaw"));
        auto *pages = f.window.findChild<QStackedWidget *>(QStringLiteral("pages"));
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("welcomePage"));
        QVERIFY(f.window.findChild<QLabel *>(QStringLiteral("hintLabel"))
                    ->text()
                    .contains(QStringLiteral("No account yet")));
        QVERIFY(f.window.findChild<QPushButton *>(QStringLiteral("welcomeDemo"))->isVisible());
        QCOMPARE(f.window.findChild<QLabel *>(QStringLiteral("accountLabel"))->text(),
                 QStringLiteral("No account"));
    }

    void demoWithTheRealViews()
    {
        Fixture f(m_dir.filePath(QStringLiteral("demo.ini")));
        ui::TransferManager transfers(f.session, {},
                                      m_dir.filePath(QStringLiteral("transfers.json")));
        const ui::VaultViews views = ui::addVaultTabs(
            f.window, f.session, transfers, m_dir.filePath(QStringLiteral("inventory.sqlite")));
        QVERIFY(views.jobs && views.inventory && views.transfers);
        QCOMPARE(f.window.tabs().count(), 3);
        f.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.window));
        QVERIFY(startDemo(f.window));

        // The demo account, its region and the three seeded vaults.
        ui::VaultTreeModel &model = f.window.vaultModel();
        const QModelIndex region
            = model.regionIndex(QStringLiteral("Demo"), QStringLiteral("us-east-1"));
        QVERIFY(region.isValid());
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(region), 3, 15000);
        QTRY_VERIFY(model
                        .vaultIndex({QStringLiteral("Demo"), QStringLiteral("us-east-1"),
                                     QStringLiteral("demo-photos")})
                        .isValid());
        // demo-photos is selected: the views show it, the status bar names account and region.
        QTRY_COMPARE(f.window.currentVault().vault, QStringLiteral("demo-photos"));
        QCOMPARE(views.jobs->vault().vault, QStringLiteral("demo-photos"));
        QCOMPARE(views.inventory->vault().vault, QStringLiteral("demo-photos"));
        QVERIFY(f.window.findChild<QLabel *>(QStringLiteral("accountLabel"))
                    ->text()
                    .contains(QStringLiteral("Demo")));
        QCOMPARE(f.window.findChild<QLabel *>(QStringLiteral("regionLabel"))->text(),
                 QStringLiteral("Region: us-east-1"));
        auto *pages = f.window.findChild<QStackedWidget *>(QStringLiteral("pages"));
        QCOMPARE(pages->currentWidget(), &f.window.tabs());

        // The vault's figures come from the emulator's seed: every sample description is an
        // archive, and one inventory has completed.
        const QModelIndex photos = model.vaultIndex(f.window.currentVault());
        QVERIFY(photos.siblingAtColumn(ui::VaultTreeModel::ArchivesColumn)
                    .data(ui::VaultTreeModel::RawValueRole)
                    .toLongLong()
                >= 3);
        QVERIFY(photos.siblingAtColumn(ui::VaultTreeModel::InventoryColumn)
                    .data(ui::VaultTreeModel::RawValueRole)
                    .toDateTime()
                    .isValid());

        // The Jobs view lists the seeded jobs: one inventory and six archive retrievals in
        // every state.
        auto *jobsTable = views.jobs->findChild<QTableView *>();
        QVERIFY(jobsTable);
        QTRY_COMPARE_WITH_TIMEOUT(jobsTable->model()->rowCount(), 7, 15000);

        // The demo's inventory was fetched into the cache: the Inventory tab lists it.
        QTRY_VERIFY_WITH_TIMEOUT(views.inventory->currentInventoryId() > 0, 15000);
        QVERIFY(f.window.bannerText().isEmpty());

        // Never saved: not in the settings, and no keychain entry was asked for.
        f.settings.sync();
        QVERIFY(!aws::AccountStore(f.settings).contains(QStringLiteral("Demo")));
        QVERIFY(!f.keychain.holdsSessionOnlySecret(QStringLiteral("Demo")));
        f.window.close();
        QVERIFY(f.settings.contains(QStringLiteral("ui/window/geometry")));
        QVERIFY(!f.settings.contains(QStringLiteral("ui/lastVault")));
    }

    void shortcutsGoToTheCurrentTab()
    {
        Fixture f(m_dir.filePath(QStringLiteral("keys.ini")));
        FakeTab jobs, inventory;
        f.window.addTab(jobs.tab(QStringLiteral("Jobs")));
        f.window.addTab(inventory.tab(QStringLiteral("Inventory")));
        f.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.window));
        QVERIFY(startDemo(f.window));
        QTRY_COMPARE(jobs.vault.vault, QStringLiteral("demo-photos"));
        QCOMPARE(inventory.vault, jobs.vault);

        f.window.tabs().setCurrentIndex(0);
        jobs.widget->setFocus();
        QTest::keyClick(&f.window, Qt::Key_F5);
        QTest::keyClick(&f.window, Qt::Key_F, Qt::ControlModifier);
        QTest::keyClick(&f.window, Qt::Key_Delete);
        QCOMPARE(jobs.refreshes, 1);
        QCOMPARE(jobs.finds, 1);
        QCOMPARE(jobs.cancels, 1);
        QCOMPARE(inventory.refreshes + inventory.finds + inventory.cancels, 0);

        f.window.tabs().setCurrentIndex(1);
        QTest::keyClick(&f.window, Qt::Key_F5);
        QTest::keyClick(&f.window, Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(inventory.refreshes, 1);
        QCOMPARE(inventory.finds, 1);
        QCOMPARE(jobs.refreshes, 1);

        // F5 in the sidebar lists the vaults again instead.
        QSignalSpy loaded(&f.window.vaultModel(), &ui::VaultTreeModel::regionLoaded);
        f.window.sidebar().setFocus();
        QTRY_VERIFY(f.window.sidebar().hasFocus());
        QTest::keyClick(&f.window.sidebar(), Qt::Key_F5);
        QVERIFY(uitest::waitFor(loaded));
        QCOMPARE(inventory.refreshes, 1);

        // Selecting another vault with the keyboard reaches every tab.
        const QModelIndex docs
            = f.window.vaultModel().vaultIndex({QStringLiteral("Demo"), QStringLiteral("us-east-1"),
                                                QStringLiteral("demo-documents")});
        QVERIFY(docs.isValid());
        f.window.sidebar().setCurrentIndex(docs);
        QCOMPARE(jobs.vault.vault, QStringLiteral("demo-documents"));
        QCOMPARE(inventory.vault.vault, QStringLiteral("demo-documents"));

        // Removing the demo account clears the tabs and returns to the welcome page.
        f.window.sidebar().setCurrentIndex(
            f.window.vaultModel().accountIndex(QStringLiteral("Demo")));
        bool removed = false;
        f.session.removeAccount(QStringLiteral("Demo"), [&](const QString &) { removed = true; });
        QTRY_VERIFY(removed);
        QVERIFY(jobs.vault.isEmpty());
        auto *pages = f.window.findChild<QStackedWidget *>(QStringLiteral("pages"));
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("welcomePage"));
    }

    void errorsReachTheBanner()
    {
        Fixture f(m_dir.filePath(QStringLiteral("errors.ini")));
        f.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.window));
        QCOMPARE(f.window.bannerText(), QString());
        f.window.showError(QStringLiteral("An error occurred (ThrottlingException) when calling "
                                          "the ListJobs operation: Rate exceeded"));
        QVERIFY(f.window.bannerText().contains(QStringLiteral("ThrottlingException")));

        // Without thaw-emulator the demo says so instead of failing silently.
        qputenv("THAW_EMULATOR", "/nonexistent/thaw-emulator");
        QSignalSpy failed(&f.window, &ui::MainWindow::demoFailed);
        QTest::mouseClick(f.window.findChild<QPushButton *>(QStringLiteral("welcomeDemo")),
                          Qt::LeftButton);
        qputenv("THAW_EMULATOR", THAW_EMULATOR_PATH);
        QVERIFY(uitest::waitFor(failed));
        QVERIFY2(f.window.bannerText().contains(QStringLiteral("thaw-emulator")),
                 qPrintable(f.window.bannerText()));
        QVERIFY(!f.session.hasAccounts());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
