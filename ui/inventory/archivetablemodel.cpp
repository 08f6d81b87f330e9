#include "archivetablemodel.h"

#include <QColor>
#include <QLocale>
#include <QTimer>

#include <algorithm>
#include <cstdlib>

namespace thaw::ui {

ArchiveTableModel::ArchiveTableModel(InventoryDataSource &source, QObject *parent)
    : QAbstractTableModel(parent)
    , m_source(source)
{
    connect(&m_source, &InventoryDataSource::searchIndexReady, this, [this](qint64 inventoryId) {
        if (inventoryId == m_wanted.inventoryId)
            Q_EMIT searchIndexReady();
    });
}

int ArchiveTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int ArchiveTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArchiveTableModel::displayValue(const inventory::ArchiveRow &row, int column)
{
    switch (column) {
    case Name:
        return row.path.isEmpty() ? row.archiveId : row.path;
    case Size:
        return QLocale().formattedDataSize(row.size);
    case Created:
        return row.creationDateTime.isValid()
                   ? QLocale().toString(row.creationDateTime.toLocalTime(), QLocale::ShortFormat)
                   : row.creationDate;
    case Modified:
        return row.modified ? QLocale().toString(row.modified->toLocalTime(), QLocale::ShortFormat)
                            : QString();
    case TreeHash:
        return row.treeHash;
    case Description:
        return row.description;
    case Format:
        return row.format;
    case ArchiveId:
        return row.archiveId;
    }
    return {};
}

QVariant ArchiveTableModel::rawValue(const inventory::ArchiveRow &row, int column)
{
    switch (column) {
    case Name:
        return row.path;
    case Size:
        return row.size;
    case Created:
        return row.creationDateTime;
    case Modified:
        return row.modified ? QVariant(*row.modified) : QVariant();
    default:
        return displayValue(row, column);
    }
}

QVariant ArchiveTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int pageIndex = index.row() / PageSize;
    const auto page = m_pages.constFind(pageIndex);
    const bool loaded = page != m_pages.cend() && index.row() % PageSize < page->size();
    if (role == LoadedRole)
        return loaded;
    if (!loaded) {
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == RawValueRole)
            requestPage(pageIndex);
        if (role == Qt::DisplayRole && index.column() == Name)
            return tr("Loading…");
        if (role == Qt::ForegroundRole)
            return QColor(Qt::gray);
        return {};
    }
    const inventory::ArchiveRow &row = page->at(index.row() % PageSize);
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(row, index.column());
    case RawValueRole:
        return rawValue(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Name || index.column() == Description)
            return tr("%1\nDescription: %2\nArchive id: %3")
                .arg(row.path, row.description, row.archiveId);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Size)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ArchiveTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Size:
        return tr("Size");
    case Created:
        return tr("Uploaded");
    case Modified:
        return tr("Modified");
    case TreeHash:
        return tr("SHA-256 tree hash");
    case Description:
        return tr("Description");
    case Format:
        return tr("Format");
    case ArchiveId:
        return tr("Archive id");
    }
    return {};
}

std::optional<inventory::SortColumn> ArchiveTableModel::sortKeyFor(int column)
{
    switch (column) {
    case Name:
        return inventory::SortColumn::Name;
    case Size:
        return inventory::SortColumn::Size;
    case Created:
        return inventory::SortColumn::Date;
    case Modified:
        return inventory::SortColumn::Modified;
    case TreeHash:
        return std::nullopt;
    case Description:
        return inventory::SortColumn::Description;
    case Format:
        return inventory::SortColumn::Format;
    case ArchiveId:
        return inventory::SortColumn::ArchiveId;
    }
    return std::nullopt;
}

int ArchiveTableModel::columnFor(inventory::SortColumn key)
{
    for (int column = 0; column < ColumnCount; ++column) {
        if (sortKeyFor(column) == key)
            return column;
    }
    return Name;
}

void ArchiveTableModel::sort(int column, Qt::SortOrder order)
{
    if (const auto key = sortKeyFor(column))
        setSort(*key, order);
}

void ArchiveTableModel::setInventory(qint64 inventoryId)
{
    m_wanted.inventoryId = inventoryId;
    // Built once, in the background, when an inventory is first shown: by the time the user
    // searches it is usually there (until then a search scans the names).
    m_source.prepareSearchIndex(inventoryId);
    startQuery();
}

void ArchiveTableModel::setFilter(const QString &text)
{
    if (text == m_wanted.filter)
        return;
    m_wanted.filter = text;
    startQuery();
}

void ArchiveTableModel::setSort(inventory::SortColumn key, Qt::SortOrder order)
{
    if (key == m_wanted.sort && order == m_wanted.order)
        return;
    m_wanted.sort = key;
    m_wanted.order = order;
    startQuery();
}

bool ArchiveTableModel::isSearchIndexPending() const
{
    return m_source.isSearchIndexPending(m_wanted.inventoryId);
}

bool ArchiveTableModel::isSettled() const
{
    return m_shownGeneration == m_generation.current() && m_countKnown;
}

std::optional<inventory::ArchiveRow> ArchiveTableModel::archiveAt(int row) const
{
    const auto page = m_pages.constFind(row / PageSize);
    if (row < 0 || row >= m_rowCount || page == m_pages.cend() || row % PageSize >= page->size())
        return std::nullopt;
    return page->at(row % PageSize);
}

void ArchiveTableModel::startQuery()
{
    const quint64 generation = m_generation.advance();
    if (m_wanted.inventoryId == 0) {
        beginResetModel();
        m_shown = m_wanted;
        m_shownGeneration = generation;
        m_rowCount = 0;
        m_countKnown = true;
        m_pages.clear();
        m_requested.clear();
        endResetModel();
        Q_EMIT queryShown();
        Q_EMIT countKnownChanged(0);
        return;
    }
    // The first page first: it is what the user waits for; the count may need a longer scan.
    m_source.page(m_wanted, 0, PageSize, m_generation, this,
                  [this, generation](Fetched<QList<inventory::ArchiveRow>> rows) {
                      if (!m_generation.isCurrent(generation))
                          return;
                      if (!rows.ok()) {
                          Q_EMIT errorOccurred(rows.error);
                          return;
                      }
                      showFirstPage(generation, std::move(*rows.value));
                  });
    // Without a filter the count is the inventory's own (no scan): asked for at once. A search's
    // count waits for its first page (see showFirstPage()).
    if (m_wanted.filter.isEmpty())
        requestCount(generation);
}

void ArchiveTableModel::requestCount(quint64 generation)
{
    if (!m_generation.isCurrent(generation))
        return;
    m_source.count(m_wanted, m_generation, this, [this, generation](Fetched<qint64> count) {
        if (!m_generation.isCurrent(generation))
            return;
        if (!count.ok()) {
            Q_EMIT errorOccurred(count.error);
            return;
        }
        applyCount(generation, *count.value);
    });
}

void ArchiveTableModel::showFirstPage(quint64 generation, QList<inventory::ArchiveRow> rows)
{
    beginResetModel();
    m_shown = m_wanted;
    m_shownGeneration = generation;
    m_pages.clear();
    m_requested.clear();
    m_wantedPages.clear();
    m_rowCount = int(rows.size());
    m_countKnown = rows.size() < PageSize; // a short first page is the whole answer
    m_pages.insert(0, std::move(rows));
    m_requested.insert(0);
    m_lastPage = 0;
    endResetModel();
    Q_EMIT queryShown();
    if (m_countKnown) {
        Q_EMIT countKnownChanged(m_rowCount);
    } else if (!m_wanted.filter.isEmpty()) {
        // Counting every match may scan many rows: not while this page is being laid out and
        // painted, and not at all when the user types on within CountDelayMs (a count already
        // running is interrupted by the next keystroke anyway).
        QTimer::singleShot(CountDelayMs, this, [this, generation] { requestCount(generation); });
    }
}

void ArchiveTableModel::applyCount(quint64 generation, qint64 count)
{
    // A view holds int rows; an inventory beyond 2^31 archives is shown truncated.
    const int rows = int(std::min<qint64>(count, std::numeric_limits<int>::max()));
    if (m_shownGeneration != generation) {
        beginResetModel();
        m_shown = m_wanted;
        m_shownGeneration = generation;
        m_pages.clear();
        m_requested.clear();
        m_wantedPages.clear();
        m_rowCount = rows;
        endResetModel();
        Q_EMIT queryShown();
    } else if (rows > m_rowCount) {
        beginInsertRows({}, m_rowCount, rows - 1);
        m_rowCount = rows;
        endInsertRows();
    } else if (rows < m_rowCount) {
        beginRemoveRows({}, rows, m_rowCount - 1);
        m_rowCount = rows;
        endRemoveRows();
    }
    m_countKnown = true;
    Q_EMIT countKnownChanged(m_rowCount);
}

void ArchiveTableModel::requestPage(int pageIndex) const
{
    if (m_requested.contains(pageIndex) || m_wantedPages.contains(pageIndex))
        return;
    m_wantedPages.insert(pageIndex);
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        // data() is const and may be called while the view paints: ask in one batch after.
        QTimer::singleShot(0, const_cast<ArchiveTableModel *>(this),
                           &ArchiveTableModel::flushWantedPages);
    }
}

void ArchiveTableModel::flushWantedPages()
{
    m_flushScheduled = false;
    QList<int> pages(m_wantedPages.cbegin(), m_wantedPages.cend());
    m_wantedPages.clear();
    std::sort(pages.begin(), pages.end());
    const quint64 generation = m_shownGeneration;
    if (!m_generation.isCurrent(generation))
        return; // a new query is on its way; its rows will be asked for when shown
    for (const int pageIndex : std::as_const(pages)) {
        if (m_requested.contains(pageIndex) || qint64(pageIndex) * PageSize >= m_rowCount)
            continue;
        m_requested.insert(pageIndex);
        m_source.page(m_shown, qint64(pageIndex) * PageSize, PageSize, m_generation, this,
                      [this, generation, pageIndex](Fetched<QList<inventory::ArchiveRow>> rows) {
                          if (!rows.ok()) {
                              m_requested.remove(pageIndex);
                              Q_EMIT errorOccurred(rows.error);
                              return;
                          }
                          storePage(generation, pageIndex, std::move(*rows.value));
                      });
    }
}

void ArchiveTableModel::storePage(quint64 generation, int pageIndex, QList<inventory::ArchiveRow> rows)
{
    if (generation != m_shownGeneration || !m_generation.isCurrent(generation))
        return;
    const int first = pageIndex * PageSize;
    if (first >= m_rowCount)
        return;
    const int available = int(std::min<qint64>(rows.size(), m_rowCount - first));
    rows.resize(available);
    if (available == 0)
        return;
    m_pages.insert(pageIndex, std::move(rows));
    m_lastPage = pageIndex;
    evictFarPages(pageIndex);
    Q_EMIT dataChanged(index(first, 0), index(first + available - 1, ColumnCount - 1));
}

void ArchiveTableModel::evictFarPages(int nearPage)
{
    while (m_pages.size() > MaxCachedPages) {
        int farthest = -1;
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
            if (farthest < 0 || std::abs(it.key() - nearPage) > std::abs(farthest - nearPage))
                farthest = it.key();
        }
        m_pages.remove(farthest);
        m_requested.remove(farthest); // asked for again if it comes back into view
    }
}

} // namespace thaw::ui
