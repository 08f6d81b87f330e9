#include "inventoryimporter.h"

#include "archivefields.h"
#include "descriptiondecoder.h"
#include "importpipeline.h"
#include "inventorycsvparser.h"
#include "inventoryjsonparser.h"
#include "inventoryschema.h"
#include "sqlitedb.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QUuid>

#include <array>
#include <thread>

// Where an import's time goes (QT_LOGGING_RULES="thaw.inventory.import.debug=true").
Q_LOGGING_CATEGORY(lcImport, "thaw.inventory.import", QtWarningMsg)

namespace thaw::inventory {

namespace {

using namespace importpipeline;

// The UTF-8 ids of the description formats, made once.
const QByteArray &formatId(DescriptionFormat format)
{
    static const std::array<QByteArray, 9> ids = [] {
        std::array<QByteArray, 9> names;
        for (int i = 0; i < 9; ++i)
            names[size_t(i)] = descriptionFormatName(DescriptionFormat(i)).toUtf8();
        return names;
    }();
    const auto index = size_t(format);
    return index < ids.size() ? ids[index] : ids.back();
}

void addText(Batch &batch, Batch::Row &row, int field, std::string_view text)
{
    row.offset[size_t(field)] = quint32(batch.arena.size());
    row.length[size_t(field)] = quint32(text.size());
    batch.arena.append(text);
}

QString nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

InventoryError dbError(const QString &message)
{
    return InventoryError{InventoryError::Kind::Database, message};
}

} // namespace

InventoryImporter::InventoryImporter(QString databasePath)
    : m_path(std::move(databasePath))
{}

void InventoryImporter::setProgressCallback(std::function<void(const ImportProgress &)> callback)
{
    m_progress = std::move(callback);
}

CacheResult<InventorySummary> InventoryImporter::importFile(const QString &path,
                                                            const ImportOptions &options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return InventoryError{InventoryError::Kind::Io,
                              QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    }
    return importDevice(file, options, file.size());
}

CacheResult<InventorySummary> InventoryImporter::importDevice(QIODevice &device,
                                                              const ImportOptions &options,
                                                              qint64 totalBytes)
{
    return importStream([&device](char *data, qint64 maxSize) { return device.read(data, maxSize); },
                        options, totalBytes);
}

CacheResult<InventorySummary> InventoryImporter::importStream(const ReadFunction &read,
                                                              const ImportOptions &options,
                                                              qint64 totalBytes)
{
    m_cancelled.store(false);
    if (options.vault.vault.isEmpty())
        return InventoryError{InventoryError::Kind::Usage, QStringLiteral("no vault name")};

    // The first bytes tell JSON from CSV; they are then handed to the parser again.
    QByteArray head(4096, Qt::Uninitialized);
    qint64 headSize = 0;
    while (headSize < head.size()) {
        const qint64 got = read(head.data() + headSize, head.size() - headSize);
        if (got < 0)
            return InventoryError{InventoryError::Kind::Io,
                                  QStringLiteral("reading the inventory failed")};
        if (got == 0)
            break;
        headSize += got;
    }
    head.truncate(headSize);
    std::optional<InventoryFormat> format = options.format;
    if (!format)
        format = detectInventoryFormat(head);
    if (!format)
        return InventoryError{InventoryError::Kind::Parse,
                              QStringLiteral("the inventory is empty (no JSON object, no CSV "
                                             "header)")};
    if (*format == InventoryFormat::Csv && options.inventoryDate.isEmpty()) {
        return InventoryError{InventoryError::Kind::Usage,
                              QStringLiteral("a CSV inventory carries no InventoryDate: give the "
                                             "date (e.g. the inventory job's CompletionDate)")};
    }
    if (options.appendToExisting && options.inventoryDate.isEmpty()) {
        return InventoryError{InventoryError::Kind::Usage,
                              QStringLiteral("appending a part needs the InventoryDate of the "
                                             "inventory it belongs to")};
    }

    qint64 headUsed = 0;
    qint64 bytesRead = 0;
    qint64 archives = 0;
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    const auto report = [&] {
        if (m_progress)
            m_progress(ImportProgress{bytesRead, totalBytes, archives});
    };
    const ReadFunction replay = [&](char *data, qint64 maxSize) -> qint64 {
        qint64 got;
        if (headUsed < head.size()) {
            got = std::min(maxSize, qint64(head.size()) - headUsed);
            memcpy(data, head.constData() + headUsed, size_t(got));
            headUsed += got;
        } else {
            got = read(data, maxSize);
        }
        if (got > 0) {
            bytesRead += got;
            if (sinceProgress.elapsed() >= 100) {
                sinceProgress.restart();
                report();
            }
        }
        return got;
    };

    SqliteDatabase db;
    QString error;
    if (!db.open(m_path, &error))
        return dbError(error);
    // One transaction makes the import all-or-nothing: a parse error, cancel() or a killed
    // process rolls back (the journal survives a killed process). synchronous=OFF: no fsync at
    // all. The cache is derived data (it can always be imported again); syncing the few hundred
    // MB a large import writes made it 5x slower (15 s instead of 3 s for 1,000,000 archives
    // here), and only a power cut or OS crash during or just after an import can then damage
    // the file. TRUNCATE journal: the new tables' pages are never journaled
    // (inventoryschema.cpp).
    if (!db.exec("PRAGMA journal_mode=TRUNCATE; PRAGMA synchronous=OFF;"
                 "PRAGMA cache_size=-32768;",
                 &error))
        return dbError(error);
    SqliteWriteTransaction transaction(db);
    if (!transaction.begin(&error))
        return dbError(error);

    const VaultKey &vault = options.vault;
    qint64 id = 0;
    int parts = 1;
    if (options.appendToExisting) {
        SqliteStatement find = db.prepare(
            QStringLiteral("SELECT id, parts FROM inventories WHERE account = ?1 AND region = ?2 "
                           "AND vault = ?3 AND inventory_date = ?4"),
            &error);
        if (!find.isValid())
            return dbError(error);
        find.bindText(1, vault.account);
        find.bindText(2, vault.region);
        find.bindText(3, vault.vault);
        find.bindText(4, options.inventoryDate);
        if (find.step() == SqliteStatement::Step::Row) {
            id = find.int64(0);
            parts = int(find.int64(1)) + 1;
        }
    }
    const bool appending = id != 0;
    if (!appending) {
        // A unique placeholder date until the file has told its own (JSON may give it last).
        SqliteStatement create = db.prepare(
            QStringLiteral("INSERT INTO inventories(account, region, vault, inventory_date) "
                           "VALUES(?1, ?2, ?3, ?4)"),
            &error);
        if (!create.isValid())
            return dbError(error);
        create.bindText(1, vault.account);
        create.bindText(2, vault.region);
        create.bindText(3, vault.vault);
        create.bindText(4, QStringLiteral("importing-") + QUuid::createUuid().toString());
        if (!execStatement(create, &error))
            return dbError(error);
        id = db.lastInsertRowId();
        if (!createInventoryTables(db, id, &error))
            return dbError(error);
    }

    SqliteStatement insert = db.prepare(
        QStringLiteral("INSERT INTO %1 VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
            .arg(archivesTable(id)),
        &error);
    if (!insert.isValid())
        return dbError(error);

    SqliteStatement insertName = db.prepare(
        QStringLiteral("INSERT INTO %1(key) VALUES(?1)").arg(namesTable(id)), &error);
    if (!insertName.isValid())
        return dbError(error);

    BatchQueue queue;
    Inserter inserter;
    inserter.insert = &insert;
    inserter.insertName = &insertName;
    inserter.queue = &queue;
    std::thread insertThread([&inserter] { inserter.run(); });

    Batch batch;
    batch.rows.reserve(BatchRows);
    QByteArray decodedPath; // reused: most rows need none
    const ArchiveSink sink = [&](const ArchiveEntry &entry) {
        if (m_cancelled.load(std::memory_order_relaxed) || queue.stopped())
            return false;
        const DecodedDescriptionBytes decoded = decodeDescriptionBytes(
            QByteArrayView(entry.description.data(), qsizetype(entry.description.size())),
            &decodedPath);
        const std::string_view pathView
            = decoded.pathIsRaw ? entry.description
                                : std::string_view(decodedPath.constData(),
                                                   size_t(decodedPath.size()));
        const SplitPath split = splitDecodedPath(pathView);
        Batch::Row row;
        addText(batch, row, Id, entry.archiveId);
        addText(batch, row, Description, entry.description);
        addText(batch, row, CreationDate, entry.creationDate);
        addText(batch, row, TreeHash, entry.treeHash);
        addText(batch, row, Path, pathView);
        const QByteArray &formatName = formatId(decoded.format);
        addText(batch, row, Format,
                std::string_view(formatName.constData(), size_t(formatName.size())));
        addText(batch, row, Folder, split.folder);
        addText(batch, row, FileName, split.fileName);
        if (const std::optional<qint64> ms = isoToMsecs(entry.creationDate)) {
            row.hasCreation = true;
            row.creationMs = *ms;
        }
        // The search key: the decoded path in ASCII lower case (see namesTable()).
        row.offset[NameKey] = quint32(batch.arena.size());
        row.length[NameKey] = quint32(pathView.size());
        for (const char c : pathView)
            batch.arena.push_back(c >= 'A' && c <= 'Z' ? char(c + 32) : c);
        if (decoded.modifiedMs) {
            row.hasModified = true;
            row.modifiedMs = *decoded.modifiedMs;
        }
        if (decoded.size) {
            row.hasDescriptionSize = true;
            row.descriptionSize = *decoded.size;
        }
        row.size = entry.size;
        batch.rows.push_back(row);
        ++archives;
        if (batch.rows.size() >= BatchRows) {
            queue.push(std::move(batch));
            batch = queue.fresh();
            batch.rows.reserve(BatchRows);
        }
        return true;
    };

    QElapsedTimer phase;
    phase.start();
    const ParseOutcome outcome = *format == InventoryFormat::Json
                                     ? parseInventoryJson(replay, sink)
                                     : parseInventoryCsv(replay, sink);
    if (outcome.ok() && !batch.rows.empty())
        queue.push(std::move(batch));
    if (outcome.ok())
        queue.close();
    else
        queue.stop();
    insertThread.join();
    qCDebug(lcImport) << "parse, decode and insert:" << phase.restart() << "ms";
    report();

    if (m_cancelled.load())
        return InventoryError{InventoryError::Kind::Cancelled,
                              QStringLiteral("the import was cancelled; the cache is unchanged")};
    if (!inserter.error.isEmpty())
        return dbError(QStringLiteral("writing the cache failed: %1").arg(inserter.error));
    if (outcome.error) {
        const bool readFailure = outcome.error->line == 0;
        return InventoryError{readFailure ? InventoryError::Kind::Io : InventoryError::Kind::Parse,
                              (format == InventoryFormat::Json ? QStringLiteral("JSON inventory, ")
                                                               : QStringLiteral("CSV inventory, "))
                                  + outcome.error->message};
    }

    const QString inventoryDate = !options.inventoryDate.isEmpty()
                                      ? options.inventoryDate
                                      : outcome.header.inventoryDate;
    if (inventoryDate.isEmpty()) {
        return InventoryError{InventoryError::Kind::Parse,
                              QStringLiteral("the inventory has no InventoryDate")};
    }
    if (!appending) {
        // Replace an inventory already cached under the same key (a re-import).
        SqliteStatement old = db.prepare(
            QStringLiteral("SELECT id FROM inventories WHERE account = ?1 AND region = ?2 AND "
                           "vault = ?3 AND inventory_date = ?4 AND id <> ?5"),
            &error);
        if (!old.isValid())
            return dbError(error);
        old.bindText(1, vault.account);
        old.bindText(2, vault.region);
        old.bindText(3, vault.vault);
        old.bindText(4, inventoryDate);
        old.bind(5, id);
        std::optional<qint64> oldId;
        if (old.step() == SqliteStatement::Step::Row)
            oldId = old.int64(0);
        old = {};
        if (oldId && !dropInventory(db, *oldId, &error))
            return dbError(error);
    }
    if (!writeFolders(db, id, inserter.folders, &error))
        return dbError(error);
    qCDebug(lcImport) << "folder tree:" << phase.restart() << "ms";
    if (!createInventoryIndexes(db, id, &error))
        return dbError(error);
    qCDebug(lcImport) << "indexes:" << phase.restart() << "ms";

    SqliteStatement update = db.prepare(
        QStringLiteral("UPDATE inventories SET inventory_date = ?1, vault_arn = ?2, format = ?3, "
                       "imported_at = ?4, archive_count = archive_count + ?5, "
                       "total_size = total_size + ?6, parts = ?7 WHERE id = ?8"),
        &error);
    if (!update.isValid())
        return dbError(error);
    update.bindText(1, inventoryDate);
    update.bindText(2, outcome.header.vaultArn);
    update.bindText(3, *format == InventoryFormat::Json ? QStringLiteral("JSON")
                                                        : QStringLiteral("CSV"));
    update.bindText(4, nowIso());
    update.bind(5, inserter.rows);
    update.bind(6, inserter.totalSize);
    update.bind(7, parts);
    update.bind(8, id);
    if (!execStatement(update, &error))
        return dbError(error);
    if (!transaction.commit(&error))
        return dbError(error);
    qCDebug(lcImport) << "commit:" << phase.restart() << "ms";

    InventorySummary summary;
    SqliteStatement stored = db.prepare(
        QStringLiteral("SELECT archive_count, total_size, imported_at, vault_arn, format, parts "
                       "FROM inventories WHERE id = ?1"),
        &error);
    summary.id = id;
    summary.vault = vault;
    summary.inventoryDate = inventoryDate;
    summary.inventoryDateTime = QDateTime::fromString(inventoryDate, Qt::ISODateWithMs);
    if (stored.isValid()) {
        stored.bind(1, id);
        if (stored.step() == SqliteStatement::Step::Row) {
            summary.archiveCount = stored.int64(0);
            summary.totalSize = stored.int64(1);
            summary.importedAt = QDateTime::fromString(stored.text(2), Qt::ISODateWithMs);
            summary.vaultArn = stored.text(3);
            summary.format = stored.text(4);
            summary.parts = int(stored.int64(5));
        }
    }
    return summary;
}

} // namespace thaw::inventory
