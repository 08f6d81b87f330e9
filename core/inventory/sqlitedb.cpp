#include "sqlitedb.h"

#include "inventoryschema.h"

#include <QDir>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <iterator>

namespace thaw::inventory {

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(other.m_db)
    , m_statement(other.m_statement)
{
    other.m_statement = nullptr;
}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_statement);
        m_db = other.m_db;
        m_statement = other.m_statement;
        other.m_statement = nullptr;
    }
    return *this;
}

void SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
}

void SqliteStatement::bindText(int index, std::string_view utf8)
{
    // A null pointer would bind NULL: an empty text is still text.
    sqlite3_bind_text(m_statement, index, utf8.data() ? utf8.data() : "", int(utf8.size()),
                      SQLITE_STATIC);
}

void SqliteStatement::bindText(int index, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(m_statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bindUtf8(int index, const QByteArray &utf8)
{
    sqlite3_bind_text(m_statement, index, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
}

SqliteStatement::Step SqliteStatement::step()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return Step::Row;
    if (rc == SQLITE_DONE)
        return Step::Done;
    return Step::Error;
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
}

qint64 SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

QString SqliteStatement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_statement, column));
}

std::string_view SqliteStatement::bytes(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    const int size = sqlite3_column_bytes(m_statement, column);
    return data ? std::string_view(data, size_t(size)) : std::string_view();
}

QString SqliteStatement::errorMessage() const
{
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

SqliteDatabase::~SqliteDatabase()
{
    sqlite3_close_v2(m_db);
}

bool SqliteDatabase::open(const QString &path, QString *error)
{
    if (m_db)
        return true;
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        *error = QStringLiteral("cannot create the folder of %1").arg(path);
        return false;
    }
    const QByteArray name = QFile::encodeName(path);
    const int rc = sqlite3_open_v2(name.constData(), &m_db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                       | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    if (rc != SQLITE_OK) {
        *error = QStringLiteral("cannot open the inventory cache %1: %2")
                     .arg(path, QString::fromUtf8(m_db ? sqlite3_errmsg(m_db)
                                                       : sqlite3_errstr(rc)));
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Another connection importing holds the write lock for a while; readers wait for it, up
    // to busyTimeout(), unless the stop check gives up first.
    sqlite3_busy_handler(m_db, &SqliteDatabase::busyCallback, this);
    if (!ensureSchema(*this, error)) {
        *error = QStringLiteral("the inventory cache %1 is not usable: %2").arg(path, *error);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return false;
    }
    return true;
}

int SqliteDatabase::busyCallback(void *context, int count)
{
    // SQLite's own back-off (sqlite3_busy_timeout), capped at 20 ms a sleep so that the stop
    // check is asked often; `count` is the number of earlier calls for this one lock attempt.
    static constexpr int Delays[] = {1, 2, 5, 10, 20};
    static constexpr int Waited[] = {0, 1, 3, 8, 18}; // before each of Delays
    constexpr int Steps = int(std::size(Delays));
    const auto *self = static_cast<const SqliteDatabase *>(context);
    if (self->stopRequested())
        return 0;
    const int delay = Delays[std::min(count, Steps - 1)];
    const qint64 waited
        = count < Steps ? Waited[count]
                        : Waited[Steps - 1] + qint64(Delays[Steps - 1]) * (count - (Steps - 1));
    const qint64 left = self->m_busyTimeoutMs - waited;
    if (left <= 0)
        return 0;
    sqlite3_sleep(int(std::min<qint64>(delay, left)));
    return 1;
}

bool SqliteDatabase::exec(const char *sql, QString *error)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    *error = QString::fromUtf8(message ? message : sqlite3_errmsg(m_db));
    sqlite3_free(message);
    return false;
}

bool SqliteDatabase::exec(const QString &sql, QString *error)
{
    return exec(sql.toUtf8().constData(), error);
}

SqliteStatement SqliteDatabase::prepare(const QString &sql, QString *error)
{
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &statement, nullptr)
        != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return {};
    }
    return SqliteStatement(m_db, statement);
}

qint64 SqliteDatabase::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

QString SqliteDatabase::errorMessage() const
{
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

bool execStatement(SqliteStatement &statement, QString *error)
{
    for (;;) {
        switch (statement.step()) {
        case SqliteStatement::Step::Row:
            continue;
        case SqliteStatement::Step::Done:
            statement.reset();
            return true;
        case SqliteStatement::Step::Error:
            *error = statement.errorMessage();
            statement.reset();
            return false;
        }
    }
}

SqliteWriteTransaction::~SqliteWriteTransaction()
{
    if (m_open) {
        QString ignored;
        m_db.exec("ROLLBACK", &ignored);
    }
}

bool SqliteWriteTransaction::begin(QString *error)
{
    return m_open = m_db.exec("BEGIN IMMEDIATE", error);
}

bool SqliteWriteTransaction::commit(QString *error)
{
    if (!m_db.exec("COMMIT", error))
        return false;
    m_open = false;
    return true;
}

} // namespace thaw::inventory
