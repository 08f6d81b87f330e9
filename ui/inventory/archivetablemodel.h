#pragma once

#include "inventorydatasource.h"
#include "inventorystore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

#include <optional>

namespace thaw::ui {

// The archives of one cached inventory as a table, read from the cache in pages: no full copy
// in memory, every query on the data source's worker thread. Rows whose page has not arrived
// show "Loading…" and fill in with dataChanged. A new search or sort takes a new query
// generation: older ones still queued are skipped, a running one is interrupted, their answers
// dropped, and the rows of the previous query stay on screen until the first page of the new
// one arrives (then a reset; a search's count follows shortly after, with rowsInserted when it
// is larger than one page).
class ArchiveTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Size,
        Created,
        Modified,
        TreeHash,
        Description,
        Format,
        ArchiveId,
        ColumnCount
    };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // qint64 size, QDateTime date, QString otherwise
        LoadedRole,                      // bool: the row's page has arrived
    };
    static constexpr int PageSize = 256;
    static constexpr int MaxCachedPages = 64;
    // A search's count of all matches is asked for this long after its first page is shown.
    static constexpr int CountDelayMs = 100;

    explicit ArchiveTableModel(InventoryDataSource &source, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Shows the archives of this cached inventory (0: none).
    void setInventory(qint64 inventoryId);
    void setFilter(const QString &text);
    void setSort(inventory::SortColumn key, Qt::SortOrder order);
    inventory::ArchiveQuery query() const { return m_wanted; }

    // The archive in `row` when its page is loaded.
    std::optional<inventory::ArchiveRow> archiveAt(int row) const;
    bool isCountKnown() const { return m_countKnown; }
    bool isSettled() const; // the shown rows answer the latest query and the count is known
    bool isSearchIndexPending() const; // being built for the shown inventory
    static std::optional<inventory::SortColumn> sortKeyFor(int column);
    static int columnFor(inventory::SortColumn key);

Q_SIGNALS:
    // The first rows of the latest query are shown (after its modelReset).
    void queryShown();
    // The shown inventory's search index is there (built in the background since
    // setInventory(), or found ready): searches no longer scan every name.
    void searchIndexReady();
    void countKnownChanged(qint64 count);
    void errorOccurred(const QString &message);

private:
    void startQuery();
    void requestCount(quint64 generation);
    void requestPage(int pageIndex) const;
    void flushWantedPages();
    void showFirstPage(quint64 generation, QList<inventory::ArchiveRow> rows);
    void applyCount(quint64 generation, qint64 count);
    void storePage(quint64 generation, int pageIndex, QList<inventory::ArchiveRow> rows);
    void evictFarPages(int nearPage);
    static QVariant displayValue(const inventory::ArchiveRow &row, int column);
    static QVariant rawValue(const inventory::ArchiveRow &row, int column);

    InventoryDataSource &m_source;
    QueryGeneration m_generation;
    inventory::ArchiveQuery m_wanted; // the latest query asked for
    inventory::ArchiveQuery m_shown;  // the query whose rows are shown
    quint64 m_shownGeneration = 0;
    int m_rowCount = 0;
    bool m_countKnown = true;
    QHash<int, QList<inventory::ArchiveRow>> m_pages;
    mutable QSet<int> m_requested; // pages asked for under m_shownGeneration
    mutable QSet<int> m_wantedPages;
    mutable bool m_flushScheduled = false;
    int m_lastPage = 0;
};

} // namespace thaw::ui
