#include "mainwindow.h"

#include "ui/accounts/accountdialog.h"
#include "ui/accounts/importprofilesdialog.h"
#include "ui/accounts/regions.h"
#include "ui/session/demoemulator.h"
#include "ui/session/messagebanner.h"
#include "ui/session/session.h"
#include "ui/vaults/vaultsidebar.h"
#include "ui/vaults/vaulttreemodel.h"

#include "core/version.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace thaw::ui {

namespace {

const QString geometryKey = QStringLiteral("ui/window/geometry");
const QString stateKey = QStringLiteral("ui/window/state");
const QString splitterKey = QStringLiteral("ui/window/splitter");
const QString tabKey = QStringLiteral("ui/window/tab");
const QString lastVaultKey = QStringLiteral("ui/lastVault");
const QString demoName = QStringLiteral("Demo");

QIcon icon(const char *name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

} // namespace

MainWindow::MainWindow(Session &session, QSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_settings(settings)
    , m_model(new VaultTreeModel(session, this))
    , m_sidebar(new VaultSidebar(*m_model, this))
    , m_splitter(new QSplitter(this))
    , m_pages(new QStackedWidget(this))
    , m_welcome(new QWidget(this))
    , m_hint(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_banner(new MessageBanner(this))
    , m_accountLabel(new QLabel(this))
    , m_regionLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Thaw"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/thaw.svg")));
    m_pages->setObjectName(QStringLiteral("pages"));
    m_tabs->setObjectName(QStringLiteral("vaultTabs"));
    m_tabs->setDocumentMode(true);
    m_accountLabel->setObjectName(QStringLiteral("accountLabel"));
    m_regionLabel->setObjectName(QStringLiteral("regionLabel"));

    // The welcome page: what Thaw is, and the three ways to begin.
    m_welcome->setObjectName(QStringLiteral("welcomePage"));
    auto *welcome = new QVBoxLayout(m_welcome);
    auto *logo = new QLabel(m_welcome);
    logo->setPixmap(QIcon(QStringLiteral(":/icons/thaw.svg")).pixmap(96, 96));
    logo->setAlignment(Qt::AlignCenter);
    auto *title = new QLabel(tr("<h1>Thaw</h1>"), m_welcome);
    title->setAlignment(Qt::AlignCenter);
    auto *tagline = new QLabel(tr("Get your data out of Amazon S3 Glacier vaults."), m_welcome);
    tagline->setAlignment(Qt::AlignCenter);
    auto *version = new QLabel(tr("Version %1").arg(versionString()), m_welcome);
    version->setObjectName(QStringLiteral("versionLabel"));
    version->setAlignment(Qt::AlignCenter);
    m_hint->setObjectName(QStringLiteral("hintLabel"));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(icon("add"), tr("Add an account…"), m_welcome);
    add->setObjectName(QStringLiteral("welcomeAddAccount"));
    auto *import = new QPushButton(icon("import"), tr("Import from ~/.aws…"), m_welcome);
    import->setObjectName(QStringLiteral("welcomeImport"));
    auto *demo = new QPushButton(icon("demo"), tr("Try the demo"), m_welcome);
    demo->setObjectName(QStringLiteral("welcomeDemo"));
    demo->setToolTip(tr("Sample vaults on a local thaw-emulator: nothing is saved and nothing "
                        "leaves this computer."));
    buttons->addStretch();
    buttons->addWidget(add);
    buttons->addWidget(import);
    buttons->addWidget(demo);
    buttons->addStretch();
    connect(add, &QPushButton::clicked, this, &MainWindow::addAccount);
    connect(import, &QPushButton::clicked, this, &MainWindow::importProfiles);
    connect(demo, &QPushButton::clicked, this, &MainWindow::startDemo);
    welcome->addStretch();
    welcome->addWidget(logo);
    welcome->addWidget(title);
    welcome->addWidget(tagline);
    welcome->addWidget(version);
    welcome->addSpacing(16);
    welcome->addWidget(m_hint);
    welcome->addLayout(buttons);
    welcome->addStretch();
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_tabs);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_banner);
    rightLayout->addWidget(m_pages, 1);
    m_splitter->setObjectName(QStringLiteral("splitter"));
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({440, 840});
    setCentralWidget(m_splitter);

    statusBar()->addPermanentWidget(m_accountLabel);
    statusBar()->addPermanentWidget(m_regionLabel);

    createActions();
    connect(m_sidebar, &VaultSidebar::currentRefChanged, this, &MainWindow::onCurrentRefChanged);
    connect(m_sidebar, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        menu.addAction(m_editAccount);
        menu.addAction(m_removeAccount);
        menu.addAction(m_addRegion);
        menu.addSeparator();
        menu.addAction(icon("refresh"), tr("Refresh"), this,
                       [this] { m_model->refresh(m_sidebar->currentIndex()); });
        menu.exec(m_sidebar->viewport()->mapToGlobal(pos));
    });
    connect(&m_session, &Session::warning, this, [this](const QString &message) {
        m_banner->showMessage(message, false);
        statusBar()->showMessage(message, 10000);
    });
    connect(&m_session, &Session::accountsChanged, this, &MainWindow::updatePages);
    connect(m_model, &VaultTreeModel::regionLoaded, this,
            [this](const QString &account, const QString &region, const QString &error) {
                if (!error.isEmpty())
                    statusBar()->showMessage(tr("%1 / %2: %3").arg(account, region, error), 10000);
            });
    updatePages();
    onCurrentRefChanged({});
    resize(1200, 760);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *accounts = menuBar()->addMenu(tr("&Accounts"));
    QAction *add
        = accounts->addAction(icon("add"), tr("&Add Account…"), this, &MainWindow::addAccount);
    add->setObjectName(QStringLiteral("actionAddAccount"));
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    QAction *import = accounts->addAction(icon("import"), tr("&Import from ~/.aws…"), this,
                                          &MainWindow::importProfiles);
    import->setObjectName(QStringLiteral("actionImportProfiles"));
    m_editAccount
        = accounts->addAction(icon("edit"), tr("&Edit Account…"), this, &MainWindow::editAccount);
    m_editAccount->setObjectName(QStringLiteral("actionEditAccount"));
    m_removeAccount = accounts->addAction(icon("remove"), tr("&Remove Account"), this,
                                          &MainWindow::removeAccount);
    m_removeAccount->setObjectName(QStringLiteral("actionRemoveAccount"));
    m_addRegion = accounts->addAction(icon("region"), tr("Show Another &Region…"), this,
                                      &MainWindow::addRegion);
    m_addRegion->setObjectName(QStringLiteral("actionAddRegion"));
    accounts->addSeparator();
    m_demoAction
        = accounts->addAction(icon("demo"), tr("Try the &Demo"), this, &MainWindow::startDemo);
    m_demoAction->setObjectName(QStringLiteral("actionDemo"));
    accounts->addSeparator();
    QAction *quit = accounts->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *refresh = view->addAction(icon("refresh"), tr("&Refresh"), this, &MainWindow::refresh);
    refresh->setObjectName(QStringLiteral("actionRefresh"));
    refresh->setShortcut(QKeySequence(Qt::Key_F5));
    QAction *find = view->addAction(icon("search"), tr("&Find"), this, &MainWindow::find);
    find->setObjectName(QStringLiteral("actionFind"));
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    QAction *cancel
        = view->addAction(icon("cancel"), tr("&Cancel Selected"), this, &MainWindow::cancel);
    cancel->setObjectName(QStringLiteral("actionCancel"));
    cancel->setShortcut(QKeySequence(Qt::Key_Delete));
    // Window-wide, whichever child has the focus.
    for (QAction *action : {refresh, find, cancel})
        action->setShortcutContext(Qt::WindowShortcut);
    addAction(refresh);
    addAction(find);
    addAction(cancel);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Thaw"), this, [this] {
        QMessageBox::about(this, tr("About Thaw"),
                           tr("<b>Thaw %1</b><p>Restores from Amazon S3 Glacier vaults: see what "
                              "they hold, follow retrieval jobs, download archives verified by "
                              "their SHA-256 tree hash.</p>")
                               .arg(versionString()));
    });

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(add);
    toolbar->addAction(import);
    toolbar->addSeparator();
    toolbar->addAction(refresh);
}

void MainWindow::addTab(VaultTab tab)
{
    m_tabs->addTab(tab.widget, tab.icon, tab.title);
    if (tab.setVault)
        tab.setVault(m_vault);
    m_tabList.push_back(std::move(tab));
    updatePages();
}

void MainWindow::restoreState()
{
    restoreGeometry(m_settings.value(geometryKey).toByteArray());
    QMainWindow::restoreState(m_settings.value(stateKey).toByteArray());
    m_splitter->restoreState(m_settings.value(splitterKey).toByteArray());
    m_tabs->setCurrentIndex(m_settings.value(tabKey, 0).toInt());
    const QStringList last = m_settings.value(lastVaultKey).toStringList();
    if (last.size() == 3)
        m_sidebar->selectVault(VaultRef{last[0], last[1], last[2]});
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.setValue(geometryKey, saveGeometry());
    m_settings.setValue(stateKey, saveState());
    m_settings.setValue(splitterKey, m_splitter->saveState());
    m_settings.setValue(tabKey, m_tabs->currentIndex());
    const auto account = m_session.account(m_vault.account);
    if (!m_vault.isEmpty() && account && account->isSaved())
        m_settings.setValue(lastVaultKey,
                            QStringList{m_vault.account, m_vault.region, m_vault.vault});
    QMainWindow::closeEvent(event);
}

QString MainWindow::bannerText() const
{
    return m_banner->isVisible() ? m_banner->text() : QString();
}

void MainWindow::onCurrentRefChanged(const VaultRef &ref)
{
    m_ref = ref;
    const auto account = m_session.account(ref.account);
    m_accountLabel->setText(ref.account.isEmpty() ? tr("No account")
                            : account && account->kind == SessionAccount::Kind::Demo
                                ? tr("Account: %1 (demo, not saved)").arg(ref.account)
                                : tr("Account: %1").arg(ref.account));
    m_regionLabel->setText(ref.region.isEmpty() ? QString() : tr("Region: %1").arg(ref.region));
    const bool haveAccount = account.has_value();
    m_editAccount->setEnabled(haveAccount && account->kind != SessionAccount::Kind::Demo);
    m_removeAccount->setEnabled(haveAccount);
    m_addRegion->setEnabled(haveAccount && account->kind != SessionAccount::Kind::Demo);
    if (!ref.isEmpty() && ref != m_vault) {
        m_vault = ref;
        setWindowTitle(tr("%1 — Thaw").arg(ref.vault));
        for (const VaultTab &tab : m_tabList) {
            if (tab.setVault)
                tab.setVault(ref);
        }
    }
    updatePages();
}

void MainWindow::updatePages()
{
    const bool anyAccount = m_session.hasAccounts();
    m_demoAction->setEnabled(!m_demo && !m_session.account(demoName));
    if (!m_vault.isEmpty() && !m_session.account(m_vault.account)) {
        // The account of the shown vault was removed.
        m_vault = {};
        setWindowTitle(tr("Thaw"));
        for (const VaultTab &tab : m_tabList) {
            if (tab.setVault)
                tab.setVault({});
        }
    }
    if (!m_vault.isEmpty() && !m_tabList.empty()) {
        m_pages->setCurrentWidget(m_tabs);
        return;
    }
    m_hint->setText(anyAccount ? tr("Choose a vault on the left to see its jobs and inventory.")
                               : tr("No account yet. Add your AWS access key, import a profile "
                                    "of the AWS CLI, or try Thaw on sample vaults first."));
    m_pages->setCurrentWidget(m_welcome);
}

const VaultTab *MainWindow::currentTab() const
{
    const int index = m_tabs->currentIndex();
    if (m_pages->currentWidget() != m_tabs || index < 0 || size_t(index) >= m_tabList.size())
        return nullptr;
    return &m_tabList[size_t(index)];
}

QString MainWindow::currentAccount() const
{
    return m_ref.account;
}

void MainWindow::refresh()
{
    const VaultTab *tab = currentTab();
    if (m_sidebar->hasFocus() || !tab || !tab->refresh) {
        m_model->refresh(m_sidebar->hasFocus() ? m_sidebar->currentIndex() : QModelIndex());
        statusBar()->showMessage(tr("Listing the vaults again…"), 3000);
        return;
    }
    tab->refresh();
}

void MainWindow::find()
{
    if (const VaultTab *tab = currentTab(); tab && tab->find)
        tab->find();
}

void MainWindow::cancel()
{
    if (const VaultTab *tab = currentTab(); tab && tab->cancel)
        tab->cancel();
}

void MainWindow::showError(const QString &message)
{
    m_banner->showMessage(message, true);
}

void MainWindow::addAccount()
{
    auto *dialog = new AccountDialog(m_session, nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::importProfiles()
{
    auto *dialog
        = new ImportProfilesDialog(m_session, QProcessEnvironment::systemEnvironment(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::editAccount()
{
    const auto account = m_session.account(currentAccount());
    if (!account || account->kind == SessionAccount::Kind::Demo)
        return;
    auto *dialog = new AccountDialog(m_session, &account->account, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::removeAccount()
{
    const QString name = currentAccount();
    const auto account = m_session.account(name);
    if (!account)
        return;
    auto *box
        = new QMessageBox(QMessageBox::Question, tr("Remove Account"),
                          account->kind == SessionAccount::Kind::Keychain
                              ? tr("Remove account %1 and its secret key from the system "
                                   "keychain? Downloads already on disk stay.")
                                    .arg(name)
                              : tr("Remove account %1? Downloads already on disk stay.").arg(name),
                          QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("removeAccountBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, name](int result) {
        if (result != QMessageBox::Yes)
            return;
        m_session.removeAccount(name, [this, name](const QString &error) {
            if (!error.isEmpty())
                showError(error);
            else
                statusBar()->showMessage(tr("Account %1 removed.").arg(name), 5000);
        });
    });
    box->open();
}

void MainWindow::addRegion()
{
    const QString account = currentAccount();
    if (!m_session.account(account))
        return;
    QStringList choices = knownRegions();
    for (const QString &shown : m_session.regions(account))
        choices.removeAll(shown);
    bool ok = false;
    const QString region
        = QInputDialog::getItem(this, tr("Show Another Region"),
                                tr("Region of account %1:").arg(account), choices, 0, true, &ok);
    if (ok && !region.isEmpty())
        m_session.addRegion(account, region.trimmed());
}

void MainWindow::startDemo()
{
    if (m_demo)
        return;
    if (m_demoLauncher) {
        m_demoLauncher();
        return;
    }
    if (m_session.account(demoName)) {
        showError(tr("The demo needs the account name \"%1\", which an account of yours "
                     "already has.")
                      .arg(demoName));
        return;
    }
    m_demo = new DemoEmulator(this);
    m_demoAction->setEnabled(false);
    statusBar()->showMessage(tr("Starting the demo's local Glacier (thaw-emulator)…"));
    connect(m_demo, &DemoEmulator::ready, this, [this](const QUrl &endpoint) {
        aws::Account account{demoName, m_demo->accessKeyId(), m_demo->region()};
        account.endpointUrl = endpoint.toString();
        QString error;
        if (!m_session.addDemoAccount(
                account, aws::Credentials(m_demo->accessKeyId(), m_demo->secretAccessKey()),
                &error)) {
            showError(error);
            Q_EMIT demoFailed(error);
            return;
        }
        statusBar()->showMessage(tr("Demo ready: sample vaults on %1").arg(endpoint.toString()),
                                 10000);
        m_sidebar->selectVault(VaultRef{demoName, m_demo->region(), QStringLiteral("demo-photos")});
        Q_EMIT demoReady();
    });
    connect(m_demo, &DemoEmulator::failed, this, [this](const QString &message) {
        showError(tr("The demo stopped: %1").arg(message));
        statusBar()->clearMessage();
        Q_EMIT demoFailed(message);
    });
    m_demo->start();
}

} // namespace thaw::ui
