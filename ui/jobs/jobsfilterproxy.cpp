#include "jobsfilterproxy.h"

#include "jobexpiry.h"
#include "jobsmodel.h"

#include "core/glacier/jobdescription.h"

namespace thaw::ui {

JobsFilterProxy::JobsFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(JobsModel::RawRole);
    setDynamicSortFilter(true);
}

void JobsFilterProxy::setFilter(Filter filter)
{
    if (m_filter == filter)
        return;
    m_filter = filter;
    invalidateRowsFilter();
}

void JobsFilterProxy::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_search == trimmed)
        return;
    m_search = trimmed;
    invalidateRowsFilter();
}

bool JobsFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto status = glacier::JobStatus(index.data(JobsModel::StatusRole).toInt());
    bool accepted = true;
    switch (m_filter) {
    case All:
        break;
    case InProgress:
        accepted = status == glacier::JobStatus::InProgress;
        break;
    case Succeeded:
        accepted = status == glacier::JobStatus::Succeeded;
        break;
    case Failed:
        accepted = status == glacier::JobStatus::Failed;
        break;
    case ExpiringSoon: {
        const auto expiry = ExpiryState(index.data(JobsModel::ExpiryRole).toInt());
        accepted = expiry == ExpiryState::ExpiringSoon || expiry == ExpiryState::WontFit;
        break;
    }
    }
    if (!accepted || m_search.isEmpty())
        return accepted;
    return index.data(JobsModel::SearchRole).toString().contains(m_search, Qt::CaseInsensitive);
}

} // namespace thaw::ui
