#include "transfersettings.h"

#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace thaw::ui {

using namespace Qt::StringLiterals;

QString TransferSettings::defaultDownloadFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
}

TransferSettings TransferSettings::load(const QSettings &settings)
{
    TransferSettings s;
    s.downloadFolder
        = settings.value(u"transfers/downloadFolder"_s, defaultDownloadFolder()).toString();
    s.parallelChunks = std::clamp(settings.value(u"transfers/parallelChunks"_s, 4).toInt(), 1, 32);
    s.globalParallel = std::clamp(settings.value(u"transfers/globalParallel"_s, 8).toInt(), 1, 64);
    s.limitRate = std::max<qint64>(0, settings.value(u"transfers/limitRate"_s, 0).toLongLong());
    s.assumedRate = std::max<qint64>(
        1, settings.value(u"transfers/assumedRate"_s, qint64(4) << 20).toLongLong());
    return s;
}

void TransferSettings::save(QSettings &settings) const
{
    settings.setValue(u"transfers/downloadFolder"_s, downloadFolder);
    settings.setValue(u"transfers/parallelChunks"_s, parallelChunks);
    settings.setValue(u"transfers/globalParallel"_s, globalParallel);
    settings.setValue(u"transfers/limitRate"_s, limitRate);
    settings.setValue(u"transfers/assumedRate"_s, assumedRate);
}

} // namespace thaw::ui
