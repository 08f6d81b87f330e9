// thaw-cli tree-hash, run as a process: output against botocore's vectors, errors and exit codes.
#include "testvectors.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace thaw::crypto::test;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(THAW_CLI_PATH), arguments);
    Run run;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

// Exit codes of app/cli/cliargs.h.
constexpr int Success = 0;
constexpr int UsageError = 2;
constexpr int LocalIoError = 3;

} // namespace

class TestTreeHashCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void bareHash_data();
    void bareHash();
    void json_data();
    void json();
    void ranges_data();
    void ranges();
    void errors_data();
    void errors();

private:
    QString fileOfSize(qint64 size) const
    {
        return m_dir.filePath(QStringLiteral("pattern-%1.bin").arg(size));
    }

    QTemporaryDir m_dir;
};

void TestTreeHashCommand::initTestCase()
{
    QVERIFY(vectors().ok);
    QVERIFY(m_dir.isValid());
    QVERIFY(QFileInfo(QStringLiteral(THAW_CLI_PATH)).isExecutable());
    for (const SizeVector &vector : vectors().sizes) {
        QFile file(fileOfSize(vector.size));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(archive().first(vector.size)), vector.size);
    }
}

// Without --output, and with --output text: the hash alone on one line.
void TestTreeHashCommand::bareHash_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QByteArray>("expected");
    for (const SizeVector &vector : vectors().sizes) {
        QTest::addRow("%lld", vector.size) << vector.size << QStringList() << vector.treeHash;
        QTest::addRow("%lld --output text", vector.size)
            << vector.size << QStringList{QStringLiteral("--output"), QStringLiteral("text")}
            << vector.treeHash;
    }
}

void TestTreeHashCommand::bareHash()
{
    QFETCH(qint64, size);
    QFETCH(QStringList, options);
    QFETCH(QByteArray, expected);
    const Run run = runCli(QStringList{QStringLiteral("tree-hash"), fileOfSize(size)} + options);
    QCOMPARE(run.exitCode, Success);
    QCOMPARE(run.out, expected + '\n');
    QCOMPARE(run.err, QByteArray());
}

void TestTreeHashCommand::json_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<bool>("globalFirst"); // --output json before the command word
    QTest::addColumn<QByteArray>("treeHash");
    QTest::addColumn<QByteArray>("sha256");
    for (const SizeVector &vector : vectors().sizes) {
        for (const bool globalFirst : {false, true}) {
            QTest::addRow("%lld%s", vector.size, globalFirst ? " global first" : "")
                << vector.size << globalFirst << vector.treeHash << vector.sha256;
        }
    }
}

void TestTreeHashCommand::json()
{
    QFETCH(qint64, size);
    QFETCH(bool, globalFirst);
    QFETCH(QByteArray, treeHash);
    QFETCH(QByteArray, sha256);
    const QStringList output{QStringLiteral("--output"), QStringLiteral("json")};
    const QStringList command{QStringLiteral("tree-hash"), fileOfSize(size)};
    const Run run = runCli(globalFirst ? output + command : command + output);
    QCOMPARE(run.exitCode, Success);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject object = document.object();
    QCOMPARE(object.size(), 3);
    QCOMPARE(object.value(QStringLiteral("Size")).toInteger(-1), size);
    QCOMPARE(object.value(QStringLiteral("SHA256")).toString().toLatin1(), sha256);
    QCOMPARE(object.value(QStringLiteral("SHA256TreeHash")).toString().toLatin1(), treeHash);
}

void TestTreeHashCommand::ranges_data()
{
    QTest::addColumn<QString>("range");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QByteArray>("treeHash");
    QTest::addColumn<QByteArray>("sha256");
    for (const RangeVector &range : vectors().ranges) {
        QTest::newRow(rangeTag(range))
            << QString::fromLatin1(rangeTag(range)) << range.last - range.first + 1
            << range.treeHash << range.sha256;
    }
}

void TestTreeHashCommand::ranges()
{
    QFETCH(QString, range);
    QFETCH(qint64, size);
    QFETCH(QByteArray, treeHash);
    QFETCH(QByteArray, sha256);
    const QString file = fileOfSize(vectors().archiveSize);
    const Run bare = runCli({QStringLiteral("tree-hash"), file, QStringLiteral("--range"), range});
    QCOMPARE(bare.exitCode, Success);
    QCOMPARE(bare.out, treeHash + '\n');

    const Run json = runCli({QStringLiteral("tree-hash"), QStringLiteral("--range=") + range,
                             QStringLiteral("--output"), QStringLiteral("json"), file});
    QCOMPARE(json.exitCode, Success);
    const QJsonObject object = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(object.value(QStringLiteral("Size")).toInteger(-1), size);
    QCOMPARE(object.value(QStringLiteral("SHA256")).toString().toLatin1(), sha256);
    QCOMPARE(object.value(QStringLiteral("SHA256TreeHash")).toString().toLatin1(), treeHash);
}

void TestTreeHashCommand::errors_data()
{
    QTest::addColumn<QStringList>("arguments"); // after "tree-hash"; FILE stands for a 1 MiB file
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString file = QStringLiteral("FILE");
    const QString range = QStringLiteral("--range");
    QTest::newRow("missing file") << QStringList{QStringLiteral("/nonexistent/thaw-test")}
                                  << LocalIoError << QStringLiteral("cannot open");
    QTest::newRow("directory") << QStringList{QStringLiteral("/")} << LocalIoError
                               << QStringLiteral("is a directory");
    QTest::newRow("device") << QStringList{QStringLiteral("/dev/null")} << LocalIoError
                            << QStringLiteral("not a regular file");
    QTest::newRow("range past the end") << QStringList{file, range, QStringLiteral("0-1048576")}
                                        << LocalIoError << QStringLiteral("past the end");
    QTest::newRow("range beyond the file")
        << QStringList{file, range, QStringLiteral("2000000-2000001")} << LocalIoError
        << QStringLiteral("past the end");
    QTest::newRow("START > END") << QStringList{file, range, QStringLiteral("10-9")} << UsageError
                                 << QStringLiteral("START is after END");
    QTest::newRow("not a range") << QStringList{file, range, QStringLiteral("abc")} << UsageError
                                 << QStringLiteral("--range must be START-END");
    QTest::newRow("open end") << QStringList{file, range, QStringLiteral("5-")} << UsageError
                              << QStringLiteral("--range must be START-END");
    QTest::newRow("negative") << QStringList{file, range, QStringLiteral("-5-10")} << UsageError
                              << QStringLiteral("--range must be START-END");
    QTest::newRow("three parts") << QStringList{file, range, QStringLiteral("1-2-3")} << UsageError
                                 << QStringLiteral("--range must be START-END");
    QTest::newRow("overflow") << QStringList{file, range, QStringLiteral("0-99999999999999999999")}
                              << UsageError << QStringLiteral("--range must be START-END");
    QTest::newRow("range without value")
        << QStringList{file, range} << UsageError << QStringLiteral("thaw-cli: ");
    QTest::newRow("no file") << QStringList{} << UsageError << QStringLiteral("exactly one FILE");
    QTest::newRow("two files") << QStringList{file, file} << UsageError
                               << QStringLiteral("exactly one FILE");
    QTest::newRow("bad output") << QStringList{file, QStringLiteral("--output"),
                                               QStringLiteral("yaml")}
                                << UsageError << QStringLiteral("--output must be json or text");
    QTest::newRow("unknown option") << QStringList{file, QStringLiteral("--bogus")} << UsageError
                                    << QStringLiteral("thaw-cli: ");
}

void TestTreeHashCommand::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    arguments.replaceInStrings(QStringLiteral("FILE"), fileOfSize(1024 * 1024));
    const Run run = runCli(QStringList{QStringLiteral("tree-hash")} + arguments);
    QCOMPARE(run.exitCode, exitCode);
    QCOMPARE(run.out, QByteArray());
    const QString err = QString::fromLocal8Bit(run.err);
    QVERIFY2(err.startsWith(QStringLiteral("thaw-cli: ")), qPrintable(err));
    QVERIFY2(err.contains(message), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestTreeHashCommand)
#include "tst_treehashcommand.moc"
