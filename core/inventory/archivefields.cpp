#include "archivefields.h"

#include <QDateTime>

namespace thaw::inventory {

namespace {

int digits(std::string_view text, size_t at, size_t count, bool *ok)
{
    int value = 0;
    for (size_t i = at; i < at + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') {
            *ok = false;
            return 0;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

} // namespace

std::optional<qint64> isoToMsecs(std::string_view text)
{
    // The fast path: YYYY-MM-DDTHH:MM:SS[.fff…]Z
    if (text.size() >= 20 && text[4] == '-' && text[7] == '-' && (text[10] == 'T' || text[10] == ' ')
        && text[13] == ':' && text[16] == ':' && text.back() == 'Z') {
        bool ok = true;
        const int year = digits(text, 0, 4, &ok);
        const int month = digits(text, 5, 2, &ok);
        const int day = digits(text, 8, 2, &ok);
        const int hour = digits(text, 11, 2, &ok);
        const int minute = digits(text, 14, 2, &ok);
        const int second = digits(text, 17, 2, &ok);
        int millis = 0;
        size_t at = 19;
        if (ok && text[at] == '.') {
            int scale = 100;
            for (++at; at + 1 < text.size(); ++at) {
                const char c = text[at];
                if (c < '0' || c > '9') {
                    ok = false;
                    break;
                }
                millis += (c - '0') * scale;
                scale /= 10;
            }
        }
        if (ok && at + 1 == text.size() && month >= 1 && month <= 12 && day >= 1 && day <= 31
            && hour < 24 && minute < 60 && second < 61) {
            return ((daysFromCivil(year, unsigned(month), unsigned(day)) * 24 + hour) * 60
                        + minute)
                       * 60000
                   + qint64(second) * 1000 + millis;
        }
    }
    const QDateTime parsed = QDateTime::fromString(
        QString::fromUtf8(text.data(), qsizetype(text.size())), Qt::ISODateWithMs);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.toMSecsSinceEpoch();
}

SplitPath splitDecodedPath(std::string_view path)
{
    SplitPath split;
    size_t start = 0;
    std::string_view last;
    for (size_t i = 0; i <= path.size(); ++i) {
        if (i == path.size() || path[i] == '/' || path[i] == '\\') {
            if (i > start) {
                if (!last.empty()) {
                    if (!split.folder.empty())
                        split.folder.push_back('/');
                    split.folder.append(last);
                }
                last = path.substr(start, i - start);
            }
            start = i + 1;
        }
    }
    split.fileName.assign(last);
    return split;
}

std::string_view parentFolder(std::string_view folder)
{
    const size_t slash = folder.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : folder.substr(0, slash);
}

} // namespace thaw::inventory
