#pragma once

#include "cacheresult.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>
#include <vector>

// Which archives of an inventory a search filter matches, and how the reader should fetch
// them. A filter matches an archive whose search key (names_N) holds it, or whose archive id
// is it exactly. Two ways to find the page the view wants:
//   - few matches (at most CompleteLimit): collect them all (the trigram index finds them
//     without reading every key; without it, or for 1-2 characters, one scan of names_N),
//     then fetch and sort only those rows;
//   - many matches: walk the sort column's index and stop when the page is full, which takes
//     about limit * archives / matches steps.
// The collection stops at CompleteLimit + 1 matches, so it is also the estimate that picks
// the way; for a scan (no index) a sample of the keys first tells a filter that matches far
// more than that, which then needs no collection. The result is kept for the next page and
// the count of the same filter until the cache changes (PRAGMA data_version).
namespace thaw::inventory {

class SqliteDatabase;

class SearchMatches final
{
public:
    // About sqrt(PageSize * 1,000,000): there both ways cost the same number of row visits.
    static constexpr int CompleteLimit = 16384;

    struct Set
    {
        qint64 inventoryId = 0;
        QByteArray key;       // the filter in the search-key form (ASCII lower case)
        QString filter;       // as typed (the archive id comparison)
        bool indexed = false; // search_N answered (else names_N was scanned)
        QList<qint64> idRows; // rows whose archive id is the filter
        // Every matching rowid, ascending, when there are at most CompleteLimit of them; as a
        // JSON array too, for json_each().
        std::optional<std::vector<qint64>> rows;
        QByteArray rowsJson;
        std::optional<qint64> count; // all matches, once counted
        qint64 dataVersion = -1;
    };

    explicit SearchMatches(SqliteDatabase &db);

    // The match set of `filter` in the inventory (cached).
    CacheResult<const Set *> find(qint64 inventoryId, const QString &filter);
    // How many archives `filter` matches (from the set when complete, else one counting pass).
    CacheResult<qint64> count(qint64 inventoryId, const QString &filter);

    // The per-row test for queries that walk archives_N `a` joined with names_N `n`:
    // parameter ?1 is the key.
    static QString rowCondition(const Set &set);
    // The same test on archives_N `a` alone, through its path (thaw_has_key()): for a walk of
    // the name index, which holds the path, so that only matching rows are read.
    static QString pathCondition(const Set &set);

    // Registers thaw_has_key(text, key) on the connection: whether `text` holds `key` (in the
    // search-key form) when ASCII letters of `text` are folded to lower case; the importer's
    // search key is exactly that fold of the path, so it matches as instr(key, ...) does.
    static bool installFunctions(SqliteDatabase &db, QString *error);

private:
    CacheResult<qint64> dataVersion();
    // Whether a scan for `key` would find far more than CompleteLimit matches, from a sample
    // of the keys spread over the table.
    CacheResult<bool> sampleSaysMany(qint64 inventoryId, const QByteArray &key);

    SqliteDatabase &m_db;
    std::optional<Set> m_last;
};

// The filter as a search key: ASCII lower case, as the importer writes the keys.
QByteArray searchKeyOf(const QString &filter);

} // namespace thaw::inventory
