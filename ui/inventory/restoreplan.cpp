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

} // namespace

RestorePlan planRestore(const QList<inventory::ArchiveRow> &archives, const QString &destination)
{
    RestorePlan plan;
    if (destination.isEmpty() || !QFileInfo(destination).isDir()) {
        plan.error = tr("Choose an existing folder to restore into.");
        return plan;
    }
    QSet<QString> used;
    for (const inventory::ArchiveRow &archive : archives) {
        RestoreItem item;
        item.archive = archive;
        inventory::SanitizedPath relative;
        const auto sanitized = inventory::sanitizePath(archive.path);
        if (sanitized.ok()) {
            relative = sanitized.value();
        } else {
            relative.relativePath = safeId(archive.archiveId);
            item.note = tr("Saved under its archive id: %1").arg(sanitized.error().message());
        }
        if (used.contains(relative.relativePath.toLower())) {
            relative.relativePath = withTag(relative.relativePath, safeId(archive.archiveId).left(8));
            item.note = tr("Another selected archive has the same name: its id was added.");
        }
        auto resolved = inventory::resolveUnder(destination, relative);
        if (!resolved.ok()) {
            relative.relativePath = safeId(archive.archiveId);
            item.note = tr("Saved under its archive id: %1").arg(resolved.error().message());
            resolved = inventory::resolveUnder(destination, relative);
            if (!resolved.ok()) {
                plan.items.clear();
                plan.error = resolved.error().message();
                return plan;
            }
        }
        used.insert(relative.relativePath.toLower());
        item.outPath = resolved.value();
        plan.items.append(std::move(item));
    }
    return plan;
}

} // namespace thaw::ui
