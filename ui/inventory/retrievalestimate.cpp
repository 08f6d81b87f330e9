#include "retrievalestimate.h"

#include <QCoreApplication>
#include <QLocale>

namespace thaw::ui {

namespace {

using std::chrono::hours;
using std::chrono::minutes;

QString tr(const char *text)
{
    return QCoreApplication::translate("thaw::ui::RetrievalEstimate", text);
}

QString timeText(const QDateTime &at, const QDateTime &reference)
{
    if (at.date() == reference.date())
        return at.toString(QStringLiteral("HH:mm"));
    return at.toString(QStringLiteral("ddd d MMM HH:mm"));
}

} // namespace

RetrievalEstimate estimateRetrieval(glacier::RetrievalTier tier, qint64 largestArchiveBytes,
                                    const QDateTime &initiatedAt)
{
    RetrievalEstimate estimate;
    switch (tier) {
    case glacier::RetrievalTier::Expedited:
        estimate.earliest = minutes(1);
        estimate.latest = minutes(5);
        estimate.beyondTypical = largestArchiveBytes > ExpeditedTypicalLimit;
        break;
    case glacier::RetrievalTier::Standard:
        estimate.earliest = hours(3);
        estimate.latest = hours(5);
        break;
    case glacier::RetrievalTier::Bulk:
        estimate.earliest = hours(5);
        estimate.latest = hours(12);
        break;
    }
    estimate.readyFrom = initiatedAt.addSecs(estimate.earliest.count() * 60);
    estimate.readyBy = initiatedAt.addSecs(estimate.latest.count() * 60);
    return estimate;
}

QString durationText(const RetrievalEstimate &estimate)
{
    const qint64 from = estimate.earliest.count();
    const qint64 to = estimate.latest.count();
    if (to < 60)
        return tr("%1–%2 minutes").arg(from).arg(to);
    return tr("%1–%2 hours").arg(from / 60).arg(to / 60);
}

QString estimateText(const RetrievalEstimate &estimate)
{
    const QDateTime start = estimate.readyFrom.addSecs(-estimate.earliest.count() * 60);
    QString text = tr("Typically ready %1 after the request, between %2 and %3.")
                       .arg(durationText(estimate), timeText(estimate.readyFrom, start),
                            timeText(estimate.readyBy, start));
    if (estimate.beyondTypical)
        text += QLatin1Char(' ')
                + tr("Archives over 250 MB can take longer than that with Expedited.");
    return text;
}

QString tierName(glacier::RetrievalTier tier)
{
    switch (tier) {
    case glacier::RetrievalTier::Expedited:
        return tr("Expedited");
    case glacier::RetrievalTier::Standard:
        return tr("Standard");
    case glacier::RetrievalTier::Bulk:
        return tr("Bulk");
    }
    return {};
}

} // namespace thaw::ui
