#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QStringView>

#include <optional>

namespace thaw::inventory {

// What to do with second 60 (a leap second), which QTime cannot hold.
enum class LeapSecond {
    Reject,
    ClampTo59, // mt-aws-glacier's rule: "When decoding from iso8601 leap seconds will be dropped"
};

// Parses the compact ISO 8601 UTC form every description format uses, "yyyyMMddTHHmmssZ"
// (e.g. "20120821T170824Z"), into a UTC QDateTime. Exactly 16 characters, nothing else; an
// impossible date (20130230…, 25 o'clock) is std::nullopt. Years 0001–9999.
std::optional<QDateTime> parseCompactUtc(QByteArrayView text, LeapSecond leap = LeapSecond::Reject);
std::optional<QDateTime> parseCompactUtc(QStringView text, LeapSecond leap = LeapSecond::Reject);

} // namespace thaw::inventory
