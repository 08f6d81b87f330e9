#pragma once

#include "core/glacier/jobdescription.h"

#include <QDateTime>
#include <QString>

#include <chrono>
#include <optional>

namespace thaw::ui {

// How a job's 24-hour output window (core/jobs/outputwindow.h) stands at a given time, and
// whether downloading its output would still fit in it.
//
// The download's duration is estimated as outputSize / rate, where rate is the rate measured
// over the running transfers (TransferManager::measuredRate()) or, before anything has been
// measured, the configured assumption (TransferSettings::assumedRate, 4 MiB/s by default; set in
// Preferences). The estimate is deliberately simple: it ignores chunks already on disk and other
// downloads sharing the line, so "won't fit" is a warning, not a refusal.
enum class ExpiryState {
    NoOutput,     // in progress, failed, or without CompletionDate: nothing to count down
    Available,    // more than kExpiringSoon left and the download fits
    ExpiringSoon, // less than kExpiringSoon left; the download fits
    WontFit,      // the estimated download takes longer than what is left
    Expired,      // CompletionDate + 24 h has passed
};

inline constexpr std::chrono::hours kExpiringSoon{3};

struct ExpiryInfo
{
    ExpiryState state = ExpiryState::NoOutput;
    std::optional<std::chrono::milliseconds> remaining; // with a window; zero once expired
    std::optional<std::chrono::seconds> downloadEstimate; // with a size and a rate
};

ExpiryInfo evaluateExpiry(const glacier::JobDescription &job, const QDateTime &now,
                          qint64 bytesPerSecond);

// "23:59:59" under a day, "expired" at zero; never negative.
QString countdownText(std::chrono::milliseconds remaining);
// "about 2 h 5 min", "about 40 s".
QString durationText(std::chrono::seconds duration);

} // namespace thaw::ui
