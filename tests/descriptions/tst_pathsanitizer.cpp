// sanitizePath() as a truth table (accepted as is, rewritten, rejected with its reason), and
// resolveUnder() against a real temporary folder with symlinks pointing out of it.

#include "core/inventory/pathsanitizer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace thaw::inventory;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(thaw::inventory::PathRejection)

class TestPathSanitizer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data();
    void accepted();
    void rejected_data();
    void rejected();
    void messagesShowControlCharacters();
    void resolveStaysInside();
    void resolveRefusesSymlinkOut();
    void resolveRefusesDanglingSymlinkOut();
    void resolveNeedsBase();
};

void TestPathSanitizer::accepted_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("rewrites");

    const int none = 0;
    const int rel = int(PathRewrite::MadeRelative);
    const int bs = int(PathRewrite::Backslashes);
    const int dot = int(PathRewrite::DroppedEmptyOrDot);
    const int trim = int(PathRewrite::TrimmedDotsOrSpaces);
    const int res = int(PathRewrite::RenamedReserved);

    QTest::newRow("simple") << u"photos/2019/a.jpg"_s << u"photos/2019/a.jpg"_s << none;
    QTest::newRow("one name") << u"a.jpg"_s << u"a.jpg"_s << none;
    QTest::newRow("cjk") << u"写真/東京/夜景.jpg"_s << u"写真/東京/夜景.jpg"_s << none;
    QTest::newRow("emoji") << u"🎉/🎂 cake.png"_s << u"🎉/🎂 cake.png"_s << none;
    QTest::newRow("combining") << u"Cafe\u0301/x"_s << u"Cafe\u0301/x"_s << none;
    QTest::newRow("leading dot file") << u".config/app.ini"_s << u".config/app.ini"_s << none;
    QTest::newRow("leading space kept") << u" a/ b"_s << u" a/ b"_s << none;
    QTest::newRow("dots inside") << u"a..b/c...d"_s << u"a..b/c...d"_s << none;
    QTest::newRow("CONSOLE not reserved") << u"CONSOLE.txt"_s << u"CONSOLE.txt"_s << none;
    QTest::newRow("COM10 not reserved") << u"COM10"_s << u"COM10"_s << none;
    QTest::newRow("absolute") << u"/abs"_s << u"abs"_s << rel;
    QTest::newRow("absolute deep")
        << u"/home/alice/mail.mbox"_s << u"home/alice/mail.mbox"_s << rel;
    QTest::newRow("many slashes") << u"///x//y/"_s << u"x/y"_s << (rel | dot);
    QTest::newRow("drive backslash") << u"C:\\x"_s << u"C/x"_s << (rel | bs);
    QTest::newRow("drive slash") << u"d:/Users/bob/f.txt"_s << u"d/Users/bob/f.txt"_s << rel;
    QTest::newRow("drive relative") << u"C:x"_s << u"C/x"_s << rel;
    QTest::newRow("unc") << u"\\\\server\\share\\dir\\f.txt"_s << u"server/share/dir/f.txt"_s
                         << (rel | bs);
    QTest::newRow("unc slashes") << u"//server/share/f"_s << u"server/share/f"_s << rel;
    QTest::newRow("backslashes") << u"a\\b\\c"_s << u"a/b/c"_s << bs;
    QTest::newRow("mixed separators") << u"a/b\\c/d\\e"_s << u"a/b/c/d/e"_s << bs;
    QTest::newRow("dot components") << u"./a/./b/."_s << u"a/b"_s << dot;
    QTest::newRow("trailing dot") << u"dir./file."_s << u"dir/file"_s << trim;
    QTest::newRow("trailing spaces") << u"dir  /file .txt  "_s << u"dir/file .txt"_s << trim;
    QTest::newRow("CON.txt") << u"CON.txt"_s << u"_CON.txt"_s << res;
    QTest::newRow("con lower") << u"docs/con"_s << u"docs/_con"_s << res;
    QTest::newRow("nul.tar.gz") << u"nul.tar.gz"_s << u"_nul.tar.gz"_s << res;
    QTest::newRow("PRN") << u"PRN"_s << u"_PRN"_s << res;
    QTest::newRow("Aux.h") << u"src/Aux.h"_s << u"src/_Aux.h"_s << res;
    QTest::newRow("COM1") << u"COM1"_s << u"_COM1"_s << res;
    QTest::newRow("com9.log") << u"com9.log"_s << u"_com9.log"_s << res;
    QTest::newRow("LPT5") << u"x/LPT5.txt"_s << u"x/_LPT5.txt"_s << res;
    QTest::newRow("COM superscript") << u"COM\u00B9"_s << u"_COM\u00B9"_s << res;
    QTest::newRow("CON space dot") << u"CON .txt"_s << u"_CON .txt"_s << res;
    QTest::newRow("CON trailing dot") << u"CON."_s << u"_CON"_s << (trim | res);
    QTest::newRow("CONOUT$") << u"conout$"_s << u"_conout$"_s << res;
    QTest::newRow("255 byte component") << QString(255, u'a') << QString(255, u'a') << none;
    QTest::newRow("85 CJK = 255 bytes") << QString(85, u'字') << QString(85, u'字') << none;
    // Found by fuzz_pathsanitizer: a drive after a UNC prefix or a dropped component must still
    // become a folder, or sanitising twice would differ.
    QTest::newRow("unc then drive") << u"\\\\C:\\C:\\x"_s << u"C/C:/x"_s << (rel | bs);
    QTest::newRow("dot then drive") << u"./C:/x"_s << u"C/x"_s << (rel | dot);
    QTest::newRow("slash then drive") << u"/d:/x"_s << u"d/x"_s << rel;
    QTest::newRow("everything") << u"C:\\Users\\.\\bob.\\CON.txt"_s << u"C/Users/bob/_CON.txt"_s
                                << (rel | bs | dot | trim | res);
}

void TestPathSanitizer::accepted()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QFETCH(int, rewrites);

    const PathResult<SanitizedPath> result = sanitizePath(input);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message()));
    QCOMPARE(result->relativePath, expected);
    QCOMPARE(int(result->rewrites.toInt()), rewrites);
    // Idempotent: a sanitised path is left alone.
    const PathResult<SanitizedPath> again = sanitizePath(result->relativePath);
    QVERIFY(again.ok());
    QCOMPARE(again->relativePath, expected);
    QCOMPARE(int(again->rewrites.toInt()), 0);
}

void TestPathSanitizer::rejected_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<PathRejection>("reason");

    QTest::newRow("empty") << QString() << PathRejection::Empty;
    QTest::newRow("slash only") << u"/"_s << PathRejection::Empty;
    QTest::newRow("dots and slashes") << u"./././/"_s << PathRejection::Empty;
    QTest::newRow("drive only") << u"C:\\"_s << PathRejection::Empty;
    QTest::newRow("etc passwd") << u"../../etc/passwd"_s << PathRejection::ParentTraversal;
    QTest::newRow("dotdot middle") << u"a/../../b"_s << PathRejection::ParentTraversal;
    QTest::newRow("dotdot backslash") << u"a\\..\\..\\b"_s << PathRejection::ParentTraversal;
    QTest::newRow("dotdot after drive") << u"C:..\\x"_s << PathRejection::ParentTraversal;
    QTest::newRow("dotdot end") << u"a/.."_s << PathRejection::ParentTraversal;
    QTest::newRow("nul char") << u"a/\u0000b"_s << PathRejection::ControlCharacter;
    QTest::newRow("newline") << u"a\nb"_s << PathRejection::ControlCharacter;
    QTest::newRow("tab") << u"a\tb"_s << PathRejection::ControlCharacter;
    QTest::newRow("escape") << u"a\u001B[31mred"_s << PathRejection::ControlCharacter;
    QTest::newRow("del") << u"a\u007Fb"_s << PathRejection::ControlCharacter;
    QTest::newRow("lone high surrogate")
        << (u"a"_s + QChar(0xD83D) + u"b"_s) << PathRejection::InvalidUnicode;
    QTest::newRow("lone low surrogate")
        << (u"a"_s + QChar(0xDE00)) << PathRejection::InvalidUnicode;
    QTest::newRow("device ?") << u"\\\\?\\C:\\x"_s << PathRejection::DevicePath;
    QTest::newRow("device .") << u"\\\\.\\PhysicalDrive0"_s << PathRejection::DevicePath;
    QTest::newRow("three dots") << u"a/.../b"_s << PathRejection::OnlyDotsOrSpaces;
    QTest::newRow("spaces only") << u"a/   /b"_s << PathRejection::OnlyDotsOrSpaces;
    QTest::newRow("dot dot space") << u".. /x"_s << PathRejection::OnlyDotsOrSpaces;
    QTest::newRow("256 bytes") << QString(256, u'a') << PathRejection::ComponentTooLong;
    QTest::newRow("86 CJK = 258 bytes") << QString(86, u'字') << PathRejection::ComponentTooLong;
    QTest::newRow("64 emoji = 256 bytes")
        << QString(u"😀"_s).repeated(64) << PathRejection::ComponentTooLong;
    QTest::newRow("10000 chars") << QString(10000, u'x') << PathRejection::ComponentTooLong;
    QTest::newRow("reserved makes too long")
        << (u"CON."_s + QString(251, u'a')) << PathRejection::ComponentTooLong;
    QTest::newRow("deep path over 4096")
        << (QString(200, u'd') + u'/').repeated(21) << PathRejection::PathTooLong;
}

void TestPathSanitizer::rejected()
{
    QFETCH(QString, input);
    QFETCH(PathRejection, reason);

    const PathResult<SanitizedPath> result = sanitizePath(input);
    QVERIFY2(!result.ok(), qPrintable(result.ok() ? result->relativePath : QString()));
    QCOMPARE(int(result.error().reason), int(reason));
    QVERIFY(!result.error().message().isEmpty());
}

void TestPathSanitizer::messagesShowControlCharacters()
{
    const PathResult<SanitizedPath> result = sanitizePath(u"a/\u0000b\u001B"_s);
    QVERIFY(!result.ok());
    const QString message = result.error().message();
    QVERIFY2(message.contains(u"a/\\u0000b\\u001b"_s), qPrintable(message));
    for (const QChar c : message)
        QVERIFY(c.unicode() >= 0x20);
    // A 10 000-character name is cut in the message.
    const QString longMessage = sanitizePath(QString(10000, u'x')).error().message();
    QVERIFY(longMessage.size() < 300);
}

void TestPathSanitizer::resolveStaysInside()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString base = QFileInfo(dir.path()).canonicalFilePath();
    const PathResult<SanitizedPath> path = sanitizePath(u"C:\\Users\\bob\\CON.txt"_s);
    QVERIFY(path.ok());
    const PathResult<QString> resolved = resolveUnder(dir.path(), path.value());
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message()));
    QCOMPARE(resolved.value(), base + u"/C/Users/bob/_CON.txt"_s);

    // A symlink that stays inside the base is fine.
    QVERIFY(QDir(base).mkpath(u"real"_s));
    QVERIFY(QFile::link(base + u"/real"_s, base + u"/alias"_s));
    const PathResult<QString> viaLink = resolveUnder(base, SanitizedPath{u"alias/f.txt"_s, {}});
    QVERIFY(viaLink.ok());
    QCOMPARE(viaLink.value(), base + u"/alias/f.txt"_s);
}

void TestPathSanitizer::resolveRefusesSymlinkOut()
{
    QTemporaryDir dir;
    QTemporaryDir outside;
    QVERIFY(dir.isValid() && outside.isValid());
    QVERIFY(QFile::link(outside.path(), dir.path() + u"/escape"_s));

    const PathResult<QString> through
        = resolveUnder(dir.path(), SanitizedPath{u"escape/x/y.txt"_s, {}});
    QVERIFY(!through.ok());
    QCOMPARE(int(through.error().reason), int(PathRejection::OutsideBase));

    // The target itself is an existing symlink to a file outside.
    QFile target(outside.path() + u"/secret"_s);
    QVERIFY(target.open(QIODevice::WriteOnly));
    target.close();
    QVERIFY(QFile::link(target.fileName(), dir.path() + u"/file.txt"_s));
    const PathResult<QString> direct = resolveUnder(dir.path(), SanitizedPath{u"file.txt"_s, {}});
    QVERIFY(!direct.ok());
    QCOMPARE(int(direct.error().reason), int(PathRejection::OutsideBase));
}

void TestPathSanitizer::resolveRefusesDanglingSymlinkOut()
{
    QTemporaryDir dir;
    QTemporaryDir outside;
    QVERIFY(dir.isValid() && outside.isValid());
    // Writing through a dangling symlink would create the file at its target, outside.
    QVERIFY(QFile::link(outside.path() + u"/not-yet"_s, dir.path() + u"/dangling"_s));
    const PathResult<QString> result = resolveUnder(dir.path(), SanitizedPath{u"dangling"_s, {}});
    QVERIFY(!result.ok());
    QCOMPARE(int(result.error().reason), int(PathRejection::OutsideBase));
}

void TestPathSanitizer::resolveNeedsBase()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const PathResult<QString> missing
        = resolveUnder(dir.path() + u"/nope"_s, SanitizedPath{u"a"_s, {}});
    QVERIFY(!missing.ok());
    QCOMPARE(int(missing.error().reason), int(PathRejection::BaseDirMissing));
    QVERIFY(!resolveUnder(QString(), SanitizedPath{u"a"_s, {}}).ok());

    // resolveUnder re-checks what it is given instead of trusting the caller.
    const PathResult<QString> unsanitised
        = resolveUnder(dir.path(), SanitizedPath{u"../../etc/passwd"_s, {}});
    QVERIFY(!unsanitised.ok());
    QCOMPARE(int(unsanitised.error().reason), int(PathRejection::ParentTraversal));
}

QTEST_GUILESS_MAIN(TestPathSanitizer)
#include "tst_pathsanitizer.moc"
