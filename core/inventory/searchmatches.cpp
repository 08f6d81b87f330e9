#include "searchmatches.h"

#include "inventoryschema.h"
#include "searchindex.h"
#include "sqlitedb.h"

#include <QStringList>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>

namespace thaw::inventory {

namespace {

// The sample: SampleRuns runs of SampleRunRows consecutive rows, spread over the table (an
// inventory is often in upload order, so one run from its start would see one folder only).
constexpr int SampleRuns = 8;
constexpr int SampleRunRows = 2500;
// A sample that projects this many times CompleteLimit is "many" (the projection is rough).
constexpr int SampleMargin = 2;

// thaw_has_key(text, key): `key` is already lower case; `text` is folded on the fly.
void hasKeyFunction(sqlite3_context *context, int, sqlite3_value **values)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(values[0]));
    const int textSize = sqlite3_value_bytes(values[0]);
    const auto *key = reinterpret_cast<const char *>(sqlite3_value_text(values[1]));
    const int keySize = sqlite3_value_bytes(values[1]);
    if (!text || !key) {
        sqlite3_result_null(context);
        return;
    }
    const auto fold = [](char c) {
        return c >= 'A' && c <= 'Z' ? char(c + 32) : c;
    };
    const char first = key[0];
    const char firstUpper = first >= 'a' && first <= 'z' ? char(first - 32) : first;
    bool found = keySize == 0;
    for (int i = 0; !found && i + keySize <= textSize; ++i) {
        if (text[i] != first && text[i] != firstUpper)
            continue;
        int j = 1;
        while (j < keySize && fold(text[i + j]) == key[j])
            ++j;
        found = j == keySize;
    }
    sqlite3_result_int(context, found ? 1 : 0);
}

// Collects the rowids a statement yields (column 0).
CacheResult<bool> collect(SqliteDatabase &db, SqliteStatement &s, std::vector<qint64> *rows)
{
    for (;;) {
        switch (s.step()) {
        case SqliteStatement::Step::Row:
            rows->push_back(s.int64(0));
            continue;
        case SqliteStatement::Step::Done:
            return true;
        case SqliteStatement::Step::Error:
            return queryError(db, s.errorMessage());
        }
    }
}

CacheResult<qint64> single(SqliteDatabase &db, SqliteStatement &s)
{
    if (s.step() != SqliteStatement::Step::Row)
        return queryError(db, s.errorMessage());
    return s.int64(0);
}

QString idList(const QList<qint64> &rows)
{
    QStringList list;
    for (const qint64 row : rows)
        list << QString::number(row);
    return list.join(u',');
}

} // namespace

QByteArray searchKeyOf(const QString &filter)
{
    QByteArray key = filter.toUtf8();
    for (char &c : key) {
        if (c >= 'A' && c <= 'Z')
            c = char(c + 32);
    }
    return key;
}

SearchMatches::SearchMatches(SqliteDatabase &db)
    : m_db(db)
{}

QString SearchMatches::rowCondition(const Set &set)
{
    if (set.idRows.isEmpty())
        return QStringLiteral("instr(n.key, ?1) > 0");
    return QStringLiteral("(instr(n.key, ?1) > 0 OR a.rowid IN (%1))").arg(idList(set.idRows));
}

QString SearchMatches::pathCondition(const Set &set)
{
    if (set.idRows.isEmpty())
        return QStringLiteral("thaw_has_key(a.path, ?1)");
    return QStringLiteral("(thaw_has_key(a.path, ?1) OR a.rowid IN (%1))").arg(idList(set.idRows));
}

bool SearchMatches::installFunctions(SqliteDatabase &db, QString *error)
{
    if (sqlite3_create_function_v2(db.handle(), "thaw_has_key", 2,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                   &hasKeyFunction, nullptr, nullptr, nullptr)
        == SQLITE_OK)
        return true;
    *error = db.errorMessage();
    return false;
}

CacheResult<bool> SearchMatches::sampleSaysMany(qint64 inventoryId, const QByteArray &key)
{
    QString error;
    const QString names = namesTable(inventoryId);
    SqliteStatement last
        = m_db.prepare(QStringLiteral("SELECT max(rowid) FROM %1").arg(names), &error);
    if (!last.isValid())
        return queryError(m_db, error);
    const CacheResult<qint64> rows = single(m_db, last);
    if (!rows)
        return rows.error();
    if (*rows < qint64(SampleRuns) * SampleRunRows * 2)
        return false; // small enough to collect
    SqliteStatement run
        = m_db.prepare(QStringLiteral("SELECT count(*) FROM %1 WHERE rowid BETWEEN ?2 AND ?3 AND "
                                      "instr(key, ?1) > 0")
                           .arg(names),
                       &error);
    if (!run.isValid())
        return queryError(m_db, error);
    run.bindUtf8(1, key);
    qint64 hits = 0;
    for (int i = 0; i < SampleRuns; ++i) {
        const qint64 first = 1 + (*rows - SampleRunRows) * i / (SampleRuns - 1);
        run.bind(2, first);
        run.bind(3, first + SampleRunRows - 1);
        const CacheResult<qint64> found = single(m_db, run);
        if (!found)
            return found.error();
        hits += *found;
        run.reset();
    }
    const qint64 projected = hits * *rows / (qint64(SampleRuns) * SampleRunRows);
    return projected > qint64(SampleMargin) * CompleteLimit;
}

CacheResult<qint64> SearchMatches::dataVersion()
{
    QString error;
    SqliteStatement s = m_db.prepare(QStringLiteral("PRAGMA data_version"), &error);
    if (!s.isValid())
        return queryError(m_db, error);
    return single(m_db, s);
}

CacheResult<const SearchMatches::Set *> SearchMatches::find(qint64 inventoryId,
                                                            const QString &filter)
{
    const CacheResult<qint64> version = dataVersion();
    if (!version)
        return version.error();
    if (m_last && m_last->inventoryId == inventoryId && m_last->filter == filter
        && m_last->dataVersion == *version)
        return &*m_last;
    m_last.reset();

    Set set;
    set.inventoryId = inventoryId;
    set.filter = filter;
    set.key = searchKeyOf(filter);
    set.dataVersion = *version;
    QString error;

    // An archive id, exactly (by the archive-id index).
    SqliteStatement ids = m_db.prepare(QStringLiteral("SELECT rowid FROM %1 WHERE archive_id = ?1")
                                           .arg(archivesTable(inventoryId)),
                                       &error);
    if (!ids.isValid())
        return queryError(m_db, error);
    ids.bindText(1, filter);
    std::vector<qint64> idRows;
    if (CacheResult<bool> done = collect(m_db, ids, &idRows); !done)
        return done.error();
    set.idRows = QList<qint64>(idRows.cbegin(), idRows.cend());

    // The paths that hold the key, one more than CompleteLimit at most.
    const std::optional<QByteArray> trigrams = trigramQuery(set.key);
    set.indexed = trigrams && isSearchIndexReady(m_db, inventoryId);
    if (!set.indexed) {
        const CacheResult<bool> many = sampleSaysMany(inventoryId, set.key);
        if (!many)
            return many.error();
        if (*many) {
            m_last = std::move(set);
            return &*m_last;
        }
    }
    const QString names = namesTable(inventoryId);
    SqliteStatement paths;
    if (set.indexed) {
        const QString search = searchTable(inventoryId);
        paths = m_db.prepare(QStringLiteral("SELECT n.rowid FROM %1 CROSS JOIN %2 n ON n.rowid = "
                                            "%1.rowid WHERE %1 MATCH ?2 AND instr(n.key, ?1) > 0 "
                                            "LIMIT ?3")
                                 .arg(search, names),
                             &error);
        if (paths.isValid())
            paths.bindUtf8(2, *trigrams);
    } else {
        paths = m_db.prepare(
            QStringLiteral("SELECT rowid FROM %1 WHERE instr(key, ?1) > 0 LIMIT ?3").arg(names),
            &error);
    }
    if (!paths.isValid())
        return queryError(m_db, error);
    paths.bindUtf8(1, set.key);
    paths.bind(3, CompleteLimit + 1);
    std::vector<qint64> rows;
    rows.reserve(256);
    if (CacheResult<bool> done = collect(m_db, paths, &rows); !done)
        return done.error();
    if (rows.size() <= size_t(CompleteLimit)) {
        rows.insert(rows.end(), idRows.cbegin(), idRows.cend());
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        set.rowsJson.reserve(qsizetype(rows.size()) * 8 + 2);
        set.rowsJson += '[';
        for (size_t i = 0; i < rows.size(); ++i) {
            if (i > 0)
                set.rowsJson += ',';
            set.rowsJson += QByteArray::number(rows[i]);
        }
        set.rowsJson += ']';
        set.count = qint64(rows.size());
        set.rows = std::move(rows);
    }
    m_last = std::move(set);
    return &*m_last;
}

CacheResult<qint64> SearchMatches::count(qint64 inventoryId, const QString &filter)
{
    const CacheResult<const Set *> found = find(inventoryId, filter);
    if (!found)
        return found.error();
    const Set &set = **found;
    if (set.count)
        return *set.count;
    QString error;
    const QString names = namesTable(inventoryId);
    SqliteStatement paths
        = set.indexed
              ? m_db.prepare(QStringLiteral("SELECT count(*) FROM %1 CROSS JOIN %2 n ON n.rowid "
                                            "= %1.rowid WHERE %1 MATCH ?2 AND instr(n.key, ?1) > 0")
                                 .arg(searchTable(inventoryId), names),
                             &error)
              : m_db.prepare(
                  QStringLiteral("SELECT count(*) FROM %1 WHERE instr(key, ?1) > 0").arg(names),
                  &error);
    if (!paths.isValid())
        return queryError(m_db, error);
    paths.bindUtf8(1, set.key);
    std::optional<QByteArray> trigrams;
    if (set.indexed) {
        trigrams = trigramQuery(set.key);
        paths.bindUtf8(2, *trigrams);
    }
    CacheResult<qint64> total = single(m_db, paths);
    if (!total)
        return total.error();
    qint64 count = *total;
    if (!set.idRows.isEmpty()) {
        // Archive-id matches whose path does not hold the key too.
        SqliteStatement extra = m_db.prepare(
            QStringLiteral("SELECT count(*) FROM %1 WHERE rowid IN (%2) AND instr(key, ?1) = 0")
                .arg(names, idList(set.idRows)),
            &error);
        if (!extra.isValid())
            return queryError(m_db, error);
        extra.bindUtf8(1, set.key);
        const CacheResult<qint64> more = single(m_db, extra);
        if (!more)
            return more.error();
        count += *more;
    }
    m_last->count = count;
    return count;
}

} // namespace thaw::inventory
