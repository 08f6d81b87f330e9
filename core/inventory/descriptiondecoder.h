#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QString>

#include <optional>

namespace thaw::inventory {

// The tool that wrote a Glacier archive description, as recognised by decodeDescription().
// See core/inventory/DESCRIPTIONS.md for one example of each.
enum class DescriptionFormat {
    Empty,          // no description at all
    PlainPath,      // the path as plain text (AWS CLI, SAGU, many scripts)
    FastGlacierV4,  // <m><v>4</v><p>base64</p><lm>…</lm><ce>…</ce></m>
    FastGlacierV3,  // <m><v>3</v><p>base64</p><lm>…</lm></m>
    CrushFtp,       // <m><v>4</v><p>base64</p><lm>…</lm></m> (no <ce>)
    MtAwsGlacierV2, // "mt2 " + base64url(JSON)
    MtAwsGlacierV1, // "mt1 " + base64url(JSON encoded to UTF-8 twice)
    CloudBerry,     // JSON with a UTF-7 "Path"
    Unknown,        // none of the above; path holds the raw text
};

// Stable short ids for the database, CSV export and CLI ("plain", "fastglacier-v4", …).
// Never change an existing id: they are stored.
QString descriptionFormatName(DescriptionFormat format);
// The reverse of descriptionFormatName(); std::nullopt for an id it never returns.
std::optional<DescriptionFormat> descriptionFormatFromName(QStringView name);

// What a description says about the archive it describes.
struct DecodedDescription
{
    DescriptionFormat format = DescriptionFormat::Unknown;
    QString path;                      // the decoded name/path as the tool wrote it (not
                                       // sanitised); for Unknown the raw text
    std::optional<QDateTime> modified; // UTC, when the format carries it
    std::optional<qint64> size;        // when the format carries it (FastGlacier v4 <ce>)

    friend bool operator==(const DecodedDescription &, const DecodedDescription &) = default;
};

// Recognises and decodes one archive description (the UTF-8 bytes of ArchiveDescription).
// Never throws and never crashes on hostile input: anything malformed, and any decoded name
// with a control character (U+0000–U+001F, U+007F), is Unknown with the raw text (invalid UTF-8
// replaced) as path. Pure and thread-safe; the caller keeps the raw text.
DecodedDescription decodeDescription(QByteArrayView utf8Raw);

// decodeDescription() for the importer's hot path, bytes in and bytes out: the same format,
// path (as UTF-8), modified time and size, without a QString or QDateTime for the common case.
// A description of printable ASCII that is no other format (most plain paths) is recognised on
// the bytes alone and its path is the description itself; everything else goes through
// decodeDescription(). `path` is filled only when pathIsRaw is false.
struct DecodedDescriptionBytes
{
    DescriptionFormat format = DescriptionFormat::Unknown;
    bool pathIsRaw = false;            // the decoded path is byte for byte the description
    std::optional<qint64> modifiedMs;  // UTC, ms since the epoch
    std::optional<qint64> size;
};
DecodedDescriptionBytes decodeDescriptionBytes(QByteArrayView utf8Raw, QByteArray *path);

} // namespace thaw::inventory
