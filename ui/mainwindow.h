#pragma once

#include "ui/vaultref.h"

#include <QIcon>
#include <QMainWindow>

#include <functional>
#include <vector>

QT_BEGIN_NAMESPACE
class QLabel;
class QSettings;
class QSplitter;
class QStackedWidget;
class QTabWidget;
QT_END_NAMESPACE

namespace thaw::ui {

class DemoEmulator;
class MessageBanner;
class Session;
class VaultSidebar;
class VaultTreeModel;

// One tab of the vault area (Jobs, Inventory, Transfers) and how the window drives it. Every
// callback may be empty: that tab then ignores the vault or the shortcut.
struct VaultTab
{
    QWidget *widget = nullptr; // reparented into the window
    QString title;
    QIcon icon;
    std::function<void(const VaultRef &)> setVault;
    std::function<void()> refresh; // F5
    std::function<void()> find;    // Ctrl+F
    std::function<void()> cancel;  // Delete
};

// Thaw's main window: the accounts → regions → vaults sidebar on the left; for the selected
// vault the tabs added with addTab(); the account and region in the status bar; a banner for
// errors and warnings (AWS code and a plain sentence; never swallowed). With no account, a
// welcome page offers to add one, import ~/.aws profiles or try the demo. Window state and the
// last vault are kept in the injected QSettings. F5, Ctrl+F and Delete go to the current tab
// (F5 lists the vaults again when the sidebar has the focus).
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(Session &session, QSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    void addTab(VaultTab tab);
    // How "Try the demo" starts it; by default in this window (thaw --demo, tests). The app
    // sets a separate `thaw --demo` process when the user's own accounts are loaded, so the
    // demo's downloads and cached inventories never mix with theirs.
    void setDemoLauncher(std::function<void()> launcher) { m_demoLauncher = std::move(launcher); }
    // Restores geometry, splitter, current tab and the last selected vault.
    void restoreState();

    VaultTreeModel &vaultModel() const { return *m_model; }
    VaultSidebar &sidebar() const { return *m_sidebar; }
    QTabWidget &tabs() const { return *m_tabs; }
    VaultRef currentVault() const { return m_vault; }
    // The banner's current text (empty when hidden).
    QString bannerText() const;

public Q_SLOTS:
    void addAccount();
    void importProfiles();
    void editAccount();
    void removeAccount();
    void addRegion();
    void startDemo();
    void showError(const QString &message);
    void refresh();
    void find();
    void cancel();

Q_SIGNALS:
    void demoReady(); // the demo account is in the sidebar
    void demoFailed(const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void onCurrentRefChanged(const VaultRef &ref);
    void updatePages();
    const VaultTab *currentTab() const;
    QString currentAccount() const;

    Session &m_session;
    QSettings &m_settings;
    VaultTreeModel *m_model;
    VaultSidebar *m_sidebar;
    QSplitter *m_splitter;
    QStackedWidget *m_pages;
    QWidget *m_welcome;
    QLabel *m_hint;
    QTabWidget *m_tabs;
    MessageBanner *m_banner;
    QLabel *m_accountLabel;
    QLabel *m_regionLabel;
    std::vector<VaultTab> m_tabList;
    VaultRef m_vault;
    VaultRef m_ref;
    DemoEmulator *m_demo = nullptr;
    std::function<void()> m_demoLauncher;
    QAction *m_editAccount = nullptr;
    QAction *m_removeAccount = nullptr;
    QAction *m_addRegion = nullptr;
    QAction *m_demoAction = nullptr;
};

} // namespace thaw::ui
