// treeHashFile: parallel hashing of files and byte ranges against botocore's vectors.
#include "testvectors.h"

#include "core/crypto/filetreehash.h"
#include "core/crypto/treehasher.h"

#include <QTemporaryDir>
#include <QTest>

using namespace thaw::crypto;
using namespace thaw::crypto::test;

class TestFileTreeHash final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void wholeFiles_data();
    void wholeFiles();
    void ranges_data();
    void ranges();
    void errors_data();
    void errors();
    void async();

private:
    QString fileOfSize(qint64 size) const
    {
        return m_dir.filePath(QStringLiteral("pattern-%1.bin").arg(size));
    }

    QTemporaryDir m_dir;
};

void TestFileTreeHash::initTestCase()
{
    QVERIFY(vectors().ok);
    QVERIFY(m_dir.isValid());
    for (const SizeVector &vector : vectors().sizes) {
        QFile file(fileOfSize(vector.size));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(archive().first(vector.size)), vector.size);
    }
}

void TestFileTreeHash::wholeFiles_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<int>("threads");
    QTest::addColumn<QByteArray>("treeHash");
    QTest::addColumn<QByteArray>("sha256");
    for (const SizeVector &vector : vectors().sizes) {
        for (const int threads : {0, 1, 2, 3, 8}) {
            QTest::addRow("%lld bytes, %d threads", vector.size, threads)
                << vector.size << threads << vector.treeHash << vector.sha256;
        }
    }
}

void TestFileTreeHash::wholeFiles()
{
    QFETCH(qint64, size);
    QFETCH(int, threads);
    QFETCH(QByteArray, treeHash);
    QFETCH(QByteArray, sha256);
    FileTreeHashOptions options;
    options.threadCount = threads;
    options.computeSha256 = threads != 1; // both with and without the extra SHA-256 pass
    const FileTreeHashResult result = treeHashFile(fileOfSize(size), options);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(toHex(result.treeHash.root), treeHash);
    QCOMPARE(result.treeHash.size, size);
    QCOMPARE(result.sha256.has_value(), options.computeSha256);
    if (result.sha256)
        QCOMPARE(toHex(*result.sha256), sha256);
    // The parallel leaves are the sequential ones, in order.
    const TreeHash sequential = TreeHasher::hash(archive().first(size));
    QVERIFY(result.treeHash.leaves == sequential.leaves);
}

void TestFileTreeHash::ranges_data()
{
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<QByteArray>("treeHash");
    QTest::addColumn<QByteArray>("sha256");
    for (const RangeVector &range : vectors().ranges)
        QTest::newRow(rangeTag(range))
            << range.first << range.last << range.treeHash << range.sha256;
}

void TestFileTreeHash::ranges()
{
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(QByteArray, treeHash);
    QFETCH(QByteArray, sha256);
    FileTreeHashOptions options;
    options.range = ByteRange{first, last};
    options.computeSha256 = true;
    const FileTreeHashResult result = treeHashFile(fileOfSize(vectors().archiveSize), options);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(toHex(result.treeHash.root), treeHash);
    QCOMPARE(toHex(*result.sha256), sha256);
    QCOMPARE(result.treeHash.size, last - first + 1);
}

void TestFileTreeHash::errors_data()
{
    QTest::addColumn<QString>("name"); // in the temporary folder, unless absolute
    QTest::addColumn<qint64>("first"); // -2: no range
    QTest::addColumn<qint64>("last");
    QTest::addColumn<QString>("message");
    const QString small = QStringLiteral("pattern-1048576.bin");
    QTest::newRow("missing file") << QStringLiteral("nothing-here") << -2LL << 0LL
                                  << QStringLiteral("cannot open");
    QTest::newRow("directory") << QString() << -2LL << 0LL << QStringLiteral("is a directory");
    QTest::newRow("device") << QStringLiteral("/dev/null") << -2LL << 0LL
                            << QStringLiteral("not a regular file");
    QTest::newRow("range past the end")
        << small << 0LL << 1048576LL << QStringLiteral("past the end");
    QTest::newRow("range far past the end")
        << small << 2000000LL << 3000000LL << QStringLiteral("past the end");
    QTest::newRow("reversed range") << small << 10LL << 9LL << QStringLiteral("invalid byte range");
    QTest::newRow("negative start") << small << -1LL << 9LL << QStringLiteral("invalid byte range");
    QTest::newRow("range of an empty file")
        << QStringLiteral("pattern-0.bin") << 0LL << 0LL << QStringLiteral("past the end");
}

void TestFileTreeHash::errors()
{
    QFETCH(QString, name);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(QString, message);
    FileTreeHashOptions options;
    if (first != -2)
        options.range = ByteRange{first, last};
    const QString path = name.startsWith(QLatin1Char('/')) ? name : m_dir.filePath(name);
    const FileTreeHashResult result = treeHashFile(path, options);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(message), qPrintable(result.error));
}

void TestFileTreeHash::async()
{
    const SizeVector &vector = vectors().sizes.at(7); // 5 MiB + 123
    QFuture<FileTreeHashResult> future = treeHashFileAsync(fileOfSize(vector.size));
    future.waitForFinished();
    QVERIFY(future.result().ok());
    QCOMPARE(toHex(future.result().treeHash.root), vector.treeHash);
}

QTEST_GUILESS_MAIN(TestFileTreeHash)
#include "tst_filetreehash.moc"
