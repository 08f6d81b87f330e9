#include "jobname.h"

#include "core/inventory/descriptiondecoder.h"

#include <QRegularExpression>

namespace thaw::ui {

using namespace Qt::StringLiterals;

QString jobDisplayName(const glacier::JobDescription &job)
{
    const QString description = job.jobDescription.value_or(QString());
    if (!description.isEmpty()) {
        const QByteArray utf8 = description.toUtf8();
        const inventory::DecodedDescription decoded = inventory::decodeDescription(utf8);
        if (!decoded.path.isEmpty())
            return decoded.path;
        return description;
    }
    const QString what = job.action == glacier::JobAction::InventoryRetrieval ? u"Inventory"_s
                         : job.action == glacier::JobAction::ArchiveRetrieval ? u"Archive"_s
                                                                             : job.actionText;
    if (job.archiveId && !job.archiveId->isEmpty())
        return u"%1 %2…"_s.arg(what, job.archiveId->left(12));
    return u"%1 %2…"_s.arg(what, job.jobId.left(12));
}

std::optional<qint64> jobOutputSize(const glacier::JobDescription &job)
{
    if (job.action == glacier::JobAction::InventoryRetrieval)
        return job.inventorySizeInBytes;
    if (job.retrievalByteRange && !job.retrievalByteRange->isEmpty()) {
        const QStringList parts = job.retrievalByteRange->split(u'-');
        bool okFirst = false;
        bool okLast = false;
        const qint64 first = parts.size() == 2 ? parts[0].toLongLong(&okFirst) : 0;
        const qint64 last = parts.size() == 2 ? parts[1].toLongLong(&okLast) : 0;
        if (!okFirst || !okLast || first < 0 || last < first)
            return std::nullopt;
        return last - first + 1;
    }
    return job.archiveSizeInBytes;
}

QString suggestedFileName(const glacier::JobDescription &job)
{
    QString name = job.jobDescription.value_or(QString()).isEmpty() ? QString()
                                                                   : jobDisplayName(job);
    name = name.section(u'/', -1).section(u'\\', -1);
    static const QRegularExpression unsafe(u"[\\x00-\\x1f\\x7f<>:\"|?*]"_s);
    name.replace(unsafe, u"_"_s);
    name = name.trimmed();
    while (name.startsWith(u'.'))
        name.remove(0, 1);
    if (name.isEmpty() || name.size() > 200) {
        const QString what
            = job.action == glacier::JobAction::InventoryRetrieval ? u"inventory"_s : u"archive"_s;
        name = u"%1-%2"_s.arg(what, job.jobId.left(16));
        if (job.action == glacier::JobAction::InventoryRetrieval)
            name += job.inventoryRetrievalParameters
                            && job.inventoryRetrievalParameters->format.value_or(QString())
                                   == u"CSV"_s
                        ? u".csv"_s
                        : u".json"_s;
    }
    return name;
}

} // namespace thaw::ui
