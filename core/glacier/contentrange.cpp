#include "contentrange.h"

#include <QByteArray>

namespace thaw::glacier {

std::optional<ContentRange> parseContentRange(QByteArrayView value)
{
    if (!value.startsWith("bytes "))
        return std::nullopt;
    const QByteArrayView range = value.sliced(6);
    const qsizetype dash = range.indexOf('-');
    const qsizetype slash = range.indexOf('/');
    if (dash <= 0 || slash <= dash)
        return std::nullopt;
    bool firstOk = false;
    bool lastOk = false;
    ContentRange result{range.first(dash).toLongLong(&firstOk),
                        range.sliced(dash + 1, slash - dash - 1).toLongLong(&lastOk), std::nullopt};
    if (!firstOk || !lastOk || result.last < result.first)
        return std::nullopt;
    bool totalOk = false;
    const qint64 total = range.sliced(slash + 1).toLongLong(&totalOk);
    if (totalOk)
        result.total = total;
    return result;
}

bool answersRange(int status, QByteArrayView contentRange, std::optional<qint64> contentLength,
                  qint64 first, std::optional<qint64> last)
{
    const std::optional<ContentRange> range = parseContentRange(contentRange);
    if (status != 206 || !range || range->first != first)
        return false;
    const bool endOk = !last || range->last == *last
                       || (range->last < *last && range->total && range->last == *range->total - 1);
    return endOk && (!contentLength || *contentLength == range->last - range->first + 1);
}

} // namespace thaw::glacier
