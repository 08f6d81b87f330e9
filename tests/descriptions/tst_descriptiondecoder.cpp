// decodeDescription on descriptions built the way each tool builds them: small encoders below
// follow each tool's published format (see core/inventory/DESCRIPTIONS.md), and
// tests/data/descriptions/samples.json was written by a Python generator beside it.

#include "core/inventory/descriptiondecoder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStringDecoder>
#include <QTest>

using namespace thaw::inventory;
using namespace Qt::StringLiterals;

namespace {

const QString kCompact = u"yyyyMMdd'T'HHmmss'Z'"_s;

QDateTime utc(int y, int mo, int d, int h, int mi, int s)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

// https://fastglacier.com/fastglacier-metadata-format.aspx
QByteArray fastGlacierV4(const QString &path, const QDateTime &modified, qint64 size)
{
    return "<m><v>4</v><p>" + path.toUtf8().toBase64() + "</p><lm>"
           + modified.toString(kCompact).toLatin1()
           + "</lm><ce>0:1:9e107d9d372bb6826bd81d3542a419d6:" + QByteArray::number(size)
           + "</ce></m>";
}

QByteArray fastGlacierV3(const QString &path, const QDateTime &modified)
{
    return "<m><v>3</v><p>" + path.toUtf8().toBase64() + "</p><lm>"
           + modified.toString(kCompact).toLatin1()
           + "</lm><ce>1:0:9e107d9d372bb6826bd81d3542a419d6</ce></m>";
}

// CrushFTP's Glacier integration page: <m><v>4</v><p>[Base64 encoded path]</p><lm>…</lm></m>
QByteArray crushFtp(const QString &path, const QDateTime &modified)
{
    return "<m><v>4</v><p>" + path.toUtf8().toBase64() + "</p><lm>"
           + modified.toString(kCompact).toLatin1() + "</lm></m>";
}

// App::MtAws::MetaData: base64url without padding of the compact UTF-8 JSON.
QByteArray mtJson(const QString &path, const QDateTime &modified)
{
    QJsonObject o;
    o.insert(u"filename"_s, path);
    o.insert(u"mtime"_s, modified.toString(kCompact));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray mt2(const QString &path, const QDateTime &modified)
{
    return "mt2 " + base64Url(mtJson(path, modified));
}

QByteArray mt1(const QString &path, const QDateTime &modified)
{
    // latin1_to_utf8(json_utf8(…)): each byte of the UTF-8 JSON becomes one Latin-1 character.
    return "mt1 " + base64Url(QString::fromLatin1(mtJson(path, modified)).toUtf8());
}

// .NET UTF7Encoding(allowOptionals: false): RFC 2152 Set D plus SP, TAB, CR, LF direct.
QByteArray dotNetUtf7(const QString &text)
{
    static const QByteArray direct
        = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'(),-./:? \t\r\n";
    static const QByteArray base64Chars
        = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    QByteArray out;
    QByteArray run; // UTF-16BE
    auto flush = [&](QChar next, bool atEnd) {
        if (run.isEmpty())
            return;
        out += '+' + run.toBase64(QByteArray::OmitTrailingEquals);
        if (atEnd || base64Chars.contains(char(next.unicode())) || next == u'-')
            out += '-';
        run.clear();
    };
    for (const QChar c : text) {
        const bool isDirect = c.unicode() < 0x80 && direct.contains(char(c.unicode()));
        if (c == u'+' && run.isEmpty()) {
            out += "+-";
        } else if (isDirect) {
            flush(c, false);
            out += char(c.unicode());
        } else {
            run += char(c.unicode() >> 8);
            run += char(c.unicode() & 0xFF);
        }
    }
    flush(QChar(), true);
    return out;
}

QByteArray cloudBerry(const QString &path, const QDateTime &modified, int flags)
{
    QJsonObject o;
    o.insert(u"Path"_s, QString::fromLatin1(dotNetUtf7(path)));
    o.insert(u"UTCDateModified"_s, modified.toString(kCompact));
    o.insert(u"Flags"_s, flags);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

using Format = DescriptionFormat;

} // namespace

class TestDescriptionDecoder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samplesFile_data();
    void samplesFile();
    void samplesFileCoversEveryFormat();
    void encoded_data();
    void encoded();
    void hostile_data();
    void hostile();
    void randomBytesNeverCrash();
    void bytesDecoderAgrees_data();
    void bytesDecoderAgrees();
    void formatNames();
    void bytesDecoder_data();
    void bytesDecoder();
};

// decodeDescriptionBytes() must say what decodeDescription() says, in bytes.
static void compareBytesDecoder(const QByteArray &raw, Format format, const QString &path,
                                const std::optional<QDateTime> &modified,
                                const std::optional<qint64> &size)
{
    QByteArray decodedPath("stale");
    const DecodedDescriptionBytes b = decodeDescriptionBytes(raw, &decodedPath);
    QCOMPARE(descriptionFormatName(b.format), descriptionFormatName(format));
    // As QString::fromUtf8 decodes, but keeping a leading U+FEFF (fromUtf8 drops it).
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    QCOMPARE(QString(utf8(b.pathIsRaw ? raw : decodedPath)), path);
    QCOMPARE(b.pathIsRaw, path.toUtf8() == raw);
    QCOMPARE(b.modifiedMs.has_value(), modified.has_value());
    if (modified)
        QCOMPARE(*b.modifiedMs, modified->toMSecsSinceEpoch());
    QCOMPARE(b.size, size);
}

void TestDescriptionDecoder::samplesFile_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("modified");
    QTest::addColumn<QJsonValue>("size");

    QFile file(QStringLiteral(THAW_TEST_DATA_DIR "/descriptions/samples.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const QJsonArray samples = QJsonDocument::fromJson(file.readAll()).array();
    QVERIFY(samples.size() >= 27);
    int i = 0;
    for (const QJsonValue &v : samples) {
        const QJsonObject o = v.toObject();
        const QString format = o.value(u"format"_s).toString();
        QTest::addRow("%d %s", i++, qPrintable(format))
            << o.value(u"raw"_s).toString().toUtf8() << format << o.value(u"path"_s).toString()
            << o.value(u"modified"_s) << o.value(u"size"_s);
    }
}

void TestDescriptionDecoder::samplesFile()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, format);
    QFETCH(QString, path);
    QFETCH(QJsonValue, modified);
    QFETCH(QJsonValue, size);

    const DecodedDescription d = decodeDescription(raw);
    QCOMPARE(descriptionFormatName(d.format), format);
    QCOMPARE(d.path, path);
    if (modified.isNull()) {
        QCOMPARE(d.modified, std::nullopt);
    } else {
        QVERIFY(d.modified.has_value());
        QCOMPARE(d.modified->timeSpec(), Qt::UTC);
        QCOMPARE(d.modified->toString(Qt::ISODate), modified.toString());
    }
    if (size.isNull())
        QCOMPARE(d.size, std::nullopt);
    else
        QCOMPARE(d.size, std::optional<qint64>(size.toInteger()));
    compareBytesDecoder(raw, d.format, path, d.modified, d.size);
}

void TestDescriptionDecoder::samplesFileCoversEveryFormat()
{
    QFile file(QStringLiteral(THAW_TEST_DATA_DIR "/descriptions/samples.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QHash<QString, int> counts;
    for (const QJsonValue &v : QJsonDocument::fromJson(file.readAll()).array())
        ++counts[v.toObject().value(u"format"_s).toString()];
    for (const Format f :
         {Format::PlainPath, Format::FastGlacierV4, Format::FastGlacierV3, Format::CrushFtp,
          Format::MtAwsGlacierV2, Format::MtAwsGlacierV1, Format::CloudBerry, Format::Unknown}) {
        QVERIFY2(counts.value(descriptionFormatName(f)) >= 3, qPrintable(descriptionFormatName(f)));
    }
}

void TestDescriptionDecoder::encoded_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<Format>("format");
    QTest::addColumn<QString>("path");
    QTest::addColumn<std::optional<QDateTime>>("modified");
    QTest::addColumn<std::optional<qint64>>("size");

    const std::optional<qint64> noSize;
    const std::optional<QDateTime> noDate;

    // Names: ASCII, CJK, emoji (surrogate pairs), combining marks, RTL, spaces and symbols.
    const QList<std::pair<const char *, QString>> names = {
        {"ascii", u"photos/2019/a.jpg"_s},
        {"cjk", u"写真/東京/夜景 2019.jpg"_s},
        {"emoji", u"🎉 party/🎂.png"_s},
        {"combining", u"Cafe\u0301/Ame\u0301lie\u0300.txt"_s},
        {"rtl", u"מסמכים/דוח.pdf"_s},
        {"symbols", u"a+b=c;d_e~f!g#h$i%j&k@l.txt"_s},
        {"windows", u"C:\\Users\\Zoë\\Desktop\\notes.txt"_s},
    };
    // Dates: epoch, before it, leap day, end of year, Y2038, far future, earliest year.
    const QList<std::pair<const char *, QDateTime>> dates = {
        {"epoch", utc(1970, 1, 1, 0, 0, 0)},       {"1969", utc(1969, 7, 20, 20, 17, 40)},
        {"leapday", utc(2016, 2, 29, 23, 59, 59)}, {"newyear", utc(2020, 12, 31, 23, 59, 59)},
        {"y2038", utc(2038, 1, 19, 3, 14, 8)},     {"9999", utc(9999, 12, 31, 23, 59, 59)},
        {"0001", utc(1, 1, 1, 0, 0, 0)},
    };
    for (const auto &[nameTag, name] : names) {
        for (const auto &[dateTag, date] : dates) {
            const QByteArray tag = QByteArray(nameTag) + ' ' + dateTag;
            QTest::newRow(("fg4 " + tag).constData())
                << fastGlacierV4(name, date, 12345) << Format::FastGlacierV4 << name
                << std::optional(date) << std::optional<qint64>(12345);
            QTest::newRow(("fg3 " + tag).constData())
                << fastGlacierV3(name, date) << Format::FastGlacierV3 << name << std::optional(date)
                << noSize;
            QTest::newRow(("crush " + tag).constData()) << crushFtp(name, date) << Format::CrushFtp
                                                        << name << std::optional(date) << noSize;
            QTest::newRow(("mt2 " + tag).constData()) << mt2(name, date) << Format::MtAwsGlacierV2
                                                      << name << std::optional(date) << noSize;
            QTest::newRow(("mt1 " + tag).constData()) << mt1(name, date) << Format::MtAwsGlacierV1
                                                      << name << std::optional(date) << noSize;
            QTest::newRow(("cloudberry " + tag).constData())
                << cloudBerry(name, date, 3) << Format::CloudBerry << name << std::optional(date)
                << noSize;
        }
        QTest::newRow((QByteArray("plain ") + nameTag).constData())
            << name.toUtf8() << Format::PlainPath << name << noDate << noSize;
    }

    // Sizes at the edges of FastGlacier v4's <ce>.
    QTest::newRow("fg4 size 0") << fastGlacierV4(u"a"_s, utc(2012, 1, 1, 0, 0, 0), 0)
                                << Format::FastGlacierV4 << u"a"_s
                                << std::optional(utc(2012, 1, 1, 0, 0, 0))
                                << std::optional<qint64>(0);
    QTest::newRow("fg4 size 40 TiB")
        << fastGlacierV4(u"a"_s, utc(2012, 1, 1, 0, 0, 0), 43980465111040) << Format::FastGlacierV4
        << u"a"_s << std::optional(utc(2012, 1, 1, 0, 0, 0))
        << std::optional<qint64>(43980465111040);
    // FastGlacier's own page shows the description pretty-printed.
    QTest::newRow("fg4 pretty printed")
        << "<m>\n  <v>4</v>\n  <p>Z2xhY2llci1kZy5wZGY=</p>\n  <lm>20120821T170824Z</lm>\n  "
           "<ce>1:1:4340ebcf79712dc5e3ef7d50bab98ba5:54687</ce>\n</m>"_ba
        << Format::FastGlacierV4 << u"glacier-dg.pdf"_s
        << std::optional(utc(2012, 8, 21, 17, 8, 24)) << std::optional<qint64>(54687);
    QTest::newRow("fg base64 unpadded")
        << "<m><v>4</v><p>Z2xhY2llci1kZy5wZGY</p><lm>20120821T170824Z</lm></m>"_ba
        << Format::CrushFtp << u"glacier-dg.pdf"_s << std::optional(utc(2012, 8, 21, 17, 8, 24))
        << noSize;
    // mt-aws-glacier drops leap seconds when decoding (MetaData.pm).
    QTest::newRow("mt2 leap second")
        << "mt2 " + base64Url(R"({"filename":"x","mtime":"20161231T235960Z"})")
        << Format::MtAwsGlacierV2 << u"x"_s << std::optional(utc(2016, 12, 31, 23, 59, 59))
        << noSize;
    QTest::newRow("mt2 extra keys")
        << "mt2 " + base64Url(R"({"mtime":"20130101T000000Z","x":[1,{}],"filename":"a b"})")
        << Format::MtAwsGlacierV2 << u"a b"_s << std::optional(utc(2013, 1, 1, 0, 0, 0)) << noSize;
    QTest::newRow("cloudberry without date")
        << R"({"Path":"bucket/dir/file.txt","Flags":0})"_ba << Format::CloudBerry
        << u"bucket/dir/file.txt"_s << noDate << noSize;
    QTest::newRow("empty") << QByteArray() << Format::Empty << QString() << noDate << noSize;
    QTest::newRow("plain absolute")
        << "/etc/passwd"_ba << Format::PlainPath << u"/etc/passwd"_s << noDate << noSize;
    QTest::newRow("plain traversal kept for the sanitiser")
        << "../../x"_ba << Format::PlainPath << u"../../x"_s << noDate << noSize;
}

void TestDescriptionDecoder::encoded()
{
    QFETCH(QByteArray, raw);
    QFETCH(Format, format);
    QFETCH(QString, path);
    QFETCH(std::optional<QDateTime>, modified);
    QFETCH(std::optional<qint64>, size);

    const DecodedDescription d = decodeDescription(raw);
    QCOMPARE(descriptionFormatName(d.format), descriptionFormatName(format));
    QCOMPARE(d.path, path);
    QCOMPARE(d.modified, modified);
    if (d.modified)
        QCOMPARE(d.modified->timeSpec(), Qt::UTC);
    QCOMPARE(d.size, size);
    compareBytesDecoder(raw, format, path, modified, size);
}

void TestDescriptionDecoder::hostile_data()
{
    QTest::addColumn<QByteArray>("raw");

    const QByteArray okPath = QByteArray("glacier-dg.pdf").toBase64();
    auto fg = [&](const QByteArray &v, const QByteArray &p, const QByteArray &lm,
                  const QByteArray &ce) {
        return "<m><v>" + v + "</v><p>" + p + "</p><lm>" + lm + "</lm>"
               + (ce.isNull() ? QByteArray() : "<ce>" + ce + "</ce>") + "</m>";
    };
    const QByteArray lm = "20120821T170824Z";
    const QByteArray ce4 = "1:1:4340ebcf79712dc5e3ef7d50bab98ba5:54687";

    QTest::newRow("fg bad base64") << fg("4", "!!!!", lm, ce4);
    QTest::newRow("fg one base64 char") << fg("4", "Z", lm, ce4);
    QTest::newRow("fg empty path") << fg("4", "", lm, ce4);
    QTest::newRow("fg path not utf8") << fg("4",
                                            QByteArray("\xff\xfe"
                                                       "abc")
                                                .toBase64(),
                                            lm, ce4);
    QTest::newRow("fg truncated") << fg("4", okPath, lm, ce4).chopped(3);
    QTest::newRow("fg truncated in p") << "<m><v>4</v><p>Z2xhY2ll"_ba;
    QTest::newRow("fg no lm") << "<m><v>4</v><p>" + okPath + "</p></m>";
    QTest::newRow("fg bad date") << fg("4", okPath, "20121321T170824Z", ce4);
    QTest::newRow("fg date 30 Feb") << fg("4", okPath, "20130230T000000Z", ce4);
    QTest::newRow("fg date 25h") << fg("4", okPath, "20130101T250000Z", ce4);
    QTest::newRow("fg date short") << fg("4", okPath, "20130101T0000Z", ce4);
    QTest::newRow("fg v3 with size") << fg("3", okPath, lm, ce4);
    QTest::newRow("fg v4 without size")
        << fg("4", okPath, lm, "1:1:4340ebcf79712dc5e3ef7d50bab98ba5");
    QTest::newRow("fg size negative") << fg("4", okPath, lm, "1:1:abc:-5");
    QTest::newRow("fg size overflow") << fg("4", okPath, lm, "1:1:abc:99999999999999999999");
    QTest::newRow("fg flag 2") << fg("4", okPath, lm, "2:1:abc:5");
    QTest::newRow("fg hash not hex") << fg("4", okPath, lm, "1:1:xyz:5");
    QTest::newRow("fg five fields") << fg("4", okPath, lm, "1:1:abc:5:6");
    QTest::newRow("fg unknown element")
        << "<m><x>1</x><p>" + okPath + "</p><lm>" + lm + "</lm></m>";
    QTest::newRow("fg repeated element")
        << "<m><p>" + okPath + "</p><p>" + okPath + "</p><lm>" + lm + "</lm></m>";
    QTest::newRow("fg nested") << "<m><v><m><v>4</v></m></v><p>" + okPath + "</p></m>";
    QTest::newRow("fg mismatched close")
        << "<m><v>4</p><p>" + okPath + "</p><lm>" + lm + "</lm></m>";
    QTest::newRow("fg trailing junk") << fg("4", okPath, lm, ce4) + "junk";
    QTest::newRow("fg version text") << fg("four", okPath, lm, QByteArray());
    QTest::newRow("fg huge p") << fg("4", QByteArray(70000, 'A'), lm, ce4);
    // Control characters inside a decoded name make the whole description Unknown.
    QTest::newRow("fg path of NULs") << fg("4", "AAAA", lm, ce4);
    QTest::newRow("fg path with newline") << fg("4", QByteArray("a\nb").toBase64(), lm, ce4);
    QTest::newRow("mt2 filename with escape")
        << "mt2 " + base64Url(R"({"filename":"a\u001b[31m","mtime":"20130101T000000Z"})");
    QTest::newRow("cloudberry utf7 NUL") << R"({"Path":"a+AAA-b"})"_ba;
    QTest::newRow("cloudberry utf7 DEL") << R"({"Path":"a+AH8-b"})"_ba;
    QTest::newRow("mt2 bad base64") << "mt2 %%%%"_ba;
    QTest::newRow("mt2 padded") << "mt2 " + mtJson(u"a"_s, utc(2013, 1, 1, 0, 0, 0)).toBase64();
    QTest::newRow("mt2 empty") << "mt2 "_ba;
    QTest::newRow("mt2 not json") << "mt2 " + base64Url("hello");
    QTest::newRow("mt2 json array") << "mt2 " + base64Url(R"(["filename","mtime"])");
    QTest::newRow("mt2 no mtime") << "mt2 " + base64Url(R"({"filename":"a"})");
    QTest::newRow("mt2 number filename")
        << "mt2 " + base64Url(R"({"filename":5,"mtime":"20130101T000000Z"})");
    QTest::newRow("mt2 empty filename")
        << "mt2 " + base64Url(R"({"filename":"","mtime":"20130101T000000Z"})");
    QTest::newRow("mt2 bad mtime") << "mt2 " + base64Url(R"({"filename":"a","mtime":"yesterday"})");
    QTest::newRow("mt2 invalid utf8 json")
        << "mt2 " + base64Url("{\"filename\":\"\xC3\x28\",\"mtime\":\"20130101T000000Z\"}");
    QTest::newRow("mt2 over 1024") << "mt2 " + QByteArray(1028, 'A');
    QTest::newRow("mt2 deep nesting") << "mt2 " + base64Url(QByteArray(700, '['));
    QTest::newRow("mt1 not double encoded")
        << "mt1 " + base64Url(mtJson(u"日本"_s, utc(2013, 1, 1, 0, 0, 0)));
    QTest::newRow("cloudberry bad utf7")
        << R"({"Path":"a+!b","UTCDateModified":"20130101T000000Z"})"_ba;
    QTest::newRow("cloudberry non-ascii path") << R"({"Path":"é","Flags":0})"_ba;
    QTest::newRow("cloudberry path number") << R"({"Path":7})"_ba;
    QTest::newRow("cloudberry no path") << R"({"UTCDateModified":"20130101T000000Z"})"_ba;
    QTest::newRow("cloudberry bad date") << R"({"Path":"a","UTCDateModified":"not a date"})"_ba;
    QTest::newRow("cloudberry flags string") << R"({"Path":"a","Flags":"1"})"_ba;
    QTest::newRow("cloudberry truncated") << R"({"Path":"a","UTCDateMod)"_ba;
    QTest::newRow("json deep nesting") << QByteArray(5000, '[') + QByteArray(5000, ']');
    QTest::newRow("json object nesting") << QByteArray(3000, '{');
    QTest::newRow("invalid utf8") << "photos/\xC3\x28.jpg"_ba;
    QTest::newRow("overlong utf8 slash") << "a\xC0\xAF"
                                            "b"_ba;
    QTest::newRow("utf8 surrogate") << "a\xED\xA0\x80"
                                       "b"_ba;
    QTest::newRow("newline") << "line one\nline two"_ba;
    QTest::newRow("nul") << QByteArray("a\0b", 3);
    QTest::newRow("del") << "a\x7f"
                            "b"_ba;
    QTest::newRow("only spaces") << "    "_ba;
    QTest::newRow("plain over PATH_MAX") << QByteArray(5000, 'a');
    QTest::newRow("huge") << QByteArray(200000, 'x');
}

void TestDescriptionDecoder::hostile()
{
    QFETCH(QByteArray, raw);
    const DecodedDescription d = decodeDescription(raw);
    QCOMPARE(descriptionFormatName(d.format), u"unknown"_s);
    QCOMPARE(d.path, QString::fromUtf8(raw)); // the raw text, invalid UTF-8 replaced
    QCOMPARE(d.modified, std::nullopt);
    QCOMPARE(d.size, std::nullopt);
}

// Inputs on which the byte-level decoder the importer uses once disagreed with
// decodeDescription() (found by tests/fuzz/fuzz_description): both must say the same.
void TestDescriptionDecoder::bytesDecoderAgrees_data()
{
    QTest::addColumn<QByteArray>("raw");
    // A UTF-7 run of slashes and letters decoding to a name with a control character.
    QTest::newRow("cloudberry utf7 run") << R"({"Path":"+/v////////////////E.Yjpg","UFgs":3})"_ba;
}

void TestDescriptionDecoder::bytesDecoderAgrees()
{
    QFETCH(QByteArray, raw);
    const DecodedDescription d = decodeDescription(raw);
    compareBytesDecoder(raw, d.format, d.path, d.modified, d.size);
}

// Mutations of valid descriptions: any result is fine, but it must be one of the formats and
// Unknown must carry the raw text. (The libFuzzer targets in tests/fuzz go much further.)
void TestDescriptionDecoder::randomBytesNeverCrash()
{
    QRandomGenerator rng(20260101);
    const QList<QByteArray> seeds = {
        fastGlacierV4(u"写真/a.jpg"_s, utc(2019, 1, 2, 3, 4, 5), 77),
        crushFtp(u"/x/y"_s, utc(2019, 1, 2, 3, 4, 5)),
        mt1(u"Фото.jpg"_s, utc(2013, 1, 1, 0, 0, 1)),
        mt2(u"a/b"_s, utc(2013, 1, 1, 0, 0, 1)),
        cloudBerry(u"C:\\a\\b 😀"_s, utc(2014, 4, 1, 16, 20, 0), 1),
    };
    for (int i = 0; i < 20000; ++i) {
        QByteArray raw = seeds[i % seeds.size()];
        const int edits = 1 + int(rng.bounded(4));
        for (int e = 0; e < edits && !raw.isEmpty(); ++e) {
            const qsizetype at = rng.bounded(int(raw.size()));
            switch (rng.bounded(3)) {
            case 0:
                raw[at] = char(rng.bounded(256));
                break;
            case 1:
                raw.remove(at, 1 + rng.bounded(8));
                break;
            default:
                raw.insert(at, char(rng.bounded(256)));
                break;
            }
        }
        const DecodedDescription d = decodeDescription(raw);
        if (d.format == Format::Unknown)
            QCOMPARE(d.path, QString::fromUtf8(raw));
        if (d.modified)
            QVERIFY(d.modified->isValid());
        if (d.size)
            QVERIFY(*d.size >= 0);
    }
}

void TestDescriptionDecoder::formatNames()
{
    // Stored in the database and CSV exports: these ids must never change.
    const QList<std::pair<Format, QString>> ids = {
        {Format::Empty, u"empty"_s},
        {Format::PlainPath, u"plain"_s},
        {Format::FastGlacierV4, u"fastglacier-v4"_s},
        {Format::FastGlacierV3, u"fastglacier-v3"_s},
        {Format::CrushFtp, u"crushftp"_s},
        {Format::MtAwsGlacierV2, u"mt-aws-glacier-v2"_s},
        {Format::MtAwsGlacierV1, u"mt-aws-glacier-v1"_s},
        {Format::CloudBerry, u"cloudberry"_s},
        {Format::Unknown, u"unknown"_s},
    };
    for (const auto &[format, id] : ids) {
        QCOMPARE(descriptionFormatName(format), id);
        QCOMPARE(descriptionFormatFromName(id), std::optional(format));
    }
    QCOMPARE(descriptionFormatFromName(u"FastGlacier-v4"), std::nullopt);
    QCOMPARE(descriptionFormatFromName(u""), std::nullopt);
}

void TestDescriptionDecoder::bytesDecoder_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<Format>("format");
    QTest::addColumn<QString>("path");

    // The printable-ASCII fast path, and its edges that must go to the full decoders.
    QTest::newRow("plain") << "photos/a b.jpg"_ba << Format::PlainPath << u"photos/a b.jpg"_s;
    QTest::newRow("plain with spaces around")
        << "  x  "_ba << Format::PlainPath << u"  x  "_s;
    QTest::newRow("plain tilde") << "~/x"_ba << Format::PlainPath << u"~/x"_s;
    QTest::newRow("blank") << "   "_ba << Format::Unknown << u"   "_s;
    QTest::newRow("tab") << "a\tb"_ba << Format::Unknown << u"a\tb"_s;
    QTest::newRow("DEL") << "a\x7f"_ba << Format::Unknown << u"a\x7f"_s;
    QTest::newRow("m prefix") << " <m>x"_ba << Format::Unknown << u" <m>x"_s;
    QTest::newRow("json prefix") << " {x"_ba << Format::Unknown << u" {x"_s;
    QTest::newRow("mt2 prefix") << "mt2 !"_ba << Format::Unknown << u"mt2 !"_s;
    QTest::newRow("mt1 prefix") << "mt1 !"_ba << Format::Unknown << u"mt1 !"_s;
    QTest::newRow("mt3 is a name") << "mt3 !"_ba << Format::PlainPath << u"mt3 !"_s;
    QTest::newRow("utf-8") << "caf\xc3\xa9"_ba << Format::PlainPath << u"caf\u00e9"_s;
    QTest::newRow("not utf-8") << "a\xff"_ba << Format::Unknown << u"a\ufffd"_s;
    QTest::newRow("4096 bytes") << QByteArray(4096, 'a') << Format::PlainPath
                                << QString(4096, u'a');
    QTest::newRow("4097 bytes") << QByteArray(4097, 'a') << Format::Unknown
                                << QString(4097, u'a');
}

void TestDescriptionDecoder::bytesDecoder()
{
    QFETCH(QByteArray, raw);
    QFETCH(Format, format);
    QFETCH(QString, path);
    compareBytesDecoder(raw, format, path, std::nullopt, std::nullopt);
}

QTEST_GUILESS_MAIN(TestDescriptionDecoder)
#include "tst_descriptiondecoder.moc"
