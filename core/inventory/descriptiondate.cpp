#include "descriptiondate.h"

namespace thaw::inventory {

namespace {

template<typename Char>
int digits(const Char *s, int count)
{
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const auto c = s[i];
        if (c < Char('0') || c > Char('9'))
            return -1;
        value = value * 10 + int(c - Char('0'));
    }
    return value;
}

template<typename Char>
std::optional<QDateTime> parse(const Char *s, qsizetype size, LeapSecond leap)
{
    // yyyyMMddTHHmmssZ
    if (size != 16 || s[8] != Char('T') || s[15] != Char('Z'))
        return std::nullopt;
    const int year = digits(s, 4);
    const int month = digits(s + 4, 2);
    const int day = digits(s + 6, 2);
    const int hour = digits(s + 9, 2);
    const int minute = digits(s + 11, 2);
    int second = digits(s + 13, 2);
    if (year < 1 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
        return std::nullopt;
    if (second == 60 && leap == LeapSecond::ClampTo59)
        second = 59;
    const QDate date(year, month, day);
    const QTime time(hour, minute, second);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC);
}

} // namespace

std::optional<QDateTime> parseCompactUtc(QByteArrayView text, LeapSecond leap)
{
    return parse(text.data(), text.size(), leap);
}

std::optional<QDateTime> parseCompactUtc(QStringView text, LeapSecond leap)
{
    return parse(text.utf16(), text.size(), leap);
}

} // namespace thaw::inventory
