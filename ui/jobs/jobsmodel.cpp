#include "jobsmodel.h"

#include "jobexpiry.h"
#include "jobname.h"
#include "statusicons.h"
#include "vaultjobs.h"

#include <QLocale>

namespace thaw::ui {

using glacier::JobAction;
using glacier::JobDescription;
using glacier::JobStatus;
using namespace Qt::StringLiterals;

namespace {

QString actionText(const JobDescription &job)
{
    switch (job.action) {
    case JobAction::ArchiveRetrieval:
        return JobsModel::tr("Archive");
    case JobAction::InventoryRetrieval:
        return JobsModel::tr("Inventory");
    case JobAction::Select:
        return JobsModel::tr("Select");
    case JobAction::Unknown:
        break;
    }
    return job.actionText;
}

QString statusText(JobStatus status)
{
    switch (status) {
    case JobStatus::InProgress:
        return JobsModel::tr("In progress");
    case JobStatus::Succeeded:
        return JobsModel::tr("Succeeded");
    case JobStatus::Failed:
        return JobsModel::tr("Failed");
    case JobStatus::Unknown:
        break;
    }
    return JobsModel::tr("Unknown");
}

QString tierText(const JobDescription &job)
{
    if (!job.tier)
        return {};
    switch (*job.tier) {
    case glacier::RetrievalTier::Expedited:
        return JobsModel::tr("Expedited");
    case glacier::RetrievalTier::Standard:
        return JobsModel::tr("Standard");
    case glacier::RetrievalTier::Bulk:
        break;
    }
    return JobsModel::tr("Bulk");
}

QString dateText(const std::optional<QDateTime> &date)
{
    return date && date->isValid()
               ? QLocale().toString(date->toLocalTime(), QLocale::ShortFormat)
               : QString();
}

QVariant dateRaw(const std::optional<QDateTime> &date)
{
    return date && date->isValid() ? QVariant(date->toMSecsSinceEpoch()) : QVariant(qint64(0));
}

} // namespace

JobsModel::JobsModel(VaultJobs &source, jobs::Clock clock, RateFunction rate, QObject *parent)
    : QAbstractTableModel(parent)
    , m_source(source)
    , m_clock(std::move(clock))
    , m_rate(std::move(rate))
{
    connect(&source, &VaultJobs::aboutToReset, this, &JobsModel::beginResetModel);
    connect(&source, &VaultJobs::reset, this, &JobsModel::endResetModel);
    connect(&source, &VaultJobs::jobUpdated, this, [this](int row) {
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &JobsModel::tick);
    m_ticker.start();
}

int JobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_source.jobs().size());
}

int JobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void JobsModel::tick()
{
    const auto &jobs = m_source.jobs();
    int first = -1;
    int last = -1;
    for (int row = 0; row < jobs.size(); ++row) {
        if (jobs[row].completionDate && jobs[row].statusCode == JobStatus::Succeeded) {
            if (first < 0)
                first = row;
            last = row;
        }
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, Expires), index(last, Expires));
}

QVariant JobsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JobDescription &job = m_source.jobs().at(index.row());
    switch (role) {
    case JobIdRole:
        return job.jobId;
    case StatusRole:
        return int(job.statusCode);
    case ExpiryRole:
        return int(evaluateExpiry(job, m_clock(), m_rate ? m_rate() : 0).state);
    case SearchRole:
        return QStringList{job.jobId, jobDisplayName(job), job.jobDescription.value_or(QString()),
                           job.archiveId.value_or(QString()), actionText(job)}
            .join(u'\n');
    default:
        break;
    }

    const int column = index.column();
    if (role == Qt::DecorationRole) {
        if (column == Status)
            return jobStatusIcon(job.statusCode);
        if (column == Expires) {
            const ExpiryState state = evaluateExpiry(job, m_clock(), m_rate ? m_rate() : 0).state;
            if (state == ExpiryState::WontFit || state == ExpiryState::ExpiringSoon)
                return statusIcon(StatusIcon::Warning);
            if (state == ExpiryState::Expired)
                return statusIcon(StatusIcon::Expired);
        }
        return {};
    }
    if (role == Qt::ToolTipRole && column == Expires) {
        const ExpiryInfo info = evaluateExpiry(job, m_clock(), m_rate ? m_rate() : 0);
        if (info.state == ExpiryState::NoOutput)
            return {};
        QString tip = tr("The output can be downloaded until %1.")
                          .arg(dateText(job.completionDate->addDuration(std::chrono::hours(24))));
        if (info.downloadEstimate)
            tip += u' ' + tr("Downloading it takes %1.").arg(durationText(*info.downloadEstimate));
        if (info.state == ExpiryState::WontFit)
            tip += u' ' + tr("That is longer than the time left: request it again, or download "
                             "a smaller range.");
        return tip;
    }
    if (role == Qt::ToolTipRole && column == Status && job.statusMessage)
        return *job.statusMessage;
    if (role == Qt::TextAlignmentRole && (column == Size || column == Expires))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && column == Expires) {
        const ExpiryState state = evaluateExpiry(job, m_clock(), m_rate ? m_rate() : 0).state;
        if (state == ExpiryState::WontFit || state == ExpiryState::Expired)
            return QColor(0xb0, 0x1e, 0x1e);
        return {};
    }
    if (role != Qt::DisplayRole && role != RawRole)
        return {};
    const bool raw = role == RawRole;
    switch (Column(column)) {
    case Action:
        return raw ? QVariant(int(job.action)) : QVariant(actionText(job));
    case Status:
        return raw ? QVariant(int(job.statusCode)) : QVariant(statusText(job.statusCode));
    case Tier:
        return raw ? QVariant(job.tier ? int(*job.tier) : -1) : QVariant(tierText(job));
    case Description:
        return jobDisplayName(job);
    case Size: {
        const std::optional<qint64> size = jobOutputSize(job);
        if (raw)
            return size.value_or(-1);
        return size ? QLocale().formattedDataSize(*size) : QString();
    }
    case Created:
        return raw ? dateRaw(job.creationDate) : QVariant(dateText(job.creationDate));
    case Completed:
        return raw ? dateRaw(job.completionDate) : QVariant(dateText(job.completionDate));
    case Expires: {
        const ExpiryInfo info = evaluateExpiry(job, m_clock(), m_rate ? m_rate() : 0);
        if (raw)
            return info.remaining ? qint64(info.remaining->count()) : qint64(-1);
        if (!info.remaining)
            return QString();
        if (info.state == ExpiryState::WontFit)
            return tr("%1 — too short to download").arg(countdownText(*info.remaining));
        return countdownText(*info.remaining);
    }
    case ColumnCount:
        break;
    }
    return {};
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Action:
        return tr("Action");
    case Status:
        return tr("Status");
    case Tier:
        return tr("Tier");
    case Description:
        return tr("Description");
    case Size:
        return tr("Size");
    case Created:
        return tr("Created");
    case Completed:
        return tr("Completed");
    case Expires:
        return tr("Expires in");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace thaw::ui
