#pragma once

#include "sqlitedb.h"

#include <QString>
#include <QtGlobal>

#include <array>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// The two-thread pipeline of InventoryImporter: the parsing thread fills Batches of rows (all
// texts in one arena), a bounded BatchQueue hands them to the inserting thread, whose Inserter
// binds them to one prepared statement and counts the files of every folder. Internal to
// core/inventory.
namespace thaw::inventory::importpipeline {

constexpr size_t BatchRows = 4096;
constexpr size_t QueuedBatches = 4;

enum TextField {
    Id,
    Description,
    CreationDate,
    TreeHash,
    Path,
    Format,
    Folder,
    FileName,
    NameKey,
    TextFields
};

// Rows handed from the parsing thread to the inserting thread: every text in one arena.
struct Batch
{
    struct Row
    {
        std::array<quint32, TextFields> offset;
        std::array<quint32, TextFields> length;
        qint64 size = 0;
        qint64 creationMs = 0;
        qint64 modifiedMs = 0;
        qint64 descriptionSize = 0;
        bool hasCreation = false;
        bool hasModified = false;
        bool hasDescriptionSize = false;
    };
    std::string arena;
    std::vector<Row> rows;

    void clear()
    {
        arena.clear();
        rows.clear();
    }
    std::string_view text(const Row &row, int field) const
    {
        return std::string_view(arena.data() + row.offset[size_t(field)],
                                row.length[size_t(field)]);
    }
};

// A bounded hand-over between the two threads: the parser waits when the inserter is behind,
// so memory stays at QueuedBatches batches whatever the input size.
class BatchQueue final
{
public:
    void push(Batch batch)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [this] { return m_queue.size() < QueuedBatches || m_stopped; });
        if (m_stopped)
            return;
        m_queue.push_back(std::move(batch));
        m_notEmpty.notify_one();
    }
    // False at the end.
    bool pop(Batch *batch)
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [this] { return !m_queue.empty() || m_closed || m_stopped; });
        if (m_queue.empty() || m_stopped)
            return false;
        *batch = std::move(m_queue.front());
        m_queue.pop_front();
        m_notFull.notify_one();
        return true;
    }
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_all();
    }
    // The consumer failed: the producer stops waiting.
    void stop()
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_notFull.notify_all();
        m_notEmpty.notify_all();
    }
    bool stopped()
    {
        std::lock_guard lock(m_mutex);
        return m_stopped;
    }
    // Spent batches go back to the parser to keep their capacity.
    void recycle(Batch batch)
    {
        std::lock_guard lock(m_mutex);
        if (m_free.size() < QueuedBatches + 2)
            m_free.push_back(std::move(batch));
    }
    Batch fresh()
    {
        std::lock_guard lock(m_mutex);
        if (m_free.empty())
            return {};
        Batch batch = std::move(m_free.back());
        m_free.pop_back();
        batch.clear();
        return batch;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<Batch> m_queue;
    std::vector<Batch> m_free;
    bool m_closed = false;
    bool m_stopped = false;
};

struct FolderStats
{
    qint64 directCount = 0;
    qint64 directSize = 0;
};

// Folder paths looked up by string_view too: no std::string made per archive.
struct FolderHash
{
    using is_transparent = void;
    size_t operator()(std::string_view path) const { return std::hash<std::string_view>{}(path); }
};
using FolderMap = std::unordered_map<std::string, FolderStats, FolderHash, std::equal_to<>>;

// The inserting thread's work: every row of every batch through one prepared statement, and
// the files per folder counted for the tree.
struct Inserter
{
    void run();

    SqliteStatement *insert = nullptr;
    SqliteStatement *insertName = nullptr;
    BatchQueue *queue = nullptr;
    FolderMap folders;
    qint64 rows = 0;
    qint64 totalSize = 0;
    QString error;
};

// Rewrites folders_N from the direct counts (adding those already in the table, for an
// appended part): every ancestor gets its descendants' files.
bool writeFolders(SqliteDatabase &db, qint64 id,
                  FolderMap &direct, QString *error);

} // namespace thaw::inventory::importpipeline
