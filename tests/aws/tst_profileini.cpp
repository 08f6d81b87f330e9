// The INI dialect of ~/.aws/credentials and ~/.aws/config, as botocore's RawConfigParser reads it.
// Expected values follow Python's configparser (checked with python3 -c "import configparser").
#include "core/aws/inifile.h"

#include <QRandomGenerator>
#include <QTest>

using thaw::aws::IniError;
using thaw::aws::IniFile;

class TestProfileIni final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void sectionsAndLines();
    void randomBytesNeverCrash();
};

// "section.key=value" per setting, in file order, '|' between: compact expected values.
static QString flatten(const IniFile &ini)
{
    QStringList parts;
    for (const auto &section : ini.sections()) {
        for (const auto &entry : section.entries)
            parts.append(QStringLiteral("%1.%2=%3").arg(section.name, entry.key, entry.value));
    }
    return parts.join(QLatin1Char('|'));
}

void TestProfileIni::parses_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty file") << QByteArray() << QString();
    QTest::newRow("one pair") << QByteArray("[default]\naws_access_key_id = AKID\n")
                              << QStringLiteral("default.aws_access_key_id=AKID");
    QTest::newRow("no spaces") << QByteArray("[default]\nregion=eu-west-1")
                               << QStringLiteral("default.region=eu-west-1");
    QTest::newRow("tabs and spaces") << QByteArray("[default]\n\tregion \t=\t  eu-west-1  \n")
                                     << QStringLiteral("default.region=eu-west-1");
    QTest::newRow("colon delimiter")
        << QByteArray("[a]\nregion: us-east-1\n") << QStringLiteral("a.region=us-east-1");
    QTest::newRow("first delimiter wins")
        << QByteArray("[a]\nk = v=w:x\n") << QStringLiteral("a.k=v=w:x");
    QTest::newRow("keys lower-cased") << QByteArray("[a]\nAWS_Access_Key_ID = AKID\n")
                                      << QStringLiteral("a.aws_access_key_id=AKID");
    QTest::newRow("section case kept")
        << QByteArray("[Work]\nk = v\n") << QStringLiteral("Work.k=v");
    QTest::newRow("comments") << QByteArray("# top\n; also\n[a]\n  # indented\nk = v\n;end\n")
                              << QStringLiteral("a.k=v");
    QTest::newRow("no inline comments")
        << QByteArray("[a]\nk = v # not a comment\n") << QStringLiteral("a.k=v # not a comment");
    QTest::newRow("empty value") << QByteArray("[a]\nk =\nj = 1\n") << QStringLiteral("a.k=|a.j=1");
    QTest::newRow("nested s3 block")
        << QByteArray("[profile x]\ns3 =\n  addressing_style = path\n\n  signature_version = s3v4\n"
                      "region = eu-central-1\n")
        << QStringLiteral("profile x.s3=\naddressing_style = path\n\nsignature_version = s3v4|"
                          "profile x.region=eu-central-1");
    QTest::newRow("indented section after value is a continuation")
        << QByteArray("[a]\nk = v\n [b]\n") << QStringLiteral("a.k=v\n[b]");
    QTest::newRow("indented key without value before")
        << QByteArray("[a]\n   k = v\n") << QStringLiteral("a.k=v");
    QTest::newRow("crlf") << QByteArray("[a]\r\nk = v\r\nj = w\r\n")
                          << QStringLiteral("a.k=v|a.j=w");
    QTest::newRow("utf-8 bom") << QByteArray("\xEF\xBB\xBF[a]\nk = v\n") << QStringLiteral("a.k=v");
    QTest::newRow("utf-8 value") << QByteArray("[a]\nk = caf\xC3\xA9\n")
                                 << QStringLiteral("a.k=caf\u00e9");
    QTest::newRow("blank lines between sections")
        << QByteArray("\n\n[a]\n\nk = v\n\n\n[b]\nj = w\n") << QStringLiteral("a.k=v|b.j=w");
    QTest::newRow("trailing text after header")
        << QByteArray("[a] x\nk = v\n") << QStringLiteral("a.k=v");
}

void TestProfileIni::parses()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);

    IniError error;
    const std::optional<IniFile> ini = IniFile::parse(text, QStringLiteral("f.ini"), &error);
    QVERIFY2(ini, qPrintable(error.toString()));
    QCOMPARE(flatten(*ini), expected);
}

void TestProfileIni::rejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");

    QTest::newRow("key before section")
        << QByteArray("k = v\n[a]\n") << 1 << QStringLiteral("before any [section]");
    QTest::newRow("line without delimiter")
        << QByteArray("[a]\nk = v\njunk\n") << 3 << QStringLiteral("expected 'key = value'");
    QTest::newRow("empty key") << QByteArray("[a]\n= v\n") << 2 << QStringLiteral("key");
    QTest::newRow("unclosed header")
        << QByteArray("[a]\n[b\n") << 2 << QStringLiteral("closing ']'");
    QTest::newRow("empty header") << QByteArray("[]\n") << 1 << QStringLiteral("empty");
    QTest::newRow("duplicate section") << QByteArray("[a]\nk = 1\n[a]\nj = 2\n") << 3
                                       << QStringLiteral("[a] already exists (line 1)");
    QTest::newRow("duplicate key")
        << QByteArray("[a]\nk = 1\nK = 2\n") << 3 << QStringLiteral("set twice");
    QTest::newRow("invalid utf-8")
        << QByteArray("[a]\nk = v\nj = \xFF\xFE\n") << 3 << QStringLiteral("UTF-8");
}

void TestProfileIni::rejects()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, message);

    IniError error;
    QVERIFY(!IniFile::parse(text, QStringLiteral("/home/u/.aws/config"), &error));
    QCOMPARE(error.file, QStringLiteral("/home/u/.aws/config"));
    QCOMPARE(error.line, line);
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
    QVERIFY(error.toString().startsWith(QStringLiteral("/home/u/.aws/config:%1: ").arg(line)));
}

void TestProfileIni::sectionsAndLines()
{
    IniError error;
    const std::optional<IniFile> ini = IniFile::parse(
        "[default]\nregion = eu-west-1\n\n[profile work]\nAWS_ACCESS_KEY_ID = AKID\n",
        QStringLiteral("config"), &error);
    QVERIFY(ini);
    QCOMPARE(ini->sections().size(), 2);
    const auto *work = ini->section(QStringLiteral("profile work"));
    QVERIFY(work);
    QCOMPARE(work->line, 4);
    QCOMPARE(work->value(QStringLiteral("aws_access_key_id")), QStringLiteral("AKID"));
    QCOMPARE(work->value(QStringLiteral("AWS_Access_Key_Id")), QStringLiteral("AKID"));
    QCOMPARE(work->entry(QStringLiteral("aws_access_key_id"))->line, 5);
    QVERIFY(!ini->section(QStringLiteral("work")));
    QVERIFY(!ini->section(QStringLiteral("Default")));
}

void TestProfileIni::randomBytesNeverCrash()
{
    // Malformed input gives an error or a parse, never a crash (run under ASan to be sure).
    QRandomGenerator generator(20251201);
    const QByteArray alphabet("[]=:#; \t\r\n\\\"'abcKEY\xC3\xA9\xFF");
    for (int round = 0; round < 2000; ++round) {
        QByteArray text;
        const int length = generator.bounded(200);
        for (int i = 0; i < length; ++i)
            text.append(alphabet.at(generator.bounded(int(alphabet.size()))));
        IniError error;
        const std::optional<IniFile> ini = IniFile::parse(text, QStringLiteral("fuzz"), &error);
        if (!ini)
            QVERIFY(error.line > 0);
    }
}

QTEST_GUILESS_MAIN(TestProfileIni)
#include "tst_profileini.moc"
