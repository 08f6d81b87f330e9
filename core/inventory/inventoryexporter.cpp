#include "inventoryexporter.h"

#include "inventoryschema.h"
#include "sqlitedb.h"

#include <QSaveFile>

#include <charconv>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace thaw::inventory {

namespace {

constexpr qint64 ProgressEvery = 16384;
constexpr qsizetype FlushAt = 1 << 20;

// std::string rather than QByteArray: its single-byte and short appends are inlined, which
// made a 1,000,000-row export ~20 % faster.
void appendCsvCell(std::string &out, std::string_view value, bool formulaGuard)
{
    // memchr is vectorised in glibc: four scans beat one byte-by-byte loop on the ~100-byte
    // descriptions of a real inventory.
    const auto has = [value](char c) {
        return !value.empty() && std::memchr(value.data(), c, value.size()) != nullptr;
    };
    const bool hasQuote = has('"');
    const bool quote = hasQuote || has(',') || has('\n') || has('\r');
    const bool guard = formulaGuard && !value.empty()
                       && (value[0] == '=' || value[0] == '+' || value[0] == '-'
                           || value[0] == '@' || value[0] == '\t' || value[0] == '\r');
    if (!quote && !guard) {
        out.append(value);
        return;
    }
    if (quote)
        out.push_back('"');
    if (guard)
        out.push_back('\'');
    if (hasQuote) {
        // Every " doubled (RFC 4180), copying the runs between them whole.
        std::string_view rest = value;
        for (size_t at = rest.find('"'); at != std::string_view::npos; at = rest.find('"')) {
            out.append(rest.substr(0, at + 1));
            out.push_back('"');
            rest.remove_prefix(at + 1);
        }
        out.append(rest);
    } else {
        out.append(value);
    }
    if (quote)
        out.push_back('"');
}

void appendNumber(std::string &out, qint64 value)
{
    char digits[24];
    const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, size_t(end - digits));
}

// A JSON string (RFC 8259): " and \ escaped, control characters as \u00XX.
void appendJsonString(std::string &out, std::string_view value)
{
    static constexpr char Hex[] = "0123456789abcdef";
    out.push_back('"');
    size_t runStart = 0;
    for (size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(value.data() + runStart, i - runStart);
        runStart = i + 1;
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default: {
            const char escape[] = {'\\', 'u', '0', '0', Hex[c >> 4], Hex[c & 15]};
            out.append(escape, 6);
        }
        }
    }
    out.append(value.data() + runStart, value.size() - runStart);
    out.push_back('"');
}

// Writes filled buffers to the file on a second thread, so that on two cores the kernel's copy
// of the output (a quarter of an export's time on a 330 MB CSV) overlaps with reading and
// formatting the next rows. One buffer in flight at a time: memory stays at two buffers.
class BackgroundWriter final
{
public:
    explicit BackgroundWriter(QIODevice &file)
        : m_file(file)
        , m_thread([this] { run(); })
    {}
    ~BackgroundWriter()
    {
        {
            std::lock_guard lock(m_mutex);
            m_quit = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }
    // Hands `buffer` over (it comes back empty, with the capacity of the one written before);
    // false when an earlier write failed.
    bool write(std::string &buffer)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_busy; });
        if (m_failed)
            return false;
        std::swap(buffer, m_pending);
        buffer.clear();
        m_busy = true;
        m_changed.notify_all();
        return true;
    }
    // Waits for the last write; false when any failed.
    bool finish()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_busy; });
        return !m_failed;
    }

private:
    void run()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_changed.wait(lock, [this] { return m_busy || m_quit; });
            if (!m_busy)
                return;
            lock.unlock();
            const bool ok = m_file.write(m_pending.data(), qint64(m_pending.size()))
                            == qint64(m_pending.size());
            lock.lock();
            m_failed |= !ok;
            m_busy = false;
            m_changed.notify_all();
        }
    }

    QIODevice &m_file;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::string m_pending;
    bool m_busy = false;
    bool m_failed = false;
    bool m_quit = false;
    std::thread m_thread; // last: started when the rest is ready
};

std::string_view view(const QByteArray &bytes)
{
    return std::string_view(bytes.constData(), size_t(bytes.size()));
}

} // namespace

InventoryExporter::InventoryExporter(QString databasePath)
    : m_path(std::move(databasePath))
{}

void InventoryExporter::setProgressCallback(std::function<void(qint64, qint64)> callback)
{
    m_progress = std::move(callback);
}

QByteArray InventoryExporter::csvCell(QByteArrayView value, bool formulaGuard)
{
    std::string out;
    appendCsvCell(out, std::string_view(value.data(), size_t(value.size())), formulaGuard);
    return QByteArray(out.data(), qsizetype(out.size()));
}

CacheResult<qint64> InventoryExporter::exportInventory(qint64 inventoryId,
                                                       const QString &outputPath,
                                                       const ExportOptions &options)
{
    m_cancelled.store(false);
    SqliteDatabase db;
    QString error;
    if (!db.open(m_path, &error))
        return InventoryError{InventoryError::Kind::Database, error};
    SqliteStatement head = db.prepare(
        QStringLiteral("SELECT vault_arn, inventory_date, archive_count FROM inventories "
                       "WHERE id = ?1"),
        &error);
    if (!head.isValid())
        return InventoryError{InventoryError::Kind::Database, error};
    head.bind(1, inventoryId);
    if (head.step() != SqliteStatement::Step::Row)
        return InventoryError{InventoryError::Kind::NotFound,
                              QStringLiteral("no cached inventory %1").arg(inventoryId)};
    const QByteArray vaultArn(head.bytes(0).data(), qsizetype(head.bytes(0).size()));
    const QByteArray inventoryDate(head.bytes(1).data(), qsizetype(head.bytes(1).size()));
    const qint64 total = head.int64(2);
    head = {};

    // One read transaction: the rows exported are one consistent snapshot.
    if (!db.exec("BEGIN", &error))
        return InventoryError{InventoryError::Kind::Database, error};
    SqliteStatement rows = db.prepare(
        // In the inventory's own order (rowid: the order of the file imported), not sorted.
        QStringLiteral("SELECT archive_id, description, path, format, creation_date, size, "
                       "tree_hash FROM %1 ORDER BY rowid")
            .arg(archivesTable(inventoryId)),
        &error);
    if (!rows.isValid())
        return InventoryError{InventoryError::Kind::Database, error};

    QSaveFile file(outputPath);
    if (!file.open(QIODevice::WriteOnly))
        return InventoryError{InventoryError::Kind::Io,
                              QStringLiteral("cannot write %1: %2")
                                  .arg(outputPath, file.errorString())};
    std::string out;
    out.reserve(FlushAt + 64 * 1024);
    const bool csv = options.format == ExportFormat::Csv;
    const bool guard = options.formulaGuard;
    if (csv) {
        out.append("ArchiveId,ArchiveDescription,DecodedPath,CreationDate,Size,SHA256TreeHash\r\n");
    } else {
        out.append("{\"VaultARN\":");
        appendJsonString(out, view(vaultArn));
        out.append(",\"InventoryDate\":");
        appendJsonString(out, view(inventoryDate));
        out.append(",\"ArchiveList\":[");
    }
    qint64 written = 0;
    // Destroyed (its thread joined) before `file`, on every return.
    std::optional<BackgroundWriter> writer(std::in_place, file);
    const auto flush = [&] { return writer->write(out); };
    for (;;) {
        const SqliteStatement::Step step = rows.step();
        if (step == SqliteStatement::Step::Done)
            break;
        if (step == SqliteStatement::Step::Error)
            return InventoryError{InventoryError::Kind::Database, rows.errorMessage()};
        if (csv) {
            appendCsvCell(out, rows.bytes(0), guard);
            out.push_back(',');
            appendCsvCell(out, rows.bytes(1), guard);
            out.push_back(',');
            appendCsvCell(out, rows.bytes(2), guard);
            out.push_back(',');
            appendCsvCell(out, rows.bytes(4), guard);
            out.push_back(',');
            appendNumber(out, rows.int64(5));
            out.push_back(',');
            appendCsvCell(out, rows.bytes(6), guard);
            out.append("\r\n");
        } else {
            out.append(written == 0 ? "\n{\"ArchiveId\":" : ",\n{\"ArchiveId\":");
            appendJsonString(out, rows.bytes(0));
            out.append(",\"ArchiveDescription\":");
            appendJsonString(out, rows.bytes(1));
            out.append(",\"DecodedPath\":");
            appendJsonString(out, rows.bytes(2));
            out.append(",\"DescriptionFormat\":");
            appendJsonString(out, rows.bytes(3));
            out.append(",\"CreationDate\":");
            appendJsonString(out, rows.bytes(4));
            out.append(",\"Size\":");
            appendNumber(out, rows.int64(5));
            out.append(",\"SHA256TreeHash\":");
            appendJsonString(out, rows.bytes(6));
            out.push_back('}');
        }
        ++written;
        if (out.size() >= size_t(FlushAt) && !flush())
            return InventoryError{InventoryError::Kind::Io,
                                  QStringLiteral("cannot write %1: %2")
                                      .arg(outputPath, file.errorString())};
        if (written % ProgressEvery == 0) {
            if (m_cancelled.load(std::memory_order_relaxed)) {
                writer.reset();
                file.cancelWriting();
                return InventoryError{InventoryError::Kind::Cancelled,
                                      QStringLiteral("the export was cancelled; no file was "
                                                     "written")};
            }
            if (m_progress)
                m_progress(written, total);
        }
    }
    if (!csv)
        out.append(written == 0 ? "]}\n" : "\n]}\n");
    if (m_cancelled.load()) {
        writer.reset();
        file.cancelWriting();
        return InventoryError{InventoryError::Kind::Cancelled,
                              QStringLiteral("the export was cancelled; no file was written")};
    }
    const bool flushed = flush() && writer->finish();
    writer.reset(); // the thread ends before the file is committed
    if (!flushed || !file.commit())
        return InventoryError{InventoryError::Kind::Io,
                              QStringLiteral("cannot write %1: %2")
                                  .arg(outputPath, file.errorString())};
    if (m_progress)
        m_progress(written, total);
    return written;
}

} // namespace thaw::inventory
