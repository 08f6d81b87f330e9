#include "rangeadvice.h"

#include "core/crypto/rangealignment.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace thaw::ui {

namespace {

constexpr qint64 MiB = 1024 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("thaw::ui::RangeAdvice", text);
}

} // namespace

std::optional<ByteRange> parseByteRange(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*(\d{1,18})\s*-\s*(\d{1,18})\s*$)"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    bool startOk = false;
    bool endOk = false;
    const qint64 start = match.captured(1).toLongLong(&startOk);
    const qint64 end = match.captured(2).toLongLong(&endOk);
    if (!startOk || !endOk)
        return std::nullopt;
    return ByteRange{start, end};
}

QString formatByteRange(const ByteRange &range)
{
    return QStringLiteral("%1-%2").arg(range.start).arg(range.end);
}

std::optional<ByteRange> smallestAlignedCover(ByteRange wanted, qint64 archiveSize)
{
    if (archiveSize <= 0)
        return std::nullopt;
    const qint64 start = std::clamp<qint64>(std::min(wanted.start, wanted.end), 0, archiveSize - 1);
    const qint64 end = std::clamp<qint64>(std::max(wanted.start, wanted.end), 0, archiveSize - 1);
    // Tree-hash nodes are the spans [j * 2^k MiB, min((j + 1) * 2^k MiB, size)); the first
    // level whose node holding `start` also holds `end` gives the smallest cover.
    for (qint64 span = MiB;; span *= 2) {
        const qint64 nodeStart = start / span * span;
        const qint64 nodeEnd = std::min(nodeStart + span, archiveSize) - 1;
        if (end <= nodeEnd)
            return ByteRange{nodeStart, nodeEnd};
    }
}

RangeAdvice adviseRange(const QString &text, qint64 archiveSize)
{
    RangeAdvice advice;
    if (text.trimmed().isEmpty()) {
        advice.explanation = tr("The whole archive is retrieved.");
        return advice;
    }
    advice.range = parseByteRange(text);
    if (!advice.range) {
        advice.verdict = RangeAdvice::Verdict::Malformed;
        advice.explanation = tr("Type the range as first byte and last byte, for example "
                                "0-1048575 for the first MiB.");
        return advice;
    }
    const ByteRange range = *advice.range;
    advice.suggestion = smallestAlignedCover(range, archiveSize);

    if (range.start > range.end || range.end >= archiveSize) {
        advice.verdict = RangeAdvice::Verdict::OutOfArchive;
        advice.explanation
            = range.start > range.end
                  ? tr("The range ends before it starts.")
                  : tr("The archive has %1 bytes: its last byte is %2.")
                        .arg(archiveSize)
                        .arg(archiveSize - 1);
        return advice;
    }
    if (!crypto::isMegabyteAligned(range.start, range.end, archiveSize)) {
        advice.verdict = RangeAdvice::Verdict::NotMegabyteAligned;
        advice.explanation
            = tr("Glacier only retrieves ranges that start at a multiple of 1 MiB (1048576 "
                 "bytes) and end one byte before a multiple of 1 MiB or at the archive's last "
                 "byte; it refuses this one.");
        return advice;
    }
    if (!crypto::isTreeHashAligned(range.start, range.end, archiveSize)) {
        advice.verdict = RangeAdvice::Verdict::NotTreeHashAligned;
        advice.explanation
            = tr("Glacier would accept this range but send no SHA-256 tree hash with it, so "
                 "Thaw could not verify the bytes. Ranges that are one node of the archive's "
                 "tree hash (1, 2, 4, 8… MiB starting at a multiple of their length) come "
                 "with one.");
        return advice;
    }
    advice.verdict = RangeAdvice::Verdict::Usable;
    advice.suggestion.reset();
    advice.explanation = tr("Bytes %1 to %2 (%3 bytes) are retrieved and verified.")
                             .arg(range.start)
                             .arg(range.end)
                             .arg(range.end - range.start + 1);
    return advice;
}

} // namespace thaw::ui
