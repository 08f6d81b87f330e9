#include "jobexpiry.h"

#include "jobname.h"

#include "core/jobs/outputwindow.h"

#include <QCoreApplication>

namespace thaw::ui {

using namespace std::chrono;

ExpiryInfo evaluateExpiry(const glacier::JobDescription &job, const QDateTime &now,
                          qint64 bytesPerSecond)
{
    ExpiryInfo info;
    info.remaining = jobs::remainingOutputWindow(job, now);
    if (!info.remaining)
        return info;
    const std::optional<qint64> size = jobOutputSize(job);
    if (size && bytesPerSecond > 0)
        info.downloadEstimate = seconds((*size + bytesPerSecond - 1) / bytesPerSecond);
    if (jobs::isExpired(job, now))
        info.state = ExpiryState::Expired;
    else if (info.downloadEstimate && *info.downloadEstimate > *info.remaining)
        info.state = ExpiryState::WontFit;
    else if (*info.remaining < kExpiringSoon)
        info.state = ExpiryState::ExpiringSoon;
    else
        info.state = ExpiryState::Available;
    return info;
}

QString countdownText(milliseconds remaining)
{
    if (remaining <= 0ms)
        return QCoreApplication::translate("thaw::ui::JobsModel", "expired");
    const qint64 total = duration_cast<seconds>(remaining).count();
    return QStringLiteral("%1:%2:%3")
        .arg(total / 3600, 2, 10, QLatin1Char('0'))
        .arg((total / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(total % 60, 2, 10, QLatin1Char('0'));
}

QString durationText(seconds duration)
{
    const qint64 s = std::max<qint64>(0, duration.count());
    if (s < 60)
        return QCoreApplication::translate("thaw::ui::JobsModel", "about %1 s").arg(s);
    if (s < 3600)
        return QCoreApplication::translate("thaw::ui::JobsModel", "about %1 min").arg(s / 60);
    return QCoreApplication::translate("thaw::ui::JobsModel", "about %1 h %2 min")
        .arg(s / 3600)
        .arg((s / 60) % 60);
}

} // namespace thaw::ui
