#pragma once

#include "cacheresult.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

// The trigram search index of an inventory: `search_N`, an FTS5 table (trigram tokenizer,
// detail=none) over the search keys of `names_N`, so that a filter of 3 or more characters
// finds its few matches among a million archives without reading every key. It is optional
// derived data: not built by the import (whose time issue 5 measures) but once, in the
// background, the first time the Inventory view opens the inventory; until it is there, and
// for filters of 1-2 characters, the reader scans names_N. Described in core/inventory/README.md.
namespace thaw::inventory {

class SqliteDatabase;

// "search_N".
QString searchTable(qint64 inventoryId);

// Whether search_N is there and was built from the inventory as it is now (an inventory
// appended to since, or a reused id, has a stale index: not used, built again).
bool isSearchIndexReady(SqliteDatabase &db, qint64 inventoryId);

// The FTS5 query that finds the keys holding `key` (already in the search-key form, ASCII
// lower case): every distinct trigram of it, ANDed. detail=none keeps no positions, so the
// answer is a superset: the caller still checks instr(key, ...). nullopt for keys of fewer
// than three characters, which no trigram can find.
std::optional<QByteArray> trigramQuery(const QByteArray &key);

// Installs `*stop` on the connection: SQLite calls it every thousand VM steps or so and
// abandons the running statement (SQLITE_INTERRUPT) when it returns true, and a statement
// waiting for another connection's lock gives up (SQLITE_BUSY) as soon as it returns true; an
// empty function never stops. `stop` must outlive the connection (or be replaced by nullptr
// first).
void installInterruptCheck(SqliteDatabase &db, const std::function<bool()> *stop);
// The last failed statement was abandoned by the interrupt check (while running or while
// waiting for a lock).
bool wasInterrupted(const SqliteDatabase &db);
// A failed query as an error value: Cancelled when the interrupt check stopped it.
InventoryError queryError(const SqliteDatabase &db, const QString &message);

// Builds search_N for one inventory, on its own connection: blocking, run it on a worker
// thread. One write transaction: readers go on using the cache meanwhile (the new pages stay
// in this connection's memory until the commit, up to spillThresholdBytes, so no reader is
// locked out before it), and the index appears whole or not at all.
//
// The COMMIT needs every reader gone, and while it waits for them no new reader may start.
// So it waits at most CommitBusyTimeoutMs; if a reader still holds the cache (a long export,
// a CLI listing), the build is rolled back, which lets the readers on at once, and tried again
// after a pause, up to RetryPolicy::attempts times. Then it fails (Database, "busy"), leaving
// the cache as it was: the view builds the index again the next time it opens the inventory.
class SearchIndexBuilder final
{
public:
    // How long the COMMIT (or a spill of the page cache) waits for readers to finish: the time
    // new readers may have to wait behind it.
    static constexpr int CommitBusyTimeoutMs = 250;
    // Above this much, the build's new pages are written into the file before the commit
    // (which takes the exclusive lock then, so readers wait from there until the commit):
    // about 8,000,000 archives (the index is ~30 MB per 1,000,000), so that the memory of a
    // build stays bounded.
    static constexpr qint64 DefaultSpillThresholdBytes = 256LL << 20;

    struct RetryPolicy
    {
        int attempts = 3;        // builds in all, when the commit finds the cache busy
        int firstDelayMs = 2000; // the pause before the second; doubled each time
    };

    explicit SearchIndexBuilder(QString databasePath);
    ~SearchIndexBuilder();
    SearchIndexBuilder(const SearchIndexBuilder &) = delete;
    SearchIndexBuilder &operator=(const SearchIndexBuilder &) = delete;

    // true: built now; false: it was ready already. Errors: NotFound (no such inventory),
    // Cancelled, Database (for example an SQLite without FTS5, or readers kept the cache busy
    // through every attempt: retryable).
    CacheResult<bool> build(qint64 inventoryId);
    // Drops the index (the benchmark measures its build; a test starts without it).
    CacheResult<bool> drop(qint64 inventoryId);
    // Thread-safe: the running build() stops and leaves the cache as it was.
    void cancel() { m_cancelled = true; }
    // Also stops a build when it returns true (called on the building thread).
    void setInterruptCheck(std::function<bool()> stop) { m_stop = std::move(stop); }
    void setRetryPolicy(RetryPolicy policy) { m_retry = policy; }
    // Called on the building thread when a commit found the cache busy and was rolled back,
    // before the pause that precedes the next attempt (attempt: the one that failed, from 1).
    void setBusyCallback(std::function<void(int attempt)> busy) { m_busy = std::move(busy); }
    // Set before the first build(): bytes of new pages kept in memory before spilling.
    void setSpillThreshold(qint64 bytes) { m_spillThresholdBytes = bytes; }

private:
    CacheResult<bool> open();
    CacheResult<bool> buildOnce(qint64 inventoryId, bool *busy);
    bool pause(int milliseconds) const; // false when stopped meanwhile
    bool stopping() const { return m_cancelled.load() || (m_stop && m_stop()); }

    QString m_path;
    std::unique_ptr<SqliteDatabase> m_db;
    std::atomic<bool> m_cancelled{false};
    std::function<bool()> m_stop;
    std::function<void(int)> m_busy;
    RetryPolicy m_retry;
    qint64 m_spillThresholdBytes = DefaultSpillThresholdBytes;
};

} // namespace thaw::inventory
