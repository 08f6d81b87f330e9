#include "importpipeline.h"

#include "archivefields.h"
#include "inventoryschema.h"

#include <map>

namespace thaw::inventory::importpipeline {

void Inserter::run()
{
    Batch batch;
    while (queue->pop(&batch)) {
        for (const Batch::Row &row : batch.rows) {
            SqliteStatement &s = *insert;
            s.bindText(1, batch.text(row, Id));
            s.bindText(2, batch.text(row, Description));
            s.bindText(3, batch.text(row, CreationDate));
            if (row.hasCreation)
                s.bind(4, row.creationMs);
            else
                s.bindNull(4);
            s.bind(5, row.size);
            s.bindText(6, batch.text(row, TreeHash));
            s.bindText(7, batch.text(row, Path));
            s.bindText(8, batch.text(row, Format));
            if (row.hasModified)
                s.bind(9, row.modifiedMs);
            else
                s.bindNull(9);
            if (row.hasDescriptionSize)
                s.bind(10, row.descriptionSize);
            else
                s.bindNull(10);
            const std::string_view folder = batch.text(row, Folder);
            s.bindText(11, folder);
            s.bindText(12, batch.text(row, FileName));
            if (s.step() != SqliteStatement::Step::Done) {
                error = s.errorMessage();
                s.reset();
                queue->stop();
                return;
            }
            s.reset();
            SqliteStatement &n = *insertName;
            n.bindText(1, batch.text(row, NameKey));
            if (n.step() != SqliteStatement::Step::Done) {
                error = n.errorMessage();
                n.reset();
                queue->stop();
                return;
            }
            n.reset();
            ++rows;
            totalSize += row.size;
            if (!folder.empty()) {
                auto it = folders.find(folder);
                if (it == folders.end())
                    it = folders.try_emplace(std::string(folder)).first;
                FolderStats &stats = it->second;
                ++stats.directCount;
                stats.directSize += row.size;
            }
        }
        queue->recycle(std::move(batch));
    }
}

bool writeFolders(SqliteDatabase &db, qint64 id,
                  FolderMap &direct, QString *error)
{
    const QString table = foldersTable(id);
    {
        SqliteStatement existing = db.prepare(
            QStringLiteral("SELECT path, direct_count, direct_size FROM %1").arg(table), error);
        if (!existing.isValid())
            return false;
        while (existing.step() == SqliteStatement::Step::Row) {
            FolderStats &stats = direct[std::string(existing.bytes(0))];
            stats.directCount += existing.int64(1);
            stats.directSize += existing.int64(2);
        }
    }
    struct Totals
    {
        FolderStats direct;
        qint64 count = 0;
        qint64 size = 0;
        qint64 subfolders = 0;
    };
    std::map<std::string, Totals> all;
    for (const auto &[path, stats] : direct) {
        all[path].direct = stats;
        std::string_view folder = path;
        while (!folder.empty()) {
            auto [it, inserted] = all.try_emplace(std::string(folder));
            it->second.count += stats.directCount;
            it->second.size += stats.directSize;
            folder = parentFolder(folder);
        }
    }
    for (const auto &[path, totals] : all) {
        const std::string_view parent = parentFolder(path);
        if (!parent.empty())
            ++all[std::string(parent)].subfolders;
    }
    if (!db.exec(QStringLiteral("DELETE FROM %1").arg(table), error))
        return false;
    SqliteStatement insert = db.prepare(
        QStringLiteral("INSERT INTO %1 VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)").arg(table), error);
    if (!insert.isValid())
        return false;
    for (const auto &[path, totals] : all) {
        const std::string_view parent = parentFolder(path);
        const size_t slash = path.rfind('/');
        insert.bindText(1, path);
        insert.bindText(2, parent);
        insert.bindText(3, slash == std::string::npos ? std::string_view(path)
                                                      : std::string_view(path).substr(slash + 1));
        insert.bind(4, totals.direct.directCount);
        insert.bind(5, totals.direct.directSize);
        insert.bind(6, totals.count);
        insert.bind(7, totals.size);
        insert.bind(8, totals.subfolders);
        if (!execStatement(insert, error))
            return false;
    }
    return true;
}


} // namespace thaw::inventory::importpipeline
