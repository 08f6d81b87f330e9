#pragma once

#include "core/jobs/polltimer.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <functional>

namespace thaw::ui {

class VaultJobs;

// The jobs of a vault as a table, over VaultJobs. DisplayRole is text; RawRole holds the value
// to sort by (enum, bytes, date, milliseconds left); JobIdRole, StatusRole and ExpiryRole serve
// the filter proxy. The Expires column counts down live: once a second the rows with an output
// window get one dataChanged for that column. Time comes from the injected clock and the
// download rate (for the "won't fit" warning) from the injected function.
class JobsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Action, Status, Tier, Description, Size, Created, Completed, Expires, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole + 1,
        JobIdRole,
        StatusRole,  // glacier::JobStatus as int
        ExpiryRole,  // ExpiryState as int
        SearchRole,  // the text the search box matches: id, description, name, archive id
    };

    using RateFunction = std::function<qint64()>;

    JobsModel(VaultJobs &source, jobs::Clock clock, RateFunction rate, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Re-reads the clock for the Expires column now (the timer does it each second).
    void tick();

private:
    VaultJobs &m_source;
    jobs::Clock m_clock;
    RateFunction m_rate;
    QTimer m_ticker;
};

} // namespace thaw::ui
