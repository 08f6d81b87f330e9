#pragma once

#include <QString>
#include <QtGlobal>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace thaw::ui {

// The download preferences, as QSettings keeps them under "transfers/".
struct TransferSettings
{
    QString downloadFolder;         // where the Jobs view puts new downloads
    int parallelChunks = 4;         // ranged GETs in flight per download (DownloadOptions)
    int globalParallel = 8;         // ranged GETs in flight over all downloads (FetchSlots)
    qint64 limitRate = 0;           // bytes/s over all downloads together; 0: unlimited
    qint64 assumedRate = 4 << 20;   // bytes/s for expiry estimates before any rate is measured

    static TransferSettings load(const QSettings &settings);
    void save(QSettings &settings) const;
    static QString defaultDownloadFolder(); // QStandardPaths::DownloadLocation

    friend bool operator==(const TransferSettings &, const TransferSettings &) = default;
};

} // namespace thaw::ui
