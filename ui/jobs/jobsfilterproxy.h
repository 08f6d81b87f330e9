#pragma once

#include <QSortFilterProxyModel>

namespace thaw::ui {

// The Jobs view's filters (all, in progress, succeeded, failed, expiring soon), its search box
// (case-insensitive, over JobsModel::SearchRole: id, name, description, archive id) and its
// sort (by JobsModel::RawRole, so sizes, dates and countdowns sort as numbers).
class JobsFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    // "Expiring soon": an output window with less than kExpiringSoon left, or one the estimated
    // download would not fit in (jobexpiry.h).
    enum Filter { All, InProgress, Succeeded, Failed, ExpiringSoon };
    Q_ENUM(Filter)

    explicit JobsFilterProxy(QObject *parent = nullptr);

    Filter filter() const { return m_filter; }
    void setFilter(Filter filter);
    QString searchText() const { return m_search; }
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Filter m_filter = All;
    QString m_search;
};

} // namespace thaw::ui
