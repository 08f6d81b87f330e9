// thaw-cli download as a process against thaw-emulator: the summary and exit codes, SIGINT
// (clean stop, resume), and SIGKILL at seeded random moments followed by a rerun that must give
// a bit-identical file while fetching again at most one chunk per parallel stream.
#include "core/transfer/downloadjournal.h"
#include "transfertestsupport.h"

#include <QRandomGenerator>
#include <QTest>

#include <csignal>

using namespace thaw::transfer;

namespace {

constexpr qint64 MiB = 1048576;
constexpr qint64 ArchiveSize = 24 * MiB;
constexpr int Parallel = 4;

} // namespace

class TestCliDownload final : public QObject
{
    Q_OBJECT

    TransferFixture m_fixture;
    QString m_jobId;
    std::unique_ptr<QTemporaryDir> m_dir;
    int m_resumedKills = 0; // killAndResume rows whose rerun reused chunks

    QStringList arguments(const QString &out, const QString &jobId = {}) const
    {
        return {"download",
                "--vault-name",
                m_fixture.vault,
                "--job-id",
                jobId.isEmpty() ? m_jobId : jobId,
                "--out",
                out,
                "--chunk-size",
                "1",
                "--parallel",
                QString::number(Parallel)};
    }

    // thaw-cli download started as a process, to be signalled.
    std::unique_ptr<QProcess> startCli(const QStringList &arguments) const
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(m_fixture.cli->environment());
        process->start(QStringLiteral(THAW_CLI_PATH),
                       arguments + QStringList{"--endpoint-url", m_fixture.cli->endpoint()});
        return process;
    }

    static int journalChunks(const QString &out)
    {
        QString error;
        const std::optional<DownloadJournal> journal
            = DownloadJournal::load(out + ".part.journal", &error);
        return journal ? int(journal->chunks.size()) : 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_fixture.start(ArchiveSize, 7, &error), qPrintable(error));
        m_jobId = m_fixture.newJob();
        QVERIFY(!m_jobId.isEmpty());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_fixture.control->clearFaults());
        QVERIFY(m_fixture.control->resetCounters());
    }

    void summary()
    {
        const QString out = m_dir->filePath("a.bin");
        const CliRun run = m_fixture.cli->run(arguments(out));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.err.isEmpty(), run.describe()); // no progress line: stderr is no terminal
        const QJsonObject json = run.json();
        QCOMPARE(json.value("Size").toInteger(), ArchiveSize);
        QCOMPARE(json.value("SHA256TreeHash").toString(), treeHashHex(m_fixture.data));
        QCOMPARE(json.value("Verified").toBool(), true);
        QCOMPARE(json.value("VerifiedBy").toString(), QString("job-hash"));
        QCOMPARE(json.value("BytesDownloaded").toInteger(), ArchiveSize);
        QCOMPARE(json.value("BytesReused").toInteger(), qint64(0));
        QCOMPARE(json.value("ChunkSizeMiB").toInteger(), qint64(1));
        QCOMPARE(json.value("Chunks").toInteger(), qint64(24));
        QCOMPARE(json.value("Path").toString(), out);
        QCOMPARE(readFile(out), m_fixture.data);
        // Again: the file exists now.
        const CliRun again = m_fixture.cli->run(arguments(out));
        QVERIFY2(again.exitCode == 3, again.describe());
        QVERIFY2(again.err.contains("already exists"), again.describe());
        QVERIFY(again.out.isEmpty());
    }

    void usage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no --out") << QStringList{"download", "--vault-name", "v", "--job-id", "j"};
        QTest::newRow("chunk size not a power of two") << QStringList{
            "download", "--vault-name", "v", "--job-id", "j", "--out", "f", "--chunk-size", "3"};
        QTest::newRow("parallel 0") << QStringList{
            "download", "--vault-name", "v", "--job-id", "j", "--out", "f", "--parallel", "0"};
        QTest::newRow("bad rate") << QStringList{
            "download", "--vault-name", "v", "--job-id", "j", "--out", "f", "--limit-rate", "fast"};
        QTest::newRow("positional")
            << QStringList{"download", "--vault-name", "v", "--job-id", "j", "--out", "f", "extra"};
    }
    void usage()
    {
        QFETCH(QStringList, arguments);
        const CliRun run = m_fixture.cli->run(arguments);
        QVERIFY2(run.exitCode == 2, run.describe());
    }

    void errors_data()
    {
        QTest::addColumn<QString>("jobId");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown job") << "nope" << 4 << "ResourceNotFoundException";
    }
    void errors()
    {
        QFETCH(QString, jobId);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const CliRun run = m_fixture.cli->run(arguments(m_dir->filePath("e.bin"), jobId));
        QVERIFY2(run.exitCode == exitCode, run.describe());
        QVERIFY2(run.err.contains(message.toUtf8()), run.describe());
    }

    // No checksum anywhere (a range that is not tree-hash aligned): nothing is claimed.
    void notVerified()
    {
        const QString jobId = m_fixture.newJob(QString("%1-%2").arg(MiB).arg(4 * MiB - 1));
        QVERIFY(!jobId.isEmpty());
        const QString out = m_dir->filePath("u.bin");
        const CliRun run = m_fixture.cli->run(arguments(out, jobId));
        QVERIFY2(run.exitCode == 5, run.describe());
        QCOMPARE(run.json().value("Verified").toBool(true), false);
        QCOMPARE(run.json().value("VerifiedBy").toString(), QString("none"));
        QVERIFY2(run.err.contains("not verified by the server"), run.describe());
        QVERIFY(!QFileInfo::exists(out));
        QCOMPARE(readFile(out + ".part"), m_fixture.data.mid(MiB, 3 * MiB));
    }

    void interruptAndResume_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
    }
    void interruptAndResume()
    {
        QFETCH(int, signal);
        QVERIFY(m_fixture.control->setFaults({{"bandwidth", double(2 * MiB)}}));
        const QString out = m_dir->filePath("i.bin");
        const std::unique_ptr<QProcess> process = startCli(arguments(out));
        QTRY_VERIFY_WITH_TIMEOUT(journalChunks(out) >= 2, 20000);
        ::kill(pid_t(process->processId()), signal);
        QVERIFY(process->waitForFinished(10000));
        const QByteArray err = process->readAllStandardError();
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QVERIFY2(process->exitCode() == 6, err.constData());
        QVERIFY2(err.contains("run the same command again to resume"), err.constData());
        const int kept = journalChunks(out);
        QVERIFY(kept >= 2);
        QVERIFY(m_fixture.control->clearFaults());
        const CliRun run = m_fixture.cli->run(arguments(out));
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(run.json().value("BytesReused").toInteger(), kept * MiB);
        QCOMPARE(readFile(out), m_fixture.data);
    }

    // SIGKILL at a seeded moment, then the same command again.
    void killAndResume_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 1; seed <= 20; ++seed)
            QTest::addRow("seed %u", seed) << seed;
    }
    void killAndResume()
    {
        QFETCH(quint32, seed);
        // 3 MiB/s per response, 4 at once: a whole run takes about two seconds.
        QVERIFY(m_fixture.control->setFaults({{"bandwidth", double(3 * MiB)}}));
        const QString out = m_dir->filePath("k.bin");
        const std::unique_ptr<QProcess> process = startCli(arguments(out));
        QVERIFY(process->waitForStarted(5000));
        const int delayMs = int(QRandomGenerator(seed).bounded(100, 1800));
        if (!process->waitForFinished(delayMs)) { // a bounded wait, not a sleep loop
            ::kill(pid_t(process->processId()), SIGKILL);
            QVERIFY(process->waitForFinished(5000));
            QCOMPARE(process->exitStatus(), QProcess::CrashExit);
        }
        QVERIFY(m_fixture.control->clearFaults());
        const CliRun run = m_fixture.cli->run(arguments(out));
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(readFile(out), m_fixture.data);
        QVERIFY(!QFileInfo::exists(out + ".part"));
        QVERIFY(!QFileInfo::exists(out + ".part.journal"));
        // Lost at most what was in flight: one chunk per stream.
        const qint64 fetched = m_fixture.control->outputBytes();
        QVERIFY2(fetched <= ArchiveSize + Parallel * MiB,
                 qPrintable(QString("fetched %1 bytes, delay %2 ms, reused %3")
                                .arg(fetched)
                                .arg(delayMs)
                                .arg(run.json().value("BytesReused").toInteger())));
        QCOMPARE(run.json().value("BytesDownloaded").toInteger()
                     + run.json().value("BytesReused").toInteger(),
                 ArchiveSize);
        if (run.json().value("BytesReused").toInteger() > 0)
            ++m_resumedKills;
    }

    // The kills above must mostly land mid-download, or they prove nothing.
    void killsLandedMidDownload()
    {
        QVERIFY2(m_resumedKills >= 10, qPrintable(QString::number(m_resumedKills)));
    }
};

QTEST_GUILESS_MAIN(TestCliDownload)
#include "tst_clidownload.moc"
