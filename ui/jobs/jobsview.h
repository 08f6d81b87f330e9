#pragma once

#include "ui/vaultref.h"

#include "core/glacier/jobdescription.h"
#include "core/jobs/polltimer.h"

#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
QT_END_NAMESPACE

namespace thaw::ui {

class ClientProvider;
class JobDetailsPane;
class JobNotifier;
class JobsFilterProxy;
class JobsModel;
class TransferManager;
class VaultJobs;

// The Jobs tab: the selected vault's jobs (every page of List Jobs) with a live expiry
// countdown, filters, search and sort; a details pane with every Describe Job field; download
// (to TransferManager), copy job id, request again when expired. In-progress jobs are followed
// by a job watcher; F5 (refresh()) lists again and polls them at once.
class JobsView final : public QWidget
{
    Q_OBJECT

public:
    JobsView(ClientProvider &clients, TransferManager &transfers, QWidget *parent = nullptr);
    // With an injected clock (tests).
    JobsView(ClientProvider &clients, TransferManager &transfers, jobs::Clock clock,
             QWidget *parent = nullptr);
    ~JobsView() override;

    void setVault(const VaultRef &vault);
    VaultRef vault() const;
    // Desktop notifications when a watched job completes or fails; not owned, may be null.
    void setNotifier(const JobNotifier *notifier);

    std::optional<glacier::JobDescription> selectedJob() const;

public Q_SLOTS:
    void refresh();     // F5
    void focusSearch(); // Ctrl+F

Q_SIGNALS:
    // A download was added to the TransferManager (the main window may switch to Transfers).
    void downloadStarted(const QString &transferId);
    // Download on a succeeded inventory-retrieval job: its output belongs in the inventory
    // cache, not in the download folder (the main window fetches and imports it).
    void inventoryImportRequested(const thaw::ui::VaultRef &vault,
                                  const thaw::glacier::JobDescription &job);

private:
    void onSelectionChanged();
    void updateActions();
    void download();
    void copyJobId();
    void requestAgain();
    void showStatus(const QString &message, bool error);

    ClientProvider &m_clients;
    TransferManager &m_transfers;
    jobs::Clock m_clock;
    VaultJobs *m_jobs;
    JobsModel *m_model;
    JobsFilterProxy *m_proxy;
    const JobNotifier *m_notifier = nullptr;
    QComboBox *m_filter;
    QLineEdit *m_search;
    QTableView *m_table;
    JobDetailsPane *m_details;
    QLabel *m_status;
};

} // namespace thaw::ui
