#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace thaw::ui {

// Checks a retrieval byte range typed by the user against the rules Initiate Job and the
// restore engine need, and says in plain words why a range cannot be used and which range to
// use instead. Glacier rejects a range that is not megabyte aligned (400); a megabyte-aligned
// range that is not a node of the archive's tree hash is accepted but its output carries no
// tree hash, so Thaw could not verify the bytes — rejected too.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-initiate-job-post.html
// https://docs.aws.amazon.com/amazonglacier/latest/dev/checksum-calculations-range.html
struct ByteRange
{
    qint64 start = 0;
    qint64 end = 0; // inclusive
    friend bool operator==(const ByteRange &, const ByteRange &) = default;
};

struct RangeAdvice
{
    enum class Verdict {
        WholeArchive,      // nothing typed: the whole archive
        Usable,            // tree-hash aligned: sent as RetrievalByteRange
        Malformed,         // not "start-end" with two decimal byte offsets
        OutOfArchive,      // empty, reversed or past the end
        NotMegabyteAligned, // Glacier would answer 400
        NotTreeHashAligned, // accepted by Glacier, but no checksum comes with the output
    };
    Verdict verdict = Verdict::WholeArchive;
    std::optional<ByteRange> range;      // what was typed, when it parsed
    std::optional<ByteRange> suggestion; // the smallest usable range that covers it
    QString explanation;                 // one or two sentences for the user

    bool acceptable() const
    {
        return verdict == Verdict::WholeArchive || verdict == Verdict::Usable;
    }
};

// "start-end" (inclusive, decimal bytes, spaces allowed around the numbers); empty text means
// the whole archive.
std::optional<ByteRange> parseByteRange(const QString &text);
QString formatByteRange(const ByteRange &range); // "start-end", as Initiate Job takes it

// The smallest tree-hash-aligned range of an archive of archiveSize bytes that contains
// [start, end] (clamped to the archive); nullopt for an empty archive.
std::optional<ByteRange> smallestAlignedCover(ByteRange wanted, qint64 archiveSize);

RangeAdvice adviseRange(const QString &text, qint64 archiveSize);

} // namespace thaw::ui
