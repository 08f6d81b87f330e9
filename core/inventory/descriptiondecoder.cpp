// Recognises the archive descriptions other Glacier tools write and pulls out the file name.
// Each tool's format is documented, with one example, in DESCRIPTIONS.md beside this file.
// Everything here is pure, allocation-light and bounded: it runs on every archive of an
// inventory (a million descriptions is normal) and its input comes from the network.

#include "descriptiondecoder.h"

#include "descriptiondate.h"
#include "utf7.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringDecoder>

#include <array>
#include <utility>

namespace thaw::inventory {

namespace {

using namespace Qt::StringLiterals;

// Glacier itself refuses descriptions over 1024 bytes, but a lying server or a hand-edited
// inventory need not; nothing larger is even looked at.
constexpr qsizetype kMaxDescriptionBytes = 64 * 1024;
// A plain-text path longer than Linux's PATH_MAX is not a path.
constexpr qsizetype kMaxPlainPathBytes = 4096;
// mt-aws-glacier refuses base64 parts longer than this (MetaData.pm, MAX_SIZE).
constexpr qsizetype kMtMaxBase64 = 1024;

constexpr std::array kFormatNames = {
    std::pair{DescriptionFormat::Empty, "empty"},
    std::pair{DescriptionFormat::PlainPath, "plain"},
    std::pair{DescriptionFormat::FastGlacierV4, "fastglacier-v4"},
    std::pair{DescriptionFormat::FastGlacierV3, "fastglacier-v3"},
    std::pair{DescriptionFormat::CrushFtp, "crushftp"},
    std::pair{DescriptionFormat::MtAwsGlacierV2, "mt-aws-glacier-v2"},
    std::pair{DescriptionFormat::MtAwsGlacierV1, "mt-aws-glacier-v1"},
    std::pair{DescriptionFormat::CloudBerry, "cloudberry"},
    std::pair{DescriptionFormat::Unknown, "unknown"},
};

bool isAsciiSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

QByteArrayView trimmedAscii(QByteArrayView s)
{
    while (!s.isEmpty() && isAsciiSpace(s.front()))
        s = s.sliced(1);
    while (!s.isEmpty() && isAsciiSpace(s.back()))
        s.chop(1);
    return s;
}

bool isDigits(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (const char c : s) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

bool isHex(QByteArrayView s)
{
    for (const char c : s) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex)
            return false;
    }
    return true;
}

bool hasControlCharacter(QStringView text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            return true;
    }
    return false;
}

// UTF-8 → QString, or nothing when the bytes are not valid UTF-8 (a BOM is kept as a character).
std::optional<QString> strictUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringConverter::Flag::Stateless
                                                     | QStringConverter::Flag::ConvertInitialBom);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

// One result; decodeDescription() still turns names with control characters into Unknown.
DecodedDescription decoded(DescriptionFormat format, QString path,
                           std::optional<QDateTime> modified = std::nullopt,
                           std::optional<qint64> size = std::nullopt)
{
    return DecodedDescription{format, std::move(path), std::move(modified), size};
}

// ---- FastGlacier and CrushFTP ------------------------------------------------------------
// https://fastglacier.com/fastglacier-metadata-format.aspx:
//   v4: <m><v>4</v><p>base64(utf8(path))</p><lm>yyyyMMddTHHmmssZ</lm><ce>c:e:md5:size</ce></m>
//   v3: <m><v>3</v><p>…</p><lm>…</lm><ce>c:e:md5</ce></m>
// https://www.crushftp.com/crush11wiki/Wiki.jsp?page=Glacier%20Integration:
//   CrushFTP: <m><v>4</v><p>base64 path</p><lm>date</lm></m>   (no <ce>)
// Glacier allows only printable ASCII in descriptions, so the tools write no newlines; we still
// allow ASCII whitespace between elements and the pretty-printed form of FastGlacier's page.

struct MElements
{
    std::optional<QByteArrayView> v, p, lm, ce;
};

std::optional<QByteArrayView> *elementSlot(MElements &m, QByteArrayView name)
{
    if (name == "v")
        return &m.v;
    if (name == "p")
        return &m.p;
    if (name == "lm")
        return &m.lm;
    if (name == "ce")
        return &m.ce;
    return nullptr;
}

std::optional<MElements> parseMElements(QByteArrayView s)
{
    s = trimmedAscii(s);
    if (!s.startsWith("<m>"))
        return std::nullopt;
    s = s.sliced(3);
    MElements m;
    for (;;) {
        s = trimmedAscii(s);
        if (s.startsWith("</m>"))
            return s.size() == 4 ? std::optional(m) : std::nullopt;
        if (!s.startsWith('<'))
            return std::nullopt;
        const qsizetype close = s.indexOf('>');
        if (close < 2 || close > 3) // tag names are one or two letters
            return std::nullopt;
        const QByteArrayView name = s.sliced(1, close - 1);
        std::optional<QByteArrayView> *slot = elementSlot(m, name);
        if (!slot || slot->has_value())
            return std::nullopt; // unknown or repeated element
        s = s.sliced(close + 1);
        const qsizetype end = s.indexOf('<');
        if (end < 0)
            return std::nullopt; // truncated
        *slot = s.first(end);
        s = s.sliced(end);
        if (!s.startsWith("</") || s.size() < name.size() + 3 || s.sliced(2, name.size()) != name
            || s[name.size() + 2] != '>') {
            return std::nullopt;
        }
        s = s.sliced(name.size() + 3);
    }
}

std::optional<DecodedDescription> decodeFastGlacierFamily(QByteArrayView raw)
{
    const std::optional<MElements> m = parseMElements(raw);
    if (!m || !m->p || !m->lm)
        return std::nullopt;

    const QByteArrayView p = trimmedAscii(*m->p);
    if (p.isEmpty() || p.size() % 4 == 1)
        return std::nullopt;
    const auto base64
        = QByteArray::fromBase64Encoding(p.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!base64)
        return std::nullopt;
    std::optional<QString> path = strictUtf8(base64.decoded);
    if (!path || path->isEmpty())
        return std::nullopt;
    std::optional<QDateTime> modified = parseCompactUtc(trimmedAscii(*m->lm));
    if (!modified)
        return std::nullopt;

    const QByteArrayView version = m->v ? trimmedAscii(*m->v) : QByteArrayView();
    if (!m->ce) {
        // CrushFTP writes <v>4</v>; older FastGlacier (v1/v2) wrote no <ce> either and decode
        // identically, so they are reported under the same id.
        if (m->v && !isDigits(version))
            return std::nullopt;
        return decoded(DescriptionFormat::CrushFtp, std::move(*path), std::move(modified));
    }

    std::array<QByteArrayView, 4> fields;
    qsizetype fieldCount = 0;
    QByteArrayView ce = trimmedAscii(*m->ce);
    for (;;) {
        const qsizetype colon = ce.indexOf(':');
        if (fieldCount == qsizetype(fields.size()))
            return std::nullopt; // more than four fields
        fields[fieldCount++] = colon < 0 ? ce : ce.first(colon);
        if (colon < 0)
            break;
        ce = ce.sliced(colon + 1);
    }
    const bool v4 = version == "4" && fieldCount == 4;
    const bool v3 = version == "3" && fieldCount == 3;
    if (!v4 && !v3)
        return std::nullopt;
    for (int i = 0; i < 2; ++i) { // compressed and encrypted flags
        if (fields[i] != "0" && fields[i] != "1")
            return std::nullopt;
    }
    if (fields[2].size() > 64 || !isHex(fields[2])) // MD5 of the original file
        return std::nullopt;
    if (v3)
        return decoded(DescriptionFormat::FastGlacierV3, std::move(*path), std::move(modified));

    const QByteArrayView sizeText = fields[3];
    if (!isDigits(sizeText) || sizeText.size() > 18) // 18 digits always fit in a qint64
        return std::nullopt;
    bool ok = false;
    const qint64 size = sizeText.toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return decoded(DescriptionFormat::FastGlacierV4, std::move(*path), std::move(modified), size);
}

// ---- mt-aws-glacier ----------------------------------------------------------------------
// App::MtAws::MetaData (lib/App/MtAws/MetaData.pm in vsespb/mt-aws-glacier):
//   mt2: 'mt2 ' base64url(json_utf8({filename, mtime: YYYYMMDDTHHMMSSZ}))
//   mt1: 'mt1 ' base64url(latin1_to_utf8(json_utf8(…)))  — double-encoded, 0.80beta–0.84beta.
// base64url there is RFC 4648 §5 with the '=' padding removed.

std::optional<DecodedDescription> decodeMtAwsGlacier(QByteArrayView raw)
{
    const bool v1 = raw.startsWith("mt1 ");
    const QByteArrayView b64 = trimmedAscii(raw.sliced(4));
    if (b64.isEmpty() || b64.size() > kMtMaxBase64 || b64.size() % 4 == 1)
        return std::nullopt;
    for (const char c : b64) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '_';
        if (!ok)
            return std::nullopt;
    }
    auto base64 = QByteArray::fromBase64Encoding(
        b64.toByteArray(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
                               | QByteArray::AbortOnBase64DecodingErrors);
    if (!base64)
        return std::nullopt;

    QByteArray json = std::move(base64.decoded);
    if (v1) {
        // Undo latin1_to_utf8: every character of the outer UTF-8 is one byte of the JSON.
        const std::optional<QString> outer = strictUtf8(json);
        if (!outer)
            return std::nullopt;
        for (const QChar ch : *outer) {
            if (ch.unicode() > 0xFF)
                return std::nullopt;
        }
        json = outer->toLatin1();
    }

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject object = doc.object();
    const QJsonValue filename = object.value("filename"_L1);
    const QJsonValue mtime = object.value("mtime"_L1);
    if (!filename.isString() || !mtime.isString() || filename.toString().isEmpty())
        return std::nullopt;
    std::optional<QDateTime> modified = parseCompactUtc(mtime.toString(), LeapSecond::ClampTo59);
    if (!modified)
        return std::nullopt;
    return decoded(v1 ? DescriptionFormat::MtAwsGlacierV1 : DescriptionFormat::MtAwsGlacierV2,
                   filename.toString(), std::move(modified));
}

// ---- CloudBerry --------------------------------------------------------------------------
// CloudBerry (now MSP360) answered on Stack Overflow ("Amazon Glacier archive description
// metadata format of CloudBerry"): a JSON object with
//   "Path": the full source path, UTF-7 encoded ("c:\myfolder\myfile.txt" or "bucket/dir/f"),
//   "UTCDateModified": "yyyyMMddTHHmmssZ", the source file's modification time,
//   "Flags": 1 compressed, 2 encrypted.

std::optional<DecodedDescription> decodeCloudBerry(QByteArrayView raw)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(raw.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject object = doc.object();

    const QJsonValue pathValue = object.value("Path"_L1);
    if (!pathValue.isString())
        return std::nullopt;
    const QString utf7 = pathValue.toString();
    for (const QChar ch : utf7) {
        if (ch.unicode() >= 0x80) // UTF-7 is 7-bit by definition
            return std::nullopt;
    }
    std::optional<QString> path = decodeUtf7(utf7.toLatin1());
    if (!path || path->isEmpty())
        return std::nullopt;

    std::optional<QDateTime> modified;
    const QJsonValue date = object.value("UTCDateModified"_L1);
    if (!date.isUndefined()) {
        if (!date.isString())
            return std::nullopt;
        modified = parseCompactUtc(date.toString());
        if (!modified)
            return std::nullopt;
    }
    const QJsonValue flags = object.value("Flags"_L1);
    if (!flags.isUndefined() && !flags.isDouble())
        return std::nullopt;
    return decoded(DescriptionFormat::CloudBerry, std::move(*path), std::move(modified));
}

// ---- plain text --------------------------------------------------------------------------
// AWS CLI users, SAGU ("Simple Amazon Glacier Uploader") and most scripts put the file name or
// path itself into the description. Accepted: valid UTF-8 without control characters that is
// not only spaces and no longer than PATH_MAX.

std::optional<DecodedDescription> decodePlain(QByteArrayView raw)
{
    if (raw.size() > kMaxPlainPathBytes || trimmedAscii(raw).isEmpty())
        return std::nullopt;
    for (const char c : raw) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F)
            return std::nullopt;
    }
    std::optional<QString> path = strictUtf8(raw);
    if (!path)
        return std::nullopt;
    return decoded(DescriptionFormat::PlainPath, std::move(*path));
}

} // namespace

QString descriptionFormatName(DescriptionFormat format)
{
    for (const auto &[value, name] : kFormatNames) {
        if (value == format)
            return QString::fromLatin1(name);
    }
    return u"unknown"_s;
}

std::optional<DescriptionFormat> descriptionFormatFromName(QStringView name)
{
    for (const auto &[value, id] : kFormatNames) {
        if (name == QLatin1StringView(id))
            return value;
    }
    return std::nullopt;
}

DecodedDescription decodeDescription(QByteArrayView utf8Raw)
{
    if (utf8Raw.isEmpty())
        return decoded(DescriptionFormat::Empty, QString());

    std::optional<DecodedDescription> result;
    if (utf8Raw.size() <= kMaxDescriptionBytes) {
        const QByteArrayView head = trimmedAscii(utf8Raw);
        if (head.startsWith("<m>")) {
            result = decodeFastGlacierFamily(utf8Raw);
        } else if (utf8Raw.startsWith("mt2 ") || utf8Raw.startsWith("mt1 ")) {
            result = decodeMtAwsGlacier(utf8Raw);
        } else if (head.startsWith('{')) {
            result = decodeCloudBerry(utf8Raw);
        } else {
            // Anything that looked like one of the formats above but did not decode is not a
            // plain path either: it falls through to Unknown.
            result = decodePlain(utf8Raw);
        }
    }
    // A name with control characters (a NUL from base64 "AAAA", a newline, an escape sequence)
    // is not shown or stored as a name: the description is Unknown, whatever it looked like.
    if (result && !hasControlCharacter(result->path))
        return std::move(*result);
    return decoded(DescriptionFormat::Unknown, QString::fromUtf8(utf8Raw));
}

DecodedDescriptionBytes decodeDescriptionBytes(QByteArrayView utf8Raw, QByteArray *path)
{
    // The plain-text branch of decodeDescription() for printable ASCII (0x20-0x7E: no control
    // character, valid UTF-8 by construction), taken only when no other decoder would look at
    // the text: not "<m>", "{" (after white space) or "mt1 "/"mt2 ", not blank, not too long.
    const qsizetype size = utf8Raw.size();
    if (size > 0 && size <= kMaxPlainPathBytes) {
        bool printable = true;
        bool blank = true;
        for (const char c : utf8Raw) {
            const auto u = static_cast<unsigned char>(c);
            printable &= u >= 0x20 && u < 0x7F;
            blank &= u == ' ';
        }
        const QByteArrayView head = trimmedAscii(utf8Raw);
        if (printable && !blank && !head.startsWith("<m>") && !head.startsWith('{')
            && !utf8Raw.startsWith("mt2 ") && !utf8Raw.startsWith("mt1 ")) {
            DecodedDescriptionBytes result;
            result.format = DescriptionFormat::PlainPath;
            result.pathIsRaw = true;
            return result;
        }
    }
    DecodedDescription full = decodeDescription(utf8Raw);
    DecodedDescriptionBytes result;
    result.format = full.format;
    *path = full.path.toUtf8();
    result.pathIsRaw = *path == utf8Raw;
    if (result.pathIsRaw)
        path->clear();
    if (full.modified && full.modified->isValid())
        result.modifiedMs = full.modified->toMSecsSinceEpoch();
    result.size = full.size;
    return result;
}

} // namespace thaw::inventory
