// decodeUtf7 against RFC 2152's own examples, vectors from Python's independent "utf-7" codec,
// the form .NET's UTF7Encoding writes (CloudBerry), and every ill-formed case the RFC names.

#include "core/inventory/utf7.h"

#include <QTest>

using namespace thaw::inventory;
using namespace Qt::StringLiterals;

class TestUtf7 final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodes_data();
    void decodes();
    void rejects_data();
    void rejects();
    void boundsInput();
    void longRunsRoundTrip();
};

void TestUtf7::decodes_data()
{
    QTest::addColumn<QByteArray>("utf7");
    QTest::addColumn<QString>("expected");

    // RFC 2152, section "Examples".
    QTest::newRow("rfc A≢Α.") << "A+ImIDkQ."_ba << u"A\u2262\u0391."_s;
    QTest::newRow("rfc Hi Mom") << "Hi Mom -+Jjo--!"_ba << u"Hi Mom -\u263A-!"_s;
    QTest::newRow("rfc 日本語") << "+ZeVnLIqe-"_ba << u"日本語"_s;
    QTest::newRow("rfc 1 + 1") << "Item 3 is +AKM-1."_ba << u"Item 3 is \u00A31."_s;
    // Python 3: str.encode("utf-7").
    QTest::newRow("python plus") << "a+-b"_ba << u"a+b"_s;
    QTest::newRow("python emoji pair") << "+2D3eAA x"_ba << u"\U0001F600 x"_s;
    QTest::newRow("python backslash tilde")
        << "C:+AFw-Users+AFw-b+APY-b+AH4-"_ba << u"C:\\Users\\b\u00F6b~"_s;
    QTest::newRow("python combining") << "e+AwE-t+AOk-"_ba << u"e\u0301t\u00E9"_s;
    // .NET UTF7Encoding(false): Set O is shifted, '-' only written when needed.
    QTest::newRow("dotnet underscore") << "budget+AF8-2014.xlsx"_ba << u"budget_2014.xlsx"_s;
    QTest::newRow("dotnet implicit end")
        << "D:+AFxRmXcfAFw-2015+AFxbzFjrXHE.jpg"_ba << u"D:\\写真\\2015\\富士山.jpg"_s;
    QTest::newRow("dotnet emoji mid")
        << "+AFwAwQ-g+AOY-tis byrjun +2D3eAA.flac"_ba << u"\\Ágætis byrjun 😀.flac"_s;
    // Lenient parts the RFC allows: optional direct characters, terminator absent at the end.
    QTest::newRow("set O direct") << "a_b!c#d;e"_ba << u"a_b!c#d;e"_s;
    QTest::newRow("backslash direct") << "C:\\x"_ba << u"C:\\x"_s;
    QTest::newRow("run to end") << "+AKM"_ba << u"\u00A3"_s;
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("plus minus minus") << "+--"_ba << u"+-"_s;
    QTest::newRow("pair over two runs") << "+2D3eAA-"_ba << u"\U0001F600"_s;
}

void TestUtf7::decodes()
{
    QFETCH(QByteArray, utf7);
    QFETCH(QString, expected);
    const std::optional<QString> decoded = decodeUtf7(utf7);
    QVERIFY(decoded.has_value());
    QCOMPARE(*decoded, expected);
}

void TestUtf7::rejects_data()
{
    QTest::addColumn<QByteArray>("utf7");

    QTest::newRow("8-bit byte") << "caf\xC3\xA9"_ba;
    QTest::newRow("plus at end") << "abc+"_ba;
    QTest::newRow("plus then punctuation") << "a+!b"_ba;
    QTest::newRow("six leftover bits") << "+AKMA-"_ba;   // 24 bits: one unit + 8 bits
    QTest::newRow("nonzero padding bits") << "+AKN-"_ba; // 18 bits, last 2 not zero
    QTest::newRow("lone high surrogate") << "+2D0-"_ba;  // U+D83D then nothing
    QTest::newRow("lone low surrogate") << "+3gA-"_ba;   // U+DE00
    QTest::newRow("high then direct") << "+2D0-x"_ba;
    QTest::newRow("high then high") << "+2D3YPQ-"_ba;
    QTest::newRow("single base64 char") << "+A-"_ba;
}

void TestUtf7::rejects()
{
    QFETCH(QByteArray, utf7);
    QCOMPARE(decodeUtf7(utf7), std::nullopt);
}

void TestUtf7::boundsInput()
{
    const QByteArray big(kMaxUtf7InputBytes + 1, 'a');
    QCOMPARE(decodeUtf7(big), std::nullopt);
    QCOMPARE(decodeUtf7(big.first(kMaxUtf7InputBytes))->size(), kMaxUtf7InputBytes);
    QCOMPARE(decodeUtf7("abcdef", 5), std::nullopt);
}

// A long shifted run built with an independent encoder (Qt's base64 of UTF-16BE).
void TestUtf7::longRunsRoundTrip()
{
    QString text;
    for (char32_t cp = 0x4E00; cp < 0x4E00 + 997; ++cp)
        text += QString::fromUcs4(&cp, 1);
    text += u"\U0001F30D\U0001F680"_s;
    QByteArray utf16;
    for (const QChar c : text) {
        utf16.append(char(c.unicode() >> 8));
        utf16.append(char(c.unicode() & 0xFF));
    }
    const QByteArray run = utf16.toBase64(QByteArray::OmitTrailingEquals);
    const QByteArray utf7 = "x+" + run + "-y";
    QCOMPARE(decodeUtf7(utf7), std::optional(u"x"_s + text + u"y"_s));
}

QTEST_GUILESS_MAIN(TestUtf7)
#include "tst_utf7.moc"
