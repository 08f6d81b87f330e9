#include "inventoryreader.h"

#include "inventoryschema.h"
#include "searchindex.h"
#include "searchmatches.h"
#include "sqlitedb.h"

namespace thaw::inventory {

namespace {

// The archive columns rowFrom() reads, of archives_N under the alias `a`.
const QString RowColumns = QStringLiteral(
    "a.archive_id, a.description, a.creation_date, a.creation_ms, a.size, a.tree_hash, a.path, "
    "a.format, a.modified_ms, a.description_size, a.folder, a.file_name");

ArchiveRow rowFrom(const SqliteStatement &s)
{
    ArchiveRow row;
    row.archiveId = s.text(0);
    row.description = s.text(1);
    row.creationDate = s.text(2);
    if (!s.isNull(3))
        row.creationDateTime = QDateTime::fromMSecsSinceEpoch(s.int64(3), Qt::UTC);
    row.size = s.int64(4);
    row.treeHash = s.text(5);
    row.path = s.text(6);
    row.format = s.text(7);
    if (!s.isNull(8))
        row.modified = QDateTime::fromMSecsSinceEpoch(s.int64(8), Qt::UTC);
    if (!s.isNull(9))
        row.descriptionSize = s.int64(9);
    row.folder = s.text(10);
    row.fileName = s.text(11);
    return row;
}

InventorySummary summaryFrom(const SqliteStatement &s)
{
    InventorySummary summary;
    summary.id = s.int64(0);
    summary.vault = VaultKey{s.text(1), s.text(2), s.text(3)};
    summary.inventoryDate = s.text(4);
    summary.inventoryDateTime = QDateTime::fromString(summary.inventoryDate, Qt::ISODateWithMs);
    summary.vaultArn = s.text(5);
    summary.format = s.text(6);
    summary.importedAt = QDateTime::fromString(s.text(7), Qt::ISODateWithMs);
    summary.archiveCount = s.int64(8);
    summary.totalSize = s.int64(9);
    summary.parts = int(s.int64(10));
    return summary;
}

// Every row of a query of SummaryColumns.
CacheResult<QList<InventorySummary>> summariesFrom(SqliteDatabase &db, SqliteStatement &s)
{
    QList<InventorySummary> list;
    for (;;) {
        const SqliteStatement::Step step = s.step();
        if (step == SqliteStatement::Step::Done)
            return list;
        if (step == SqliteStatement::Step::Error)
            return queryError(db, s.errorMessage());
        list.append(summaryFrom(s));
    }
}

const QString SummaryColumns = QStringLiteral(
    "id, account, region, vault, inventory_date, vault_arn, format, imported_at, archive_count, "
    "total_size, parts");

QString orderClause(const ArchiveQuery &query)
{
    QString column;
    switch (query.sort) {
    case SortColumn::Name:
        column = query.folder ? QStringLiteral("a.file_name COLLATE NOCASE")
                              : QStringLiteral("a.path COLLATE NOCASE");
        break;
    case SortColumn::Size:
        column = QStringLiteral("a.size");
        break;
    case SortColumn::Date:
        column = QStringLiteral("a.creation_ms");
        break;
    case SortColumn::Modified:
        column = QStringLiteral("a.modified_ms");
        break;
    case SortColumn::ArchiveId:
        column = QStringLiteral("a.archive_id");
        break;
    case SortColumn::Format:
        column = QStringLiteral("a.format");
        break;
    case SortColumn::Description:
        column = QStringLiteral("a.description");
        break;
    }
    const QString direction = query.order == Qt::AscendingOrder ? QStringLiteral(" ASC")
                                                                : QStringLiteral(" DESC");
    return QStringLiteral(" ORDER BY ") + column + direction + QStringLiteral(", a.rowid")
           + direction;
}

InventoryError dbError(const QString &message)
{
    return InventoryError{InventoryError::Kind::Database, message};
}

InventoryError missingOr(InventoryError error, qint64 inventoryId)
{
    if (error.kind == InventoryError::Kind::Database
        && error.message.contains(QLatin1String("no such table")))
        return InventoryError{InventoryError::Kind::NotFound,
                              QStringLiteral("no cached inventory %1").arg(inventoryId)};
    return error;
}

// The filter's match set (nullptr without a filter); NotFound once the inventory is gone.
CacheResult<const SearchMatches::Set *> matchSet(SearchMatches &matches, const ArchiveQuery &query)
{
    if (query.filter.isEmpty())
        return static_cast<const SearchMatches::Set *>(nullptr);
    CacheResult<const SearchMatches::Set *> found = matches.find(query.inventoryId, query.filter);
    if (!found)
        return missingOr(found.error(), query.inventoryId);
    return found;
}

} // namespace

InventoryReader::InventoryReader(QString databasePath)
    : m_path(std::move(databasePath))
{}

InventoryReader::~InventoryReader() = default;

CacheResult<bool> InventoryReader::open()
{
    if (m_db)
        return true;
    auto db = std::make_unique<SqliteDatabase>();
    QString error;
    if (!db->open(m_path, &error))
        return dbError(error);
    // Pages are read through a memory map: a page the OS holds is used in place rather than
    // copied by pread, which with 32 KiB pages was most of a search's CPU time (the random row
    // lookups of a page of matches copied 8 MB). Plus a page cache that holds the search keys.
    if (!db->exec("PRAGMA mmap_size=2147418112; PRAGMA cache_size=-32768;", &error)
        || !SearchMatches::installFunctions(*db, &error))
        return dbError(error);
    m_db = std::move(db);
    m_matches = std::make_unique<SearchMatches>(*m_db);
    installInterruptCheck(*m_db, &m_stop);
    return true;
}

void InventoryReader::setInterruptCheck(std::function<bool()> stop)
{
    m_stop = std::move(stop); // installed on the connection by open()
}

CacheResult<QList<InventorySummary>> InventoryReader::inventories(const VaultKey &vault)
{
    if (CacheResult<bool> opened = open(); !opened)
        return opened.error();
    QString error;
    SqliteStatement s = m_db->prepare(
        QStringLiteral("SELECT %1 FROM inventories WHERE account = ?1 AND region = ?2 AND "
                       "vault = ?3 ORDER BY inventory_date DESC")
            .arg(SummaryColumns),
        &error);
    if (!s.isValid())
        return dbError(error);
    s.bindText(1, vault.account);
    s.bindText(2, vault.region);
    s.bindText(3, vault.vault);
    return summariesFrom(*m_db, s);
}

CacheResult<QList<InventorySummary>> InventoryReader::allInventories()
{
    if (CacheResult<bool> opened = open(); !opened)
        return opened.error();
    QString error;
    SqliteStatement s = m_db->prepare(
        QStringLiteral("SELECT %1 FROM inventories ORDER BY account, region, vault, "
                       "inventory_date DESC")
            .arg(SummaryColumns),
        &error);
    if (!s.isValid())
        return dbError(error);
    return summariesFrom(*m_db, s);
}

CacheResult<InventorySummary> InventoryReader::inventory(qint64 inventoryId)
{
    if (CacheResult<bool> opened = open(); !opened)
        return opened.error();
    QString error;
    SqliteStatement s = m_db->prepare(
        QStringLiteral("SELECT %1 FROM inventories WHERE id = ?1").arg(SummaryColumns), &error);
    if (!s.isValid())
        return dbError(error);
    s.bind(1, inventoryId);
    switch (s.step()) {
    case SqliteStatement::Step::Row:
        return summaryFrom(s);
    case SqliteStatement::Step::Done:
        return InventoryError{InventoryError::Kind::NotFound,
                              QStringLiteral("no cached inventory %1").arg(inventoryId)};
    case SqliteStatement::Step::Error:
        break;
    }
    // Locked and given up (a stale query: Cancelled), or worse: not "no such inventory".
    return queryError(*m_db, s.errorMessage());
}

CacheResult<qint64> InventoryReader::count(const ArchiveQuery &query)
{
    const CacheResult<InventorySummary> summary = inventory(query.inventoryId);
    if (!summary)
        return summary.error();
    if (query.filter.isEmpty() && !query.folder)
        return summary->archiveCount;
    // The inventory can be dropped by another connection between the lookup above and the
    // queries below: its tables are gone then, which is NotFound, as page() says.
    if (!query.folder) {
        const CacheResult<qint64> matches = m_matches->count(query.inventoryId, query.filter);
        if (!matches)
            return missingOr(matches.error(), query.inventoryId);
        return matches;
    }
    const CacheResult<const SearchMatches::Set *> found = matchSet(*m_matches, query);
    if (!found)
        return found.error();
    const SearchMatches::Set *set = *found;
    QString error;
    QString sql = QStringLiteral("SELECT count(*) FROM %1 a").arg(archivesTable(query.inventoryId));
    if (set) {
        sql += QStringLiteral(" CROSS JOIN %1 n ON n.rowid = a.rowid WHERE a.folder = ?2 AND %2")
                   .arg(namesTable(query.inventoryId), SearchMatches::rowCondition(*set));
    } else {
        sql += QStringLiteral(" WHERE a.folder = ?2");
    }
    SqliteStatement s = m_db->prepare(sql, &error);
    if (!s.isValid())
        return missingOr(dbError(error), query.inventoryId);
    if (set)
        s.bindUtf8(1, set->key);
    s.bindText(2, *query.folder);
    if (s.step() != SqliteStatement::Step::Row)
        return missingOr(queryError(*m_db, s.errorMessage()), query.inventoryId);
    return s.int64(0);
}

CacheResult<QList<ArchiveRow>> InventoryReader::page(const ArchiveQuery &query, qint64 offset,
                                                     int limit)
{
    if (CacheResult<bool> opened = open(); !opened)
        return opened.error();
    const QString archives = archivesTable(query.inventoryId);
    const CacheResult<const SearchMatches::Set *> found = matchSet(*m_matches, query);
    if (!found)
        return found.error();
    const SearchMatches::Set *set = *found;
    if (set)
        m_lastSearch = SearchPath{set->indexed, set->rows && !query.folder};
    QString sql;
    if (set && set->rows && !query.folder) {
        // Few matches: fetch just those rows and sort them.
        sql = QStringLiteral("SELECT %1 FROM json_each(?5) m CROSS JOIN %2 a ON a.rowid = m.value")
                  .arg(RowColumns, archives);
    } else if (set && query.sort == SortColumn::Name && !query.folder) {
        // Many, by name: walk the name index, which holds the path: the test needs no other
        // row, and only the matches are read from the table.
        sql = QStringLiteral("SELECT %1 FROM %2 a WHERE %3")
                  .arg(RowColumns, archives, SearchMatches::pathCondition(*set));
    } else if (set) {
        // Many (or one folder's): walk the sort index, testing each row's key, until the page
        // is full.
        sql = QStringLiteral("SELECT %1 FROM %2 a CROSS JOIN %3 n ON n.rowid = a.rowid WHERE %4")
                  .arg(RowColumns, archives, namesTable(query.inventoryId),
                       SearchMatches::rowCondition(*set));
        if (query.folder)
            sql += QStringLiteral(" AND a.folder = ?2");
    } else {
        sql = QStringLiteral("SELECT %1 FROM %2 a").arg(RowColumns, archives);
        if (query.folder)
            sql += QStringLiteral(" WHERE a.folder = ?2");
    }
    sql += orderClause(query) + QStringLiteral(" LIMIT ?3 OFFSET ?4");
    QString error;
    SqliteStatement s = m_db->prepare(sql, &error);
    if (!s.isValid())
        return missingOr(dbError(error), query.inventoryId);
    if (set) {
        s.bindUtf8(1, set->key);
        if (set->rows && !query.folder)
            s.bindUtf8(5, set->rowsJson);
    }
    if (query.folder)
        s.bindText(2, *query.folder);
    s.bind(3, std::max(limit, 0));
    s.bind(4, std::max<qint64>(offset, 0));
    QList<ArchiveRow> rows;
    rows.reserve(std::max(limit, 0));
    for (;;) {
        const SqliteStatement::Step step = s.step();
        if (step == SqliteStatement::Step::Done)
            break;
        if (step == SqliteStatement::Step::Error)
            return missingOr(queryError(*m_db, s.errorMessage()), query.inventoryId);
        rows.append(rowFrom(s));
    }
    return rows;
}

CacheResult<QList<FolderEntry>> InventoryReader::subfolders(qint64 inventoryId,
                                                            const QString &folder)
{
    if (CacheResult<bool> opened = open(); !opened)
        return opened.error();
    QString error;
    SqliteStatement s = m_db->prepare(
        QStringLiteral("SELECT name, path, file_count, total_size, subfolder_count FROM %1 "
                       "WHERE parent = ?1 ORDER BY name COLLATE NOCASE")
            .arg(foldersTable(inventoryId)),
        &error);
    if (!s.isValid()) {
        if (error.contains(QLatin1String("no such table")))
            return InventoryError{InventoryError::Kind::NotFound,
                                  QStringLiteral("no cached inventory %1").arg(inventoryId)};
        return dbError(error);
    }
    s.bindText(1, folder);
    QList<FolderEntry> list;
    while (s.step() == SqliteStatement::Step::Row)
        list.append(FolderEntry{s.text(0), s.text(1), s.int64(2), s.int64(3), s.int64(4)});
    return list;
}

CacheResult<InventoryDiff> InventoryReader::diff(qint64 fromInventoryId, qint64 toInventoryId)
{
    for (const qint64 id : {fromInventoryId, toInventoryId}) {
        const CacheResult<InventorySummary> summary = inventory(id);
        if (!summary)
            return summary.error();
    }
    QString error;
    if (!ensureArchiveIdIndex(*m_db, fromInventoryId, &error)
        || !ensureArchiveIdIndex(*m_db, toInventoryId, &error))
        return dbError(error);
    InventoryDiff diff;
    diff.fromId = fromInventoryId;
    diff.toId = toInventoryId;
    const auto missing = [&](qint64 in, qint64 notIn, QList<ArchiveRow> *rows) {
        SqliteStatement s = m_db->prepare(
            QStringLiteral("SELECT %1 FROM %2 a WHERE NOT EXISTS (SELECT 1 FROM %3 o WHERE "
                           "o.archive_id = a.archive_id) ORDER BY a.path COLLATE NOCASE, a.rowid")
                .arg(RowColumns, archivesTable(in), archivesTable(notIn)),
            &error);
        if (!s.isValid())
            return false;
        while (s.step() == SqliteStatement::Step::Row)
            rows->append(rowFrom(s));
        return true;
    };
    if (!missing(toInventoryId, fromInventoryId, &diff.added)
        || !missing(fromInventoryId, toInventoryId, &diff.removed))
        return dbError(error);
    const CacheResult<InventorySummary> to = inventory(toInventoryId);
    diff.unchanged = to ? to->archiveCount - diff.added.size() : 0;
    return diff;
}

CacheResult<FolderFiles> InventoryReader::folderFiles(qint64 inventoryId, const QString &folder,
                                                     const std::optional<FolderCursor> &after,
                                                     int limit)
{
    if (CacheResult<bool> opened = open(); !opened)
        return opened.error();
    // The range on file_name lets the (folder, file_name COLLATE NOCASE) index start at the
    // cursor; the OR only filters the rows whose name equals the cursor's.
    QString sql = QStringLiteral("SELECT %1, a.rowid FROM %2 a WHERE a.folder = ?1")
                      .arg(RowColumns, archivesTable(inventoryId));
    if (after)
        sql += QStringLiteral(" AND a.file_name COLLATE NOCASE >= ?2 AND "
                              "(a.file_name COLLATE NOCASE > ?2 OR a.rowid > ?3)");
    sql += QStringLiteral(" ORDER BY a.file_name COLLATE NOCASE, a.rowid LIMIT ?4");
    QString error;
    SqliteStatement s = m_db->prepare(sql, &error);
    if (!s.isValid())
        return missingOr(dbError(error), inventoryId);
    s.bindText(1, folder);
    if (after) {
        s.bindText(2, after->fileName);
        s.bind(3, after->rowid);
    }
    s.bind(4, std::max(limit, 0));
    FolderFiles page;
    page.next = after.value_or(FolderCursor{});
    page.rows.reserve(std::max(limit, 0));
    for (;;) {
        const SqliteStatement::Step step = s.step();
        if (step == SqliteStatement::Step::Done)
            break;
        if (step == SqliteStatement::Step::Error)
            return missingOr(queryError(*m_db, s.errorMessage()), inventoryId);
        page.rows.append(rowFrom(s));
        page.next.fileName = page.rows.constLast().fileName;
        page.next.rowid = s.int64(12);
    }
    page.next.position += page.rows.size();
    return page;
}

} // namespace thaw::inventory
