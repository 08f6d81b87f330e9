#include "inventoryreader.h"

#include "inventoryschema.h"
#include "sqlitedb.h"

namespace thaw::inventory {

namespace {

const QString RowColumns = QStringLiteral(
    "archive_id, description, creation_date, creation_ms, size, tree_hash, path, format, "
    "modified_ms, description_size, folder, file_name");

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

const QString SummaryColumns = QStringLiteral(
    "id, account, region, vault, inventory_date, vault_arn, format, imported_at, archive_count, "
    "total_size, parts");

// The filter in the form the search keys have (namesTable()): ASCII lower case.
QByteArray searchKey(const QString &filter)
{
    QByteArray key = filter.toUtf8();
    for (char &c : key) {
        if (c >= 'A' && c <= 'Z')
            c = char(c + 32);
    }
    return key;
}

// On names_N: the key holds the filter, or the archive id is the filter (exact, by index).
QString nameMatch(qint64 inventoryId)
{
    return QStringLiteral("instr(key, ?1) > 0 OR rowid IN (SELECT rowid FROM %1 WHERE "
                          "archive_id = ?5)")
        .arg(archivesTable(inventoryId));
}

QString whereClause(const ArchiveQuery &query)
{
    QStringList terms;
    if (!query.filter.isEmpty())
        terms << QStringLiteral("rowid IN (SELECT rowid FROM %1 WHERE %2)")
                     .arg(namesTable(query.inventoryId), nameMatch(query.inventoryId));
    if (query.folder)
        terms << QStringLiteral("folder = ?2");
    return terms.isEmpty() ? QString() : QStringLiteral(" WHERE ") + terms.join(u" AND ");
}

void bindQuery(SqliteStatement &s, const ArchiveQuery &query, QByteArray *keep)
{
    if (!query.filter.isEmpty()) {
        *keep = searchKey(query.filter);
        s.bindUtf8(1, *keep);
        s.bindText(5, query.filter);
    }
    if (query.folder)
        s.bindText(2, *query.folder);
}

QString orderClause(const ArchiveQuery &query)
{
    QString column;
    switch (query.sort) {
    case SortColumn::Name:
        column = query.folder ? QStringLiteral("file_name COLLATE NOCASE")
                              : QStringLiteral("path COLLATE NOCASE");
        break;
    case SortColumn::Size:
        column = QStringLiteral("size");
        break;
    case SortColumn::Date:
        column = QStringLiteral("creation_ms");
        break;
    case SortColumn::Modified:
        column = QStringLiteral("modified_ms");
        break;
    case SortColumn::ArchiveId:
        column = QStringLiteral("archive_id");
        break;
    case SortColumn::Format:
        column = QStringLiteral("format");
        break;
    case SortColumn::Description:
        column = QStringLiteral("description");
        break;
    }
    const QString direction = query.order == Qt::AscendingOrder ? QStringLiteral(" ASC")
                                                                : QStringLiteral(" DESC");
    return QStringLiteral(" ORDER BY ") + column + direction + QStringLiteral(", rowid")
           + direction;
}

InventoryError dbError(const QString &message)
{
    return InventoryError{InventoryError::Kind::Database, message};
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
    m_db = std::move(db);
    return true;
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
    QList<InventorySummary> list;
    while (s.step() == SqliteStatement::Step::Row)
        list.append(summaryFrom(s));
    return list;
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
    QList<InventorySummary> list;
    while (s.step() == SqliteStatement::Step::Row)
        list.append(summaryFrom(s));
    return list;
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
    if (s.step() != SqliteStatement::Step::Row)
        return InventoryError{InventoryError::Kind::NotFound,
                              QStringLiteral("no cached inventory %1").arg(inventoryId)};
    return summaryFrom(s);
}

CacheResult<qint64> InventoryReader::count(const ArchiveQuery &query)
{
    const CacheResult<InventorySummary> summary = inventory(query.inventoryId);
    if (!summary)
        return summary.error();
    if (query.filter.isEmpty() && !query.folder)
        return summary->archiveCount;
    QString error;
    // Without a folder, the narrow names table alone answers.
    const QString sql = query.folder ? QStringLiteral("SELECT count(*) FROM %1")
                                               .arg(archivesTable(query.inventoryId))
                                           + whereClause(query)
                                     : QStringLiteral("SELECT count(*) FROM %1 WHERE %2")
                                           .arg(namesTable(query.inventoryId),
                                                nameMatch(query.inventoryId));
    SqliteStatement s = m_db->prepare(sql, &error);
    if (!s.isValid())
        return dbError(error);
    QByteArray key;
    bindQuery(s, query, &key);
    if (s.step() != SqliteStatement::Step::Row)
        return dbError(s.errorMessage());
    return s.int64(0);
}

CacheResult<QList<ArchiveRow>> InventoryReader::page(const ArchiveQuery &query, qint64 offset,
                                                     int limit)
{
    if (CacheResult<bool> opened = open(); !opened)
        return opened.error();
    QString error;
    SqliteStatement s = m_db->prepare(QStringLiteral("SELECT %1 FROM %2")
                                              .arg(RowColumns, archivesTable(query.inventoryId))
                                          + whereClause(query) + orderClause(query)
                                          + QStringLiteral(" LIMIT ?3 OFFSET ?4"),
                                      &error);
    if (!s.isValid()) {
        if (error.contains(QLatin1String("no such table")))
            return InventoryError{InventoryError::Kind::NotFound,
                                  QStringLiteral("no cached inventory %1").arg(query.inventoryId)};
        return dbError(error);
    }
    QByteArray key;
    bindQuery(s, query, &key);
    s.bind(3, std::max(limit, 0));
    s.bind(4, std::max<qint64>(offset, 0));
    QList<ArchiveRow> rows;
    rows.reserve(std::max(limit, 0));
    for (;;) {
        const SqliteStatement::Step step = s.step();
        if (step == SqliteStatement::Step::Done)
            break;
        if (step == SqliteStatement::Step::Error)
            return dbError(s.errorMessage());
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
            QStringLiteral("SELECT %1 FROM %2 t WHERE NOT EXISTS (SELECT 1 FROM %3 o WHERE "
                           "o.archive_id = t.archive_id) ORDER BY path COLLATE NOCASE, rowid")
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

} // namespace thaw::inventory
