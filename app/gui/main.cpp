// thaw: the desktop application. Wiring only: the session, the views and the window live in ui/.
#include "app/common/allocatorpolicy.h"
#include "core/aws/keychainsecretstore.h"
#include "core/glacier/glacierclient.h"
#include "core/inventory/inventorycache.h"
#include "core/version.h"
#include "quitonsignal.h"
#include "ui/accounts/accountdialog.h"
#include "ui/jobs/jobnotifier.h"
#include "ui/jobs/jobsview.h"
#include "ui/mainwindow.h"
#include "ui/session/session.h"
#include "ui/session/vaulttabs.h"
#include "ui/transfers/preferencesdialog.h"
#include "ui/transfers/transfermanager.h"
#include "ui/transfers/transfersettings.h"
#include "ui/transfers/transfersview.h"
#include "ui/vaults/vaultsidebar.h"
#include "ui/vaults/vaulttreemodel.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDir>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace thaw;

namespace {

// --screenshot-view NAME (hidden; docs/screenshots.sh): once the demo's vault is listed, shows
// NAME — a job selected, downloads of the succeeded jobs under way — and prints
// "SCREENSHOT-READY NAME" on stdout, so a script can capture the screen.
void driveScreenshot(ui::MainWindow &window, ui::Session &session, ui::TransferManager &transfers,
                     const ui::VaultViews &views, const QString &downloadDir, const QString &view)
{
    auto shown = std::make_shared<bool>(false);
    auto show = [&window, &session, &transfers, views, downloadDir, view, shown] {
        const ui::VaultRef vault{QStringLiteral("Demo"), QStringLiteral("us-east-1"),
                                 QStringLiteral("demo-photos")};
        if (*shown || !window.vaultModel().vaultIndex(vault).isValid())
            return;
        *shown = true;
        window.setGeometry(0, 0, 1280, 800); // the whole virtual screen, no window manager
        window.sidebar().selectVault(vault);
        const QStringList tabs{QStringLiteral("jobs"), QStringLiteral("inventory"),
                               QStringLiteral("transfers")};
        if (tabs.contains(view))
            window.tabs().setCurrentIndex(int(tabs.indexOf(view)));
        if (view == u"account-dialog") {
            auto *dialog = new ui::AccountDialog(session, nullptr, &window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->findChild<QLineEdit *>(QStringLiteral("name"))
                ->setText(QStringLiteral("backups"));
            dialog->findChild<QLineEdit *>(QStringLiteral("accessKeyId"))
                ->setText(QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
            dialog->findChild<QLineEdit *>(QStringLiteral("secretAccessKey"))
                ->setText(QStringLiteral("not-a-real-secret-key"));
            dialog->findChild<QComboBox *>(QStringLiteral("region"))
                ->setCurrentText(QStringLiteral("eu-west-1"));
            dialog->open();
        }
        if (view == u"transfers") {
            // The succeeded archive jobs, downloaded and verified.
            if (glacier::GlacierClient *client = session.client(vault.account, vault.region)) {
                client->listAllJobs(
                    vault.vault, {},
                    [&transfers, vault,
                     downloadDir](glacier::Result<QList<glacier::JobDescription>> jobs) {
                        if (!jobs)
                            return;
                        int n = 0;
                        for (const glacier::JobDescription &job : jobs.value()) {
                            if (job.action == glacier::JobAction::ArchiveRetrieval
                                && job.statusCode == glacier::JobStatus::Succeeded)
                                transfers.download(
                                    vault, job,
                                    QDir(downloadDir)
                                        .filePath(QStringLiteral("restore-%1.bin").arg(++n)));
                        }
                    });
            }
        }
        // Views fill asynchronously (jobs, inventories, downloads): give them time to paint.
        QTimer::singleShot(2500, &window, [&window, views, view, tabs] {
            // The demo's inventory import may end after the vault was selected and bring the
            // Inventory tab forward (ui/session/vaulttabs.cpp): show the wanted view again.
            if (tabs.contains(view))
                window.tabs().setCurrentIndex(int(tabs.indexOf(view)));
            if (view == u"jobs") {
                if (auto *table = views.jobs->findChild<QTableView *>())
                    table->selectRow(3);
            }
        });
        QTimer::singleShot(5000, &window, [view] {
            std::printf("SCREENSHOT-READY %s\n", qPrintable(view));
            std::fflush(stdout);
        });
    };
    QObject::connect(&window.vaultModel(), &ui::VaultTreeModel::regionLoaded, &window, show);
    QObject::connect(&window, &ui::MainWindow::demoFailed, &window, [](const QString &message) {
        std::fprintf(stderr, "thaw: demo failed: %s\n", qPrintable(message));
        QCoreApplication::exit(1);
    });
}

} // namespace

int main(int argc, char *argv[])
{
    thaw::app::keepTransferBuffersInHeap();
    QApplication app(argc, argv);
    thaw::app::quitOnTerminationSignals(app);
    QApplication::setApplicationName(QStringLiteral("thaw"));
    QApplication::setApplicationDisplayName(QStringLiteral("Thaw"));
    QApplication::setOrganizationName(QStringLiteral("thaw"));
    QApplication::setApplicationVersion(versionString());
    QApplication::setDesktopFileName(QStringLiteral("io.github.thaw.Thaw"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Restores from Amazon S3 Glacier vaults."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QStringLiteral("Start with the demo: sample vaults on a local thaw-emulator (nothing is "
                       "saved; your accounts are not shown)."));
    QCommandLineOption screenshotOption(QStringLiteral("screenshot-view"),
                                        QStringLiteral("docs/screenshots.sh only."),
                                        QStringLiteral("view"));
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({demoOption, screenshotOption});
    parser.process(app);
    const bool demo = parser.isSet(demoOption) || parser.isSet(screenshotOption);

    // The demo keeps everything (settings, downloads list, inventory cache) in a temporary
    // folder: it never touches the user's accounts or files.
    std::unique_ptr<QTemporaryDir> demoDir;
    std::unique_ptr<QSettings> settings;
    QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QString cachePath = inventory::defaultCachePath();
    if (demo) {
        demoDir = std::make_unique<QTemporaryDir>();
        dataDir = demoDir->path();
        cachePath = demoDir->filePath(QStringLiteral("inventory.sqlite"));
        settings = std::make_unique<QSettings>(demoDir->filePath(QStringLiteral("thaw.ini")),
                                               QSettings::IniFormat);
    } else {
        settings = std::make_unique<QSettings>();
    }
    QDir().mkpath(dataDir);

    aws::KeychainSecretStore keychain;
    ui::Session session(*settings, keychain, QProcessEnvironment::systemEnvironment());
    ui::TransferManager transfers(session, ui::TransferSettings::load(*settings),
                                  QDir(dataDir).filePath(QStringLiteral("transfers.json")));
    // Desktop notifications when a watched job completes or fails (the tray icon shows only
    // where a system tray exists).
    QSystemTrayIcon tray(QIcon(QStringLiteral(":/icons/thaw.svg")));
    tray.setToolTip(QStringLiteral("Thaw"));
    if (QSystemTrayIcon::isSystemTrayAvailable())
        tray.show();
    const ui::JobNotifier notifier(&tray);
    ui::MainWindow window(session, *settings);
    const ui::VaultViews views = ui::addVaultTabs(window, session, transfers, cachePath);
    QObject::connect(views.transfers, &ui::TransfersView::preferencesRequested, &window,
                     [&window, &transfers, &settings] {
                         ui::PreferencesDialog dialog(transfers.settings(), &window);
                         if (dialog.exec() != QDialog::Accepted)
                             return;
                         transfers.setSettings(dialog.settings());
                         dialog.settings().save(*settings);
                     });
    // The Transfers table's column widths, as the user left them.
    views.transfers->restoreHeaderState(
        settings->value(ui::TransfersView::headerStateKey()).toByteArray());
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &window, [&settings, &views] {
        settings->setValue(ui::TransfersView::headerStateKey(), views.transfers->headerState());
    });
    views.jobs->setNotifier(&notifier);
    if (!transfers.loadError().isEmpty())
        window.showError(transfers.loadError());

    if (!demo) {
        session.load();
        window.setDemoLauncher([&window] {
            if (!QProcess::startDetached(QCoreApplication::applicationFilePath(),
                                         {QStringLiteral("--demo")}))
                window.showError(QObject::tr("The demo could not be started."));
        });
    }
    window.restoreState();
    window.show();
    if (parser.isSet(screenshotOption))
        driveScreenshot(window, session, transfers, views, dataDir, parser.value(screenshotOption));
    if (demo)
        window.startDemo();
    return app.exec();
}
