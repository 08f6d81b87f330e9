#include "jobsview.h"

#include "jobdetailspane.h"
#include "jobexpiry.h"
#include "jobname.h"
#include "jobnotifier.h"
#include "jobsfilterproxy.h"
#include "jobsmodel.h"
#include "vaultjobs.h"
#include "ui/transfers/transfermanager.h"

#include "core/transfer/downloadengine.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace thaw::ui {

using namespace Qt::StringLiterals;

JobsView::JobsView(ClientProvider &clients, TransferManager &transfers, QWidget *parent)
    : JobsView(clients, transfers, jobs::systemClock, parent)
{}

JobsView::JobsView(ClientProvider &clients, TransferManager &transfers, jobs::Clock clock,
                   QWidget *parent)
    : QWidget(parent)
    , m_clients(clients)
    , m_transfers(transfers)
    , m_clock(std::move(clock))
    , m_jobs(new VaultJobs(clients, m_clock, this))
    , m_model(new JobsModel(
          *m_jobs, m_clock,
          [this] {
              const qint64 measured = m_transfers.measuredRate();
              return measured > 0 ? measured : m_transfers.settings().assumedRate;
          },
          this))
    , m_proxy(new JobsFilterProxy(this))
    , m_filter(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_details(new JobDetailsPane(this))
    , m_status(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);

    m_filter->setObjectName(u"jobsFilter"_s);
    m_filter->addItem(tr("All jobs"), JobsFilterProxy::All);
    m_filter->addItem(tr("In progress"), JobsFilterProxy::InProgress);
    m_filter->addItem(tr("Succeeded"), JobsFilterProxy::Succeeded);
    m_filter->addItem(tr("Failed"), JobsFilterProxy::Failed);
    m_filter->addItem(tr("Expiring soon"), JobsFilterProxy::ExpiringSoon);
    m_search->setObjectName(u"jobsSearch"_s);
    m_search->setPlaceholderText(tr("Search jobs (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    auto *refreshButton = new QToolButton(this);
    refreshButton->setObjectName(u"jobsRefresh"_s);
    refreshButton->setText(tr("Refresh"));
    refreshButton->setToolTip(tr("List the jobs again and poll those in progress (F5)"));
    if (QFile::exists(u":/icons/refresh.svg"_s))
        refreshButton->setIcon(QIcon(u":/icons/refresh.svg"_s));
    refreshButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_table->setObjectName(u"jobsTable"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(JobsModel::Created, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents); // a vault lists few jobs
    header->setSectionResizeMode(JobsModel::Description, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);

    m_status->setObjectName(u"jobsStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter);
    bar->addWidget(m_search, 1);
    bar->addWidget(refreshButton);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);

    auto *refreshShortcut = new QShortcut(QKeySequence::Refresh, this);
    refreshShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    auto *findShortcut = new QShortcut(QKeySequence::Find, this);
    findShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshShortcut, &QShortcut::activated, this, &JobsView::refresh);
    connect(findShortcut, &QShortcut::activated, this, &JobsView::focusSearch);
    connect(refreshButton, &QToolButton::clicked, this, &JobsView::refresh);
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setFilter(JobsFilterProxy::Filter(m_filter->currentData().toInt()));
    });
    connect(m_search, &QLineEdit::textChanged, m_proxy, &JobsFilterProxy::setSearchText);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &JobsView::onSelectionChanged);
    // A reset or an update of the selected job: show its fresh fields.
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &JobsView::onSelectionChanged);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const QModelIndex current = m_table->selectionModel()->currentIndex();
                if (current.isValid() && current.row() >= topLeft.row()
                    && current.row() <= bottomRight.row()
                    && topLeft.column() <= JobsModel::Status)
                    onSelectionChanged();
                else if (current.isValid())
                    updateActions();
            });
    connect(m_details, &JobDetailsPane::downloadRequested, this, &JobsView::download);
    connect(m_details, &JobDetailsPane::copyJobIdRequested, this, &JobsView::copyJobId);
    connect(m_details, &JobDetailsPane::requestAgainRequested, this, &JobsView::requestAgain);

    connect(m_jobs, &VaultJobs::loadingChanged, this, [this](bool loading) {
        if (loading)
            showStatus(tr("Listing the jobs of %1…").arg(m_jobs->vault().vault), false);
        else if (m_jobs->errorString().isEmpty())
            showStatus({}, false);
    });
    connect(m_jobs, &VaultJobs::errorOccurred, this,
            [this](const QString &message) { showStatus(message, true); });
    connect(m_jobs, &VaultJobs::jobCompleted, this,
            [this](const VaultRef &vault, const glacier::JobDescription &job) {
                if (m_notifier)
                    m_notifier->jobCompleted(vault, job);
            });
    connect(m_jobs, &VaultJobs::jobFailed, this,
            [this](const VaultRef &vault, const glacier::JobDescription &job) {
                if (m_notifier)
                    m_notifier->jobFailed(vault, job);
            });
    connect(m_jobs, &VaultJobs::jobInitiated, this, [this](const VaultRef &, const QString &id) {
        showStatus(tr("Requested again: job %1.").arg(id), false);
    });
}

JobsView::~JobsView() = default;

void JobsView::setVault(const VaultRef &vault)
{
    m_details->setJob(std::nullopt);
    m_jobs->setVault(vault);
}

VaultRef JobsView::vault() const
{
    return m_jobs->vault();
}

void JobsView::setNotifier(const JobNotifier *notifier)
{
    m_notifier = notifier;
}

void JobsView::refresh()
{
    m_jobs->refresh();
}

void JobsView::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

std::optional<glacier::JobDescription> JobsView::selectedJob() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty() && !current.isValid())
        return std::nullopt;
    const QModelIndex index = rows.isEmpty() ? current : rows.first();
    const int row = m_jobs->indexOf(index.data(JobsModel::JobIdRole).toString());
    if (row < 0)
        return std::nullopt;
    return m_jobs->jobs().at(row);
}

void JobsView::onSelectionChanged()
{
    m_details->setJob(selectedJob());
    updateActions();
}

void JobsView::updateActions()
{
    const std::optional<glacier::JobDescription> job = selectedJob();
    if (!job) {
        m_details->setActions(false, false);
        return;
    }
    const ExpiryState state = evaluateExpiry(*job, m_clock(), 0).state;
    const bool available = state != ExpiryState::NoOutput && state != ExpiryState::Expired;
    m_details->setActions(available, state == ExpiryState::Expired);
}

void JobsView::download()
{
    const std::optional<glacier::JobDescription> job = selectedJob();
    if (!job)
        return;
    if (job->action == glacier::JobAction::InventoryRetrieval) {
        showStatus(tr("Importing %1 into the inventory cache…").arg(jobDisplayName(*job)), false);
        Q_EMIT inventoryImportRequested(m_jobs->vault(), *job);
        return;
    }
    const QDir folder(m_transfers.settings().downloadFolder);
    const QString name = suggestedFileName(*job);
    QString path = folder.absoluteFilePath(name);
    // An existing file is never replaced; a .part with its journal is the same download, which
    // resumes. Anything else gets " (n)" before the extension.
    const QFileInfo info(name);
    for (int n = 1; QFileInfo::exists(path)
                    && !QFileInfo::exists(transfer::DownloadEngine::journalPath(path));
         ++n) {
        const QString suffix = info.completeSuffix();
        path = folder.absoluteFilePath(
            suffix.isEmpty() ? u"%1 (%2)"_s.arg(info.baseName()).arg(n)
                             : u"%1 (%2).%3"_s.arg(info.baseName()).arg(n).arg(suffix));
    }
    QString error;
    const QString id = m_transfers.download(m_jobs->vault(), *job, path, &error);
    if (id.isEmpty()) {
        showStatus(tr("Cannot download %1: %2").arg(jobDisplayName(*job), error), true);
        return;
    }
    showStatus(tr("Downloading %1 to %2.").arg(jobDisplayName(*job), QDir::toNativeSeparators(path)),
               false);
    Q_EMIT downloadStarted(id);
}

void JobsView::copyJobId()
{
    if (const std::optional<glacier::JobDescription> job = selectedJob())
        QApplication::clipboard()->setText(job->jobId);
}

void JobsView::requestAgain()
{
    const std::optional<glacier::JobDescription> job = selectedJob();
    if (!job)
        return;
    QString error;
    if (!m_jobs->requestAgain(*job, &error))
        showStatus(error, true);
}

void JobsView::showStatus(const QString &message, bool error)
{
    m_status->setText(message);
    m_status->setStyleSheet(error ? u"color: #b01e1e;"_s : QString());
    m_status->setVisible(!message.isEmpty());
}

} // namespace thaw::ui
