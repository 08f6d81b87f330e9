#include "restoreplan.h"

#include "core/inventory/pathsanitizer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace thaw::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("thaw::ui::RestorePlan", text);
}

// "dir/name.ext" → "dir/name-<tag>.ext"
QString withTag(const QString &relativePath, const QString &tag)
{
    const int slash = int(relativePath.lastIndexOf(QLatin1Char('/')));
    const int dot = int(relativePath.lastIndexOf(QLatin1Char('.')));
    const int insertAt = dot > slash + 1 ? dot : int(relativePath.size());
    return relativePath.left(insertAt) + QLatin1Char('-') + tag + relativePath.mid(insertAt);
}

// An archive id is base64url-like; keep it safe as a file name whatever the server sent.
QString safeId(const QString &archiveId)
{
    QString id;
    for (const QChar c : archiveId) {
        if (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'))
            id += c;
    }
    return id.isEmpty() ? QStringLiteral("archive") : id.left(138);
}

// The names planned so far, compared without case (the destination may be on a case-insensitive
// file system): the files, and every folder above them.
class UsedNames
{
public:
    // Free when no planned file has this name, no planned file lives under it (it would be a
    // folder) and none of its folders is a planned file.
    bool isFree(const QString &relativePath) const
    {
        const QString key = relativePath.toLower();
        if (m_files.contains(key) || m_folders.contains(key))
            return false;
        for (qsizetype slash = key.indexOf(QLatin1Char('/')); slash > 0;
             slash = key.indexOf(QLatin1Char('/'), slash + 1)) {
            if (m_files.contains(key.left(slash)))
                return false;
        }
        return true;
    }

    void insert(const QString &relativePath)
    {
        const QString key = relativePath.toLower();
        m_files.insert(key);
        for (qsizetype slash = key.indexOf(QLatin1Char('/')); slash > 0;
             slash = key.indexOf(QLatin1Char('/'), slash + 1))
            m_folders.insert(key.left(slash));
    }

private:
    QSet<QString> m_files;
    QSet<QString> m_folders;
};

// The first free name of: the name itself, with the start of the id added, with all of the id
// added, the id alone (when a folder of the name is another archive's file), the id and a count.
QString freeName(const UsedNames &used, const QString &name, const QString &id)
{
    if (used.isFree(name))
        return name;
    for (const QString &candidate : {withTag(name, id.left(8)), withTag(name, id), id}) {
        if (used.isFree(candidate))
            return candidate;
    }
    for (int n = 2;; ++n) {
        const QString candidate = withTag(id, QString::number(n));
        if (used.isFree(candidate))
            return candidate;
    }
}

} // namespace

RestorePlan planRestore(const QList<inventory::ArchiveRow> &archives, const QString &destination,
                        const std::atomic<bool> *cancelled)
{
    RestorePlan plan;
    if (destination.isEmpty() || !QFileInfo(destination).isDir()) {
        plan.error = tr("Choose an existing folder to restore into.");
        return plan;
    }
    UsedNames used;
    for (const inventory::ArchiveRow &archive : archives) {
        if (cancelled && cancelled->load(std::memory_order_relaxed)) {
            plan.items.clear();
            plan.cancelled = true;
            plan.error = tr("Planning was cancelled.");
            return plan;
        }
        RestoreItem item;
        item.archive = archive;
        const QString id = safeId(archive.archiveId);
        inventory::SanitizedPath relative;
        const auto sanitized = inventory::sanitizePath(archive.path);
        if (sanitized.ok()) {
            relative = sanitized.value();
        } else {
            relative.relativePath = id;
            item.note = tr("Saved under its archive id: %1").arg(sanitized.error().message());
        }
        auto resolved = inventory::resolveUnder(destination, relative);
        if (!resolved.ok()) {
            relative.relativePath = id;
            item.note = tr("Saved under its archive id: %1").arg(resolved.error().message());
        }
        const QString free = freeName(used, relative.relativePath, id);
        if (free != relative.relativePath) {
            relative.relativePath = free;
            item.note = tr("Another selected archive has the same name or a folder of that "
                           "name: its id was added.");
        }
        resolved = inventory::resolveUnder(destination, relative);
        if (!resolved.ok()) {
            plan.items.clear();
            plan.error = resolved.error().message();
            return plan;
        }
        used.insert(relative.relativePath);
        item.outPath = resolved.value();
        plan.items.append(std::move(item));
    }
    return plan;
}

} // namespace thaw::ui
