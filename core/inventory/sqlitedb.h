#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <functional>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

// A thin RAII layer over the SQLite C API for the inventory cache: binding UTF-8 bytes and
// integers straight from the parser's buffers keeps QString/QVariant out of the import's hot
// path (QSqlQuery costs several allocations per bound value). Not thread-safe: one connection
// per thread, as SQLite wants.
namespace thaw::inventory {

class SqliteStatement final
{
public:
    SqliteStatement() = default;
    SqliteStatement(sqlite3 *db, sqlite3_stmt *statement)
        : m_db(db)
        , m_statement(statement)
    {}
    ~SqliteStatement();
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool isValid() const { return m_statement != nullptr; }

    // Parameters are 1-based. Text is bound without a copy: it must stay valid until step().
    void bind(int index, qint64 value);
    void bindNull(int index);
    void bindText(int index, std::string_view utf8);
    void bindText(int index, const QString &text); // copied
    void bindUtf8(int index, const QByteArray &utf8); // not copied: keep utf8 alive

    enum class Step { Row, Done, Error };
    Step step();
    void reset(); // after a step, to run again with new bindings

    qint64 int64(int column) const;
    bool isNull(int column) const;
    QString text(int column) const;
    std::string_view bytes(int column) const;

    QString errorMessage() const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
};

class SqliteDatabase final
{
public:
    SqliteDatabase() = default;
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    // Opens or creates the file (its folder too) and brings the schema up to date.
    bool open(const QString &path, QString *error);
    bool isOpen() const { return m_db != nullptr; }

    bool exec(const char *sql, QString *error);
    bool exec(const QString &sql, QString *error);
    SqliteStatement prepare(const QString &sql, QString *error);
    qint64 lastInsertRowId() const;
    QString errorMessage() const;
    sqlite3 *handle() const { return m_db; }

    // How long a statement waits for another connection's lock before it fails with
    // SQLITE_BUSY ("database is locked"): an import holds the write lock for a while.
    static constexpr int DefaultBusyTimeoutMs = 30000;
    void setBusyTimeout(int milliseconds) { m_busyTimeoutMs = milliseconds; }
    int busyTimeout() const { return m_busyTimeoutMs; }
    // Ends such a wait at once when `*stop` returns true (SQLite calls no progress handler
    // while it sleeps on a lock, so this is the only way a stale query stops waiting); the
    // statement then fails with SQLITE_BUSY and stopRequested() is true. `stop` must outlive
    // the connection or be replaced by nullptr first.
    void setStopCheck(const std::function<bool()> *stop) { m_stop = stop; }
    bool stopRequested() const { return m_stop && *m_stop && (*m_stop)(); }

private:
    static int busyCallback(void *context, int count);

    sqlite3 *m_db = nullptr;
    int m_busyTimeoutMs = DefaultBusyTimeoutMs;
    const std::function<bool()> *m_stop = nullptr;
};

// A write transaction (BEGIN IMMEDIATE) rolled back unless commit() succeeded: whatever path
// leaves the scope early leaves the cache as it was.
class SqliteWriteTransaction final
{
public:
    explicit SqliteWriteTransaction(SqliteDatabase &db)
        : m_db(db)
    {}
    ~SqliteWriteTransaction();
    SqliteWriteTransaction(const SqliteWriteTransaction &) = delete;
    SqliteWriteTransaction &operator=(const SqliteWriteTransaction &) = delete;

    bool begin(QString *error);
    bool commit(QString *error);

private:
    SqliteDatabase &m_db;
    bool m_open = false;
};

// Runs a statement to its end (no rows wanted).
bool execStatement(SqliteStatement &statement, QString *error);

} // namespace thaw::inventory
