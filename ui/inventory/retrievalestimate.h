#pragma once

#include "core/glacier/jobdescription.h"

#include <QDateTime>
#include <QString>

#include <chrono>

namespace thaw::ui {

// When the output of an archive retrieval is typically ready, per tier, from AWS's
// "Expedited, Standard, and Bulk Tiers": Expedited 1–5 minutes (archives up to 250 MB),
// Standard 3–5 hours, Bulk 5–12 hours. Typical times, not promises.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-initiate-job-post.html
struct RetrievalEstimate
{
    std::chrono::minutes earliest{0};
    std::chrono::minutes latest{0};
    bool beyondTypical = false; // Expedited for an archive larger than 250 MB: no typical time
    QDateTime readyFrom;        // initiatedAt + earliest
    QDateTime readyBy;          // initiatedAt + latest
};

// The 250 MB of the Expedited tier's "all but the largest archives (250 MB+)".
inline constexpr qint64 ExpeditedTypicalLimit = 250LL * 1000 * 1000;

RetrievalEstimate estimateRetrieval(glacier::RetrievalTier tier, qint64 largestArchiveBytes,
                                    const QDateTime &initiatedAt);

// "1–5 minutes", "3–5 hours", "5–12 hours".
QString durationText(const RetrievalEstimate &estimate);
// "Typically ready 1–5 minutes after the request, between 14:01 and 14:05." — times in the
// local zone of `initiatedAt`, with the date when it is not the same day.
QString estimateText(const RetrievalEstimate &estimate);

QString tierName(glacier::RetrievalTier tier);

} // namespace thaw::ui
