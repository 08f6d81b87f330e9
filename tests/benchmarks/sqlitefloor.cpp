// The floor under any import into a SQLite cache: 1,000,000 rows shaped like the cache's
// archives table (same twelve columns, typical lengths: a 138-character archive id, a 120-byte
// description, a 64-character tree hash, a 60-character path...) inserted through one prepared
// statement in one transaction, with no parsing, no decoding, no indexes, no journal and no
// syncs. Whatever an importer does on top of this, it cannot be faster than this.
//   sqlitefloor DATABASE_FILE [ROWS]
// Built and run by tests/benchmarks/sqlite-floor.sh; prints "<seconds>" on stdout.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

namespace {

bool exec(sqlite3 *db, const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    std::fprintf(stderr, "sqlitefloor: %s\n", message ? message : "error");
    sqlite3_free(message);
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: sqlitefloor DATABASE_FILE [ROWS]\n");
        return 2;
    }
    const long rows = argc > 2 ? std::atol(argv[2]) : 1000000;
    std::remove(argv[1]);
    sqlite3 *db = nullptr;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK) {
        std::fprintf(stderr, "sqlitefloor: cannot open %s\n", argv[1]);
        return 1;
    }
    if (!exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;"
                  "CREATE TABLE archives(archive_id TEXT NOT NULL, description TEXT NOT NULL,"
                  " creation_date TEXT NOT NULL, creation_ms INTEGER, size INTEGER NOT NULL,"
                  " tree_hash TEXT NOT NULL, path TEXT NOT NULL, format TEXT NOT NULL,"
                  " modified_ms INTEGER, description_size INTEGER, folder TEXT NOT NULL,"
                  " file_name TEXT NOT NULL);"))
        return 1;
    sqlite3_stmt *insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO archives VALUES(?,?,?,?,?,?,?,?,?,?,?,?)", -1, &insert,
                       nullptr);
    std::mt19937_64 random(1);
    std::string id(138, 'x'), description(120, 'd'), hash(64, 'f'), path(60, 'p'),
        folder(40, 'o'), name(20, 'n');
    const auto text = [&](int column, const std::string &value) {
        sqlite3_bind_text(insert, column, value.data(), int(value.size()), SQLITE_STATIC);
    };
    const auto start = std::chrono::steady_clock::now();
    if (!exec(db, "BEGIN"))
        return 1;
    for (long i = 0; i < rows; ++i) {
        id[std::size_t(i % 138)] = char('a' + random() % 26);
        path[std::size_t(i % 60)] = char('a' + random() % 26);
        text(1, id);
        text(2, description);
        sqlite3_bind_text(insert, 3, "2012-08-21T07:00:00Z", 20, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 4, 1345532400000 + i);
        sqlite3_bind_int64(insert, 5, sqlite3_int64(random() % 100000000));
        text(6, hash);
        text(7, path);
        sqlite3_bind_text(insert, 8, "fastglacier-v4", 14, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 9, 1345532400000 - i);
        sqlite3_bind_int64(insert, 10, sqlite3_int64(random() % 100000));
        text(11, folder);
        text(12, name);
        if (sqlite3_step(insert) != SQLITE_DONE) {
            std::fprintf(stderr, "sqlitefloor: %s\n", sqlite3_errmsg(db));
            return 1;
        }
        sqlite3_reset(insert);
    }
    if (!exec(db, "COMMIT"))
        return 1;
    const double seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    sqlite3_finalize(insert);
    sqlite3_close(db);
    std::printf("%.3f\n", seconds);
    return 0;
}
