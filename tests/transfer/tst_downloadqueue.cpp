// DownloadQueue against thaw-emulator: downloads with their own clients (two emulators stand
// for two accounts), progress per download, pause/resume/cancel of one download while the
// others go on, a cancelled or waiting download started later from its journal, all under one
// limit of fetches in flight. Expected bytes are the test's own data.
#include "core/glacier/glacierclient.h"
#include "core/transfer/downloadengine.h"
#include "core/transfer/downloadqueue.h"
#include "transfertestsupport.h"

#include <QSignalSpy>
#include <QTest>

using namespace thaw;
using namespace thaw::transfer;

namespace {

constexpr qint64 MiB = 1048576;
constexpr qint64 ArchiveSize = 12 * MiB;

std::unique_ptr<glacier::GlacierClient> makeClient(QNetworkAccessManager *network,
                                                   const EmulatorProcess &emulator)
{
    glacier::GlacierClient::Options options;
    options.retryPolicy.baseDelay = std::chrono::milliseconds(20);
    options.retryPolicy.maxDelay = std::chrono::milliseconds(200);
    return std::make_unique<glacier::GlacierClient>(
        network, emulator.baseUrl(), EmulatorProcess::region(),
        aws::Credentials(EmulatorProcess::accessKey(), EmulatorProcess::secretKey()), options);
}

// The index of every downloadFinished() so far.
QList<int> finishedIndexes(const QSignalSpy &spy)
{
    QList<int> indexes;
    for (const QList<QVariant> &args : spy)
        indexes.append(args.at(0).toInt());
    return indexes;
}

} // namespace

class TestDownloadQueue final : public QObject
{
    Q_OBJECT

    TransferFixture m_a; // "account A"
    TransferFixture m_b; // "account B": another emulator, other data
    QNetworkAccessManager m_network;
    std::unique_ptr<glacier::GlacierClient> m_clientA;
    std::unique_ptr<glacier::GlacierClient> m_clientB;
    QString m_jobA;
    QString m_jobB;
    std::unique_ptr<QTemporaryDir> m_dir;

    DownloadOptions options(const TransferFixture &fixture, const QString &jobId,
                            const QString &name, int parallel = 2) const
    {
        DownloadOptions options;
        options.vault = fixture.vault;
        options.jobId = jobId;
        options.outputPath = m_dir->filePath(name);
        options.chunkSizeMiB = 1;
        options.parallel = parallel;
        return options;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_a.start(ArchiveSize, 7, &error), qPrintable(error));
        QVERIFY2(m_b.start(ArchiveSize, 8, &error), qPrintable(error));
        QVERIFY(m_a.data != m_b.data);
        m_clientA = makeClient(&m_network, m_a.emulator);
        m_clientB = makeClient(&m_network, m_b.emulator);
        m_jobA = m_a.newJob();
        m_jobB = m_b.newJob();
        QVERIFY(!m_jobA.isEmpty());
        QVERIFY(!m_jobB.isEmpty());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_a.control->clearFaults());
        QVERIFY(m_b.control->clearFaults());
        QVERIFY(m_a.control->resetCounters());
    }

    // Each download uses its own client (copied: the caller's may go away), with progress per
    // download, under the queue's one limit.
    void downloadsWithTheirOwnClients()
    {
        DownloadQueue queue(nullptr, 3);
        QSignalSpy progress(&queue, &DownloadQueue::progressChanged);
        QSignalSpy each(&queue, &DownloadQueue::downloadFinished);
        QSignalSpy all(&queue, &DownloadQueue::allFinished);
        {
            // Copies of the clients, destroyed at once: the queue keeps its own copies.
            const glacier::GlacierClient a = *m_clientA;
            const glacier::GlacierClient b = *m_clientB;
            QCOMPARE(queue.add(a, options(m_a, m_jobA, "a.bin", 4)), 0);
            QCOMPARE(queue.add(b, options(m_b, m_jobB, "b.bin", 4)), 1);
        }
        QVERIFY(!queue.isFinished());
        QVERIFY(all.wait(60000));
        QCOMPARE(each.size(), 2);
        QCOMPARE(all.size(), 1);
        QVERIFY(queue.isFinished());
        QVERIFY2(queue.result(0).ok(), qPrintable(queue.result(0).message));
        QVERIFY2(queue.result(1).ok(), qPrintable(queue.result(1).message));
        QVERIFY(queue.result(0).verified);
        QCOMPARE(readFile(m_dir->filePath("a.bin")), m_a.data);
        QCOMPARE(readFile(m_dir->filePath("b.bin")), m_b.data);
        QCOMPARE(queue.state(0), DownloadState::Finished);
        QCOMPARE(queue.progress(1).doneBytes, ArchiveSize);
        QVERIFY(queue.slots().peak() <= 3);
        QCOMPARE(queue.slots().used(), 0);
        // Progress was reported for both, each with its own index.
        QSet<int> reported;
        for (const QList<QVariant> &args : progress)
            reported.insert(args.at(0).toInt());
        QCOMPARE(reported, (QSet<int>{0, 1}));
        QCOMPARE(progress.last().at(1).value<DownloadProgress>().totalBytes, ArchiveSize);
    }

    // Pausing one download leaves the other running; resumed, it completes, verified.
    void pauseOneResumeLater()
    {
        QVERIFY(m_a.control->setFaults({{"bandwidth", double(1 * MiB)}}));
        DownloadQueue queue(nullptr, 4);
        QSignalSpy each(&queue, &DownloadQueue::downloadFinished);
        QSignalSpy states(&queue, &DownloadQueue::stateChanged);
        queue.add(*m_clientA, options(m_a, m_jobA, "paused.bin"));
        queue.add(*m_clientB, options(m_b, m_jobB, "other.bin"));
        QTRY_VERIFY_WITH_TIMEOUT(queue.progress(0).chunksVerified >= 1, 20000);
        QVERIFY(queue.pause(0));
        QTRY_COMPARE_WITH_TIMEOUT(queue.state(0), DownloadState::Paused, 10000);
        QVERIFY(!queue.pause(0)); // already paused
        QVERIFY(!queue.resume(1)); // running: nothing to resume
        // B finishes while A stays paused.
        QTRY_COMPARE_WITH_TIMEOUT(finishedIndexes(each), QList<int>{1}, 30000);
        QVERIFY(queue.result(1).ok());
        QCOMPARE(queue.state(0), DownloadState::Paused);
        QVERIFY(queue.isRunning(0));
        QVERIFY(!queue.isFinished());
        const int verifiedWhilePaused = queue.progress(0).chunksVerified;
        QVERIFY(m_a.control->clearFaults());
        QVERIFY(queue.resume(0));
        QTRY_COMPARE_WITH_TIMEOUT(finishedIndexes(each), (QList<int>{1, 0}), 30000);
        QVERIFY2(queue.result(0).ok(), qPrintable(queue.result(0).message));
        QVERIFY(queue.result(0).verified);
        QVERIFY(queue.result(0).chunksVerified >= verifiedWhilePaused);
        QCOMPARE(readFile(m_dir->filePath("paused.bin")), m_a.data);
        // stateChanged carried the index of the paused download.
        bool sawPaused = false;
        for (const QList<QVariant> &args : states)
            sawPaused |= args.at(0).toInt() == 0
                         && args.at(1).value<DownloadState>() == DownloadState::Paused;
        QVERIFY(sawPaused);
        QVERIFY(!queue.resume(0)); // succeeded: nothing to resume
    }

    // A cancelled download ends Interrupted with its journal; resume() starts a new engine that
    // keeps the verified chunks.
    void cancelThenRestartFromJournal()
    {
        QVERIFY(m_a.control->setFaults({{"bandwidth", double(1 * MiB)}}));
        DownloadQueue queue(nullptr, 4);
        QSignalSpy each(&queue, &DownloadQueue::downloadFinished);
        const DownloadOptions opts = options(m_a, m_jobA, "cancelled.bin");
        queue.add(*m_clientA, opts);
        QTRY_VERIFY_WITH_TIMEOUT(queue.progress(0).chunksVerified >= 2, 20000);
        QVERIFY(queue.cancel(0));
        QVERIFY(each.wait(10000));
        QCOMPARE(queue.result(0).error, DownloadError::Interrupted);
        QVERIFY(QFile::exists(DownloadEngine::journalPath(opts.outputPath)));
        QVERIFY(!queue.cancel(0)); // not running any more
        QVERIFY(m_a.control->clearFaults());
        QVERIFY(queue.resume(0));
        QVERIFY(queue.isRunning(0));
        QVERIFY(each.wait(30000));
        QCOMPARE(each.size(), 2);
        QVERIFY2(queue.result(0).ok(), qPrintable(queue.result(0).message));
        QVERIFY2(queue.result(0).bytesReused >= 2 * MiB,
                 qPrintable(QString::number(queue.result(0).bytesReused)));
        QCOMPARE(readFile(opts.outputPath), m_a.data);
        QVERIFY(!QFile::exists(DownloadEngine::journalPath(opts.outputPath)));
    }

    // Added without starting: nothing is fetched until resume(); a cancel before that ends it.
    void waitingDownloads()
    {
        DownloadQueue queue(nullptr, 2);
        QSignalSpy each(&queue, &DownloadQueue::downloadFinished);
        QSignalSpy all(&queue, &DownloadQueue::allFinished);
        queue.add(*m_clientA, options(m_a, m_jobA, "later.bin"), false);
        queue.add(*m_clientA, options(m_a, m_jobA, "never.bin"), false);
        QCOMPARE(queue.state(0), DownloadState::Queued);
        QVERIFY(queue.isRunning(0));
        QVERIFY(!queue.pause(0));
        QVERIFY(queue.cancel(1));
        QVERIFY(each.wait(5000));
        // The event loop ran meanwhile; a waiting download sent nothing.
        QCOMPARE(m_a.control->requests("DescribeJob"), 0);
        QCOMPARE(each.first().at(0).toInt(), 1);
        QCOMPARE(queue.result(1).error, DownloadError::Interrupted);
        QVERIFY(!QFile::exists(m_dir->filePath("never.bin.part")));
        QVERIFY(queue.resume(0));
        QVERIFY(all.wait(30000));
        QVERIFY2(queue.result(0).ok(), qPrintable(queue.result(0).message));
        QCOMPARE(readFile(m_dir->filePath("later.bin")), m_a.data);
    }

    // New limits reach a download from its next engine start.
    void limitsApplyAtTheNextStart()
    {
        DownloadQueue queue(nullptr, 8);
        queue.add(*m_clientA, options(m_a, m_jobA, "limits.bin", 2), false);
        queue.setLimits(0, 5, 3 * MiB);
        QCOMPARE(queue.options(0).parallel, 5);
        QCOMPARE(queue.options(0).limitRate, 3 * MiB);
        queue.setLimits(0, 0, -1); // clamped
        QCOMPARE(queue.options(0).parallel, 1);
        QCOMPARE(queue.options(0).limitRate, qint64(0));
        QVERIFY(!queue.pause(7));
        QVERIFY(!queue.resume(7));
        QVERIFY(!queue.cancel(-1));
    }
};

QTEST_GUILESS_MAIN(TestDownloadQueue)
#include "tst_downloadqueue.moc"
