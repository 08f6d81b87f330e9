#include "searchindex.h"

#include "inventoryschema.h"
#include "sqlitedb.h"

#include <QList>
#include <QSet>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace thaw::inventory {

namespace {

// How many VM steps between two calls of an interrupt check: ~10-50 µs of work, so a stale
// query stops at once while the check costs nothing measurable.
constexpr int InterruptCheckSteps = 1000;

// A 138-character archive id pasted into the search box has 136 trigrams; a few spread over
// the key find the same candidates (the rarest trigram decides) at a fraction of the lookups.
constexpr int MaxTrigramTerms = 24;

int interruptCallback(void *context)
{
    const auto *stop = static_cast<const std::function<bool()> *>(context);
    return *stop && (*stop)() ? 1 : 0;
}

InventoryError dbError(const QString &message)
{
    return InventoryError{InventoryError::Kind::Database, message};
}

// The state table: which inventory each search_N was built from. imported_at and
// archive_count change when an inventory is appended to, and differ for an inventory that
// reuses the id of a dropped one, so a stale index is never used.
constexpr const char *CreateStateTable = "CREATE TABLE IF NOT EXISTS search_indexes("
                                         " inventory_id INTEGER PRIMARY KEY,"
                                         " imported_at TEXT NOT NULL,"
                                         " archive_count INTEGER NOT NULL)";

} // namespace

QString searchTable(qint64 inventoryId)
{
    return QStringLiteral("search_%1").arg(inventoryId);
}

bool isSearchIndexReady(SqliteDatabase &db, qint64 inventoryId)
{
    QString error;
    // Fails to prepare (no search_indexes table) in a cache that never had an index.
    SqliteStatement s = db.prepare(
        QStringLiteral("SELECT 1 FROM search_indexes s JOIN inventories i ON i.id = "
                       "s.inventory_id WHERE s.inventory_id = ?1 AND s.imported_at = "
                       "i.imported_at AND s.archive_count = i.archive_count AND EXISTS (SELECT "
                       "1 FROM sqlite_master WHERE type = 'table' AND name = ?2)"),
        &error);
    if (!s.isValid())
        return false;
    s.bind(1, inventoryId);
    s.bindText(2, searchTable(inventoryId));
    return s.step() == SqliteStatement::Step::Row;
}

std::optional<QByteArray> trigramQuery(const QByteArray &key)
{
    // Character starts: the trigram tokenizer counts Unicode characters, not bytes.
    QList<qsizetype> starts;
    for (qsizetype i = 0; i < key.size(); ++i) {
        if (key.at(i) == '\0')
            return std::nullopt; // not expressible in an FTS5 query string
        if ((uchar(key.at(i)) & 0xC0) != 0x80)
            starts.append(i);
    }
    const qsizetype trigrams = starts.size() - 2;
    if (trigrams < 1)
        return std::nullopt;
    starts.append(key.size());
    QSet<QByteArray> seen;
    QByteArray query;
    const qsizetype terms = std::min<qsizetype>(trigrams, MaxTrigramTerms);
    for (qsizetype t = 0; t < terms; ++t) {
        // Evenly spread, first and last included.
        const qsizetype i = terms == 1 ? 0 : t * (trigrams - 1) / (terms - 1);
        const QByteArray trigram = key.mid(starts.at(i), starts.at(i + 3) - starts.at(i));
        if (seen.contains(trigram))
            continue;
        seen.insert(trigram);
        if (!query.isEmpty())
            query += " AND ";
        QByteArray quoted = trigram;
        quoted.replace('"', "\"\"");
        query += '"' + quoted + '"';
    }
    return query;
}

void installInterruptCheck(SqliteDatabase &db, const std::function<bool()> *stop)
{
    if (stop)
        sqlite3_progress_handler(db.handle(), InterruptCheckSteps, &interruptCallback,
                                 const_cast<std::function<bool()> *>(stop));
    else
        sqlite3_progress_handler(db.handle(), 0, nullptr, nullptr);
    // The busy handler asks it too: a progress handler is not called while SQLite sleeps
    // waiting for a lock (a search index's commit, an import).
    db.setStopCheck(stop);
}

bool wasInterrupted(const SqliteDatabase &db)
{
    if (!db.handle())
        return false;
    const int code = sqlite3_errcode(db.handle()) & 0xFF;
    // The stop check only ever turns true (a newer query, a cancel): asking it again tells a
    // wait it ended from one that timed out.
    return code == SQLITE_INTERRUPT || (code == SQLITE_BUSY && db.stopRequested());
}

InventoryError queryError(const SqliteDatabase &db, const QString &message)
{
    if (wasInterrupted(db))
        return InventoryError{InventoryError::Kind::Cancelled,
                              QStringLiteral("the query was cancelled")};
    return dbError(message);
}

SearchIndexBuilder::SearchIndexBuilder(QString databasePath)
    : m_path(std::move(databasePath))
{}

SearchIndexBuilder::~SearchIndexBuilder() = default;

CacheResult<bool> SearchIndexBuilder::open()
{
    if (m_db)
        return true;
    auto db = std::make_unique<SqliteDatabase>();
    QString error;
    if (!db->open(m_path, &error))
        return dbError(error);
    // Spill only above the threshold: writing a page of the transaction into the file takes
    // the EXCLUSIVE lock, which locks every reader (the view's searches) out until the commit.
    // Below it (~30 MB per 1,000,000 archives) the index stays in memory until the commit; the
    // page cache grows to the threshold (cache_spill=N spills when the cache holds more than
    // both N pages and cache_size).
    SqliteStatement pageSize = db->prepare(QStringLiteral("PRAGMA page_size"), &error);
    if (!pageSize.isValid() || pageSize.step() != SqliteStatement::Step::Row)
        return dbError(error.isEmpty() ? db->errorMessage() : error);
    const qint64 pageBytes = std::max<qint64>(pageSize.int64(0), 512);
    pageSize = {};
    const qint64 spillPages = std::max<qint64>(m_spillThresholdBytes / pageBytes, 1);
    const qint64 cacheKiB
        = std::min<qint64>(64 * 1024, std::max<qint64>(spillPages * pageBytes / 1024, 1));
    if (!db->exec(QStringLiteral("PRAGMA cache_size=-%1; PRAGMA cache_spill=%2;")
                      .arg(cacheKiB)
                      .arg(spillPages),
                  &error))
        return dbError(error);
    m_db = std::move(db);
    return true;
}

bool SearchIndexBuilder::pause(int milliseconds) const
{
    // In slices, so that a cancel() or a closing view is not kept waiting.
    constexpr int SliceMs = 50;
    for (int waited = 0; waited < milliseconds; waited += SliceMs) {
        if (stopping())
            return false;
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::min(SliceMs, milliseconds - waited)));
    }
    return !stopping();
}

CacheResult<bool> SearchIndexBuilder::build(qint64 inventoryId)
{
    if (CacheResult<bool> opened = open(); !opened)
        return opened.error();
    int delay = std::max(m_retry.firstDelayMs, 0);
    for (int attempt = 1;; ++attempt) {
        bool busy = false;
        CacheResult<bool> result = buildOnce(inventoryId, &busy);
        if (!busy || attempt >= std::max(m_retry.attempts, 1))
            return result;
        if (m_busy)
            m_busy(attempt);
        if (!pause(delay))
            return InventoryError{InventoryError::Kind::Cancelled,
                                  QStringLiteral("the search index build was cancelled")};
        delay *= 2;
    }
}

CacheResult<bool> SearchIndexBuilder::buildOnce(qint64 inventoryId, bool *busy)
{
    SqliteDatabase &db = *m_db;
    const std::function<bool()> stop = [this] {
        return stopping();
    };
    installInterruptCheck(db, &stop);
    db.setBusyTimeout(SqliteDatabase::DefaultBusyTimeoutMs);
    const auto done = [&db](CacheResult<bool> result) {
        installInterruptCheck(db, nullptr);
        db.setBusyTimeout(SqliteDatabase::DefaultBusyTimeoutMs);
        return result;
    };
    if (isSearchIndexReady(db, inventoryId))
        return done(false);
    const auto failed = [&](const QString &error) {
        if (wasInterrupted(db) || stopping())
            return done(InventoryError{InventoryError::Kind::Cancelled,
                                       QStringLiteral("the search index build was cancelled")});
        if ((sqlite3_errcode(db.handle()) & 0xFF) == SQLITE_BUSY) {
            *busy = true;
            return done(
                dbError(QStringLiteral("the inventory cache stayed busy (another connection was "
                                       "reading it), so the search index was not kept: %1")
                            .arg(error)));
        }
        return done(dbError(error));
    };

    QString error;
    SqliteWriteTransaction transaction(db);
    // Waits for an import's write lock as long as any statement would.
    if (!transaction.begin(&error))
        return failed(error);
    // From here on a wait for the exclusive lock (a spill, the commit) keeps new readers out
    // while it lasts (SQLite holds its PENDING lock): keep it short, and give up instead.
    db.setBusyTimeout(CommitBusyTimeoutMs);
    // Again inside the transaction: another builder may have finished meanwhile.
    if (isSearchIndexReady(db, inventoryId))
        return done(false);
    QString importedAt;
    qint64 archiveCount = 0;
    {
        SqliteStatement inventory = db.prepare(
            QStringLiteral("SELECT imported_at, archive_count FROM inventories WHERE id = ?1"),
            &error);
        if (!inventory.isValid())
            return failed(error);
        inventory.bind(1, inventoryId);
        if (inventory.step() != SqliteStatement::Step::Row)
            return done(InventoryError{InventoryError::Kind::NotFound,
                                       QStringLiteral("no cached inventory %1").arg(inventoryId)});
        importedAt = inventory.text(0);
        archiveCount = inventory.int64(1);
    }
    const QString table = searchTable(inventoryId);
    // External content (the keys stay in names_N only); trigrams of the keys as they are
    // (case_sensitive 1: the keys are lower-cased already, and folding more than ASCII would
    // widen the filter's documented meaning); detail=none and no column sizes: rowids only,
    // the smallest index, since the reader checks each candidate's key anyway.
    const QString sql
        = QStringLiteral("DROP TABLE IF EXISTS %1;"
                         "CREATE VIRTUAL TABLE %1 USING fts5(key, content='%2', "
                         "content_rowid='rowid', tokenize='trigram case_sensitive 1', "
                         "detail=none, columnsize=0);"
                         "INSERT INTO %1(rowid, key) SELECT rowid, key FROM %2;"
                         // One segment: a query reads one doclist per trigram.
                         "INSERT INTO %1(%1) VALUES('optimize');")
              .arg(table, namesTable(inventoryId));
    if (!db.exec(CreateStateTable, &error) || !db.exec(sql, &error))
        return failed(error);
    SqliteStatement state = db.prepare(
        QStringLiteral("INSERT OR REPLACE INTO search_indexes(inventory_id, imported_at, "
                       "archive_count) VALUES(?1, ?2, ?3)"),
        &error);
    if (!state.isValid())
        return failed(error);
    state.bind(1, inventoryId);
    state.bindText(2, importedAt);
    state.bind(3, archiveCount);
    if (!execStatement(state, &error))
        return failed(error);
    state = {};
    if (stopping())
        return failed(QString());
    // A COMMIT that fails on SQLITE_BUSY keeps the transaction and its PENDING lock, which
    // holds new readers off: `transaction` rolls it back on the way out, and build() tries
    // again after a pause rather than keep them waiting.
    if (!transaction.commit(&error))
        return failed(error);
    return done(true);
}

CacheResult<bool> SearchIndexBuilder::drop(qint64 inventoryId)
{
    if (CacheResult<bool> opened = open(); !opened)
        return opened.error();
    QString error;
    if (!m_db->exec(QStringLiteral("BEGIN IMMEDIATE; DROP TABLE IF EXISTS %1; %2;"
                                   "DELETE FROM search_indexes WHERE inventory_id = %3; COMMIT;")
                        .arg(searchTable(inventoryId), QString::fromLatin1(CreateStateTable))
                        .arg(inventoryId),
                    &error)) {
        QString ignored;
        m_db->exec("ROLLBACK", &ignored);
        return dbError(error);
    }
    return true;
}

} // namespace thaw::inventory
