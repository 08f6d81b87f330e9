// A file without read permission: treeHashFile and thaw-cli tree-hash report it and fail.
// Apart from the other file tests because it must be skipped when run as root, who reads all.
#include "core/crypto/filetreehash.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace thaw::crypto;

class TestUnreadableFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void treeHashFileFails();
    void commandFails();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestUnreadableFile::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("unreadable.bin"));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write("data"), 4);
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::WriteOwner));
    QFile probe(m_path);
    if (probe.open(QIODevice::ReadOnly))
        QSKIP("this user can read a file without read permission (root)");
}

void TestUnreadableFile::treeHashFileFails()
{
    const FileTreeHashResult result = treeHashFile(m_path);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(QStringLiteral("cannot open")), qPrintable(result.error));
}

void TestUnreadableFile::commandFails()
{
    QProcess process;
    process.start(QStringLiteral(THAW_CLI_PATH), {QStringLiteral("tree-hash"), m_path});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 3); // LocalIoError
    QVERIFY(process.readAllStandardOutput().isEmpty());
    QVERIFY(process.readAllStandardError().startsWith("thaw-cli: cannot open"));
}

QTEST_GUILESS_MAIN(TestUnreadableFile)
#include "tst_unreadablefile.moc"
