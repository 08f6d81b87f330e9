// The global bandwidth limit: one token bucket (RateLimiter) shared by every download of a
// DownloadQueue, whose rate changes while the downloads run. The bucket's arithmetic is checked
// with times given by the test; the queue against thaw-emulator with the bucket's clock set by
// the test, so that the assertions count bytes, never wall-clock time.
#include "core/glacier/glacierclient.h"
#include "core/glacier/glacieroperation.h"
#include "core/transfer/downloadqueue.h"
#include "core/transfer/ratelimiter.h"
#include "transfertestsupport.h"

#include <QSignalSpy>
#include <QTest>

#include <atomic>

using namespace thaw;
using namespace thaw::transfer;

namespace {

constexpr qint64 MiB = 1048576;
constexpr qint64 KiB = 1024;
constexpr qint64 ArchiveSize = 6 * MiB;
constexpr qint64 ReadBuffer = 64 * KiB;

} // namespace

class TestBandwidthLimit final : public QObject
{
    Q_OBJECT

    TransferFixture m_fixture;
    QNetworkAccessManager m_network;
    std::unique_ptr<glacier::GlacierClient> m_client;
    QString m_job;

private Q_SLOTS:
    // A rate changed between two charges: {rate, bytes, time} before, the new rate, then one
    // more charge and the pause it is due.
    void liveRate_data()
    {
        QTest::addColumn<qint64>("rateBefore");
        QTest::addColumn<qint64>("bytesBefore");
        QTest::addColumn<qint64>("rateAfter");
        QTest::addColumn<qint64>("bytesAfter");
        QTest::addColumn<qint64>("atMs");
        QTest::addColumn<qint64>("delay");
        // 1000 B/s, 1500 B charged: 500 B owed; at 2000 B/s they are paid in 250 ms.
        QTest::newRow("raised: the debt is paid at the new rate")
            << qint64(1000) << qint64(1500) << qint64(2000) << qint64(0) << qint64(0)
            << qint64(250);
        // A full bucket of 1000 B, lowered to 100 B/s: 100 B saved at most; 200 B owe 1 s.
        QTest::newRow("lowered: savings capped at one second")
            << qint64(1000) << qint64(0) << qint64(100) << qint64(200) << qint64(0) << qint64(1000);
        QTest::newRow("lowered: refills at the new rate")
            << qint64(1000) << qint64(1000) << qint64(100) << qint64(150) << qint64(1000)
            << qint64(500);
        QTest::newRow("to unlimited: no pause, the debt forgiven")
            << qint64(1000) << qint64(5000) << qint64(0) << qint64(1000000000) << qint64(0)
            << qint64(0);
        // From unlimited: a new full bucket, as a limiter made with that rate.
        QTest::newRow("from unlimited") << qint64(0) << qint64(5000) << qint64(1000) << qint64(1500)
                                        << qint64(0) << qint64(500);
        QTest::newRow("unchanged") << qint64(1000) << qint64(1500) << qint64(1000) << qint64(0)
                                   << qint64(0) << qint64(500);
    }
    void liveRate()
    {
        QFETCH(qint64, rateBefore);
        QFETCH(qint64, bytesBefore);
        QFETCH(qint64, rateAfter);
        QFETCH(qint64, bytesAfter);
        QFETCH(qint64, atMs);
        QFETCH(qint64, delay);
        RateLimiter limiter(rateBefore);
        limiter.take(bytesBefore, 0);
        limiter.setBytesPerSecond(rateAfter);
        QCOMPARE(limiter.bytesPerSecond(), rateAfter);
        QCOMPARE(limiter.take(bytesAfter, atMs), delay);
        QCOMPARE(limiter.charged(), bytesBefore + bytesAfter);
    }

    // Two downloads' buckets chained to one shared bucket: the shared one sees the bytes of
    // both, and the longer pause wins.
    void sharedBucket_data()
    {
        QTest::addColumn<qint64>("ownRate"); // each download's own limit; 0: none
        QTest::addColumn<qint64>("sharedRate");
        QTest::addColumn<qint64>("delayA");
        QTest::addColumn<qint64>("delayB");
        // 600 B each at once: the shared 1000 B/s bucket owes 200 B after B.
        QTest::newRow("shared limit only") << qint64(0) << qint64(1000) << qint64(0) << qint64(200);
        // Each download's own 500 B/s bucket owes 100 B; the shared one 200 B after B.
        QTest::newRow("own limit lower")
            << qint64(500) << qint64(1000) << qint64(200) << qint64(200);
        QTest::newRow("own limit only") << qint64(500) << qint64(0) << qint64(200) << qint64(200);
        QTest::newRow("no limit") << qint64(0) << qint64(0) << qint64(0) << qint64(0);
    }
    void sharedBucket()
    {
        QFETCH(qint64, ownRate);
        QFETCH(qint64, sharedRate);
        QFETCH(qint64, delayA);
        QFETCH(qint64, delayB);
        RateLimiter shared(sharedRate);
        shared.setClock([] { return qint64(0); });
        RateLimiter a(ownRate, &shared);
        RateLimiter b(ownRate, &shared);
        QCOMPARE(a.take(600, 0), delayA);
        QCOMPARE(b.take(600, 0), delayB);
        QCOMPARE(shared.charged(), qint64(1200));
    }

    // What a paused reader asks when a step of its pause ends (pauseLeft()): the pause still
    // owed for 1500 B charged at 1000 B/s at time 0, after the rate changed to newRate, at atMs.
    // It charges nothing.
    void pauseLeft_data()
    {
        QTest::addColumn<qint64>("newRate"); // 0: unlimited
        QTest::addColumn<qint64>("atMs");
        QTest::addColumn<qint64>("pause");
        QTest::newRow("unchanged: 500 B owed") << qint64(1000) << qint64(0) << qint64(500);
        QTest::newRow("unchanged, partly paid") << qint64(1000) << qint64(200) << qint64(300);
        QTest::newRow("unchanged, paid") << qint64(1000) << qint64(500) << qint64(0);
        QTest::newRow("raised: paid at the new rate") << qint64(2000) << qint64(0) << qint64(250);
        QTest::newRow("raised, partly paid") << qint64(2000) << qint64(100) << qint64(150);
        QTest::newRow("lifted: forgiven") << qint64(0) << qint64(0) << qint64(0);
        QTest::newRow("lowered: longer") << qint64(100) << qint64(0) << qint64(5000);
    }
    void pauseLeft()
    {
        QFETCH(qint64, newRate);
        QFETCH(qint64, atMs);
        QFETCH(qint64, pause);
        RateLimiter limiter(1000);
        QCOMPARE(limiter.take(1500, 0), qint64(500));
        limiter.setBytesPerSecond(newRate);
        QCOMPARE(limiter.pauseLeft(atMs), pause);
        QCOMPARE(limiter.pauseLeft(atMs), pause); // asking again changes nothing
        QCOMPARE(limiter.charged(), qint64(1500));
    }

    // A download's own bucket answers for the shared one too: the global limit lifted reaches
    // a stream paused by it.
    void pauseLeftAsksTheSharedBucket()
    {
        RateLimiter shared(1000);
        shared.setClock([] { return qint64(0); });
        RateLimiter own(0, &shared);
        QCOMPARE(own.take(1500, 0), qint64(500));
        QCOMPARE(own.pauseLeft(0), qint64(500));
        shared.setBytesPerSecond(0);
        QCOMPARE(own.pauseLeft(0), qint64(0));
    }

    void initTestCase()
    {
        QString error;
        QVERIFY2(m_fixture.start(ArchiveSize, 11, &error), qPrintable(error));
        glacier::GlacierClient::Options options;
        options.retryPolicy.baseDelay = std::chrono::milliseconds(20);
        options.retryPolicy.maxDelay = std::chrono::milliseconds(200);
        // A small read buffer: a stream told to pause holds at most this much unread.
        options.readBufferSize = ReadBuffer;
        m_client = std::make_unique<glacier::GlacierClient>(
            &m_network, m_fixture.emulator.baseUrl(), EmulatorProcess::region(),
            aws::Credentials(EmulatorProcess::accessKey(), EmulatorProcess::secretKey()), options);
        m_job = m_fixture.newJob();
        QVERIFY(!m_job.isEmpty());
    }

    // Two downloads under one limit with the bucket's clock frozen: after one second's burst
    // the bucket never refills, so both are held far from their end, and whatever they read
    // went through the one bucket. Lifting the limit while they wait (or raising it, with the
    // clock moved on by a second at the new rate) lets both finish, verified, and the bucket
    // has seen every byte of both.
    void twoDownloadsShareOneLiveLimit_data()
    {
        QTest::addColumn<qint64>("newRate"); // 0: unlimited
        QTest::addColumn<qint64>("advanceMs");
        QTest::newRow("lifted") << qint64(0) << qint64(0);
        QTest::newRow("raised") << qint64(1024 * MiB) << qint64(1000);
    }
    void twoDownloadsShareOneLiveLimit()
    {
        QFETCH(qint64, newRate);
        QFETCH(qint64, advanceMs);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        constexpr qint64 Rate = 256 * KiB;
        DownloadQueue queue(m_client.get(), 8);
        std::atomic<qint64> nowMs = 0;
        queue.bandwidth().setClock([&nowMs] { return nowMs.load(); });
        queue.setBandwidthLimit(Rate);
        QCOMPARE(queue.bandwidthLimit(), Rate);
        QSignalSpy all(&queue, &DownloadQueue::allFinished);
        const auto options = [&](const QString &name) {
            DownloadOptions o;
            o.vault = m_fixture.vault;
            o.jobId = m_job;
            o.outputPath = dir.filePath(name);
            o.chunkSizeMiB = 1;
            o.parallel = 2;
            return o;
        };
        QCOMPARE(queue.add(options("a.bin")), 0);
        QCOMPARE(queue.add(options("b.bin")), 1);
        QCOMPARE(queue.options(0).sharedLimiter, &queue.bandwidth());

        // Both receive, through the one bucket, until its burst is spent.
        QTRY_VERIFY_WITH_TIMEOUT(queue.bandwidth().charged() >= Rate
                                     && queue.progress(0).doneBytes > 0
                                     && queue.progress(1).doneBytes > 0,
                                 30000);
        // Held: a stream reads (at most its read buffer) only while the bucket is not in debt,
        // and a paused one asks the bucket again after each step of its pause, which with no
        // refill still owes: the bucket lets through its burst and at most one buffer per
        // stream (a stream that had not read yet may still take its one), far from the 12 MiB
        // of both downloads, and no more over later steps (the debt does not grow).
        constexpr int Streams = 4; // two downloads, two GETs each
        constexpr qint64 Bound = Rate + Streams * ReadBuffer;
        const qint64 held = queue.bandwidth().charged();
        QVERIFY2(held <= Bound, qPrintable(QString::number(held)));
        QVERIFY(!queue.isFinished());
        QTest::qWait(int(2 * glacier::GlacierOperation::MaxReadPauseStep.count() + 200));
        const qint64 later = queue.bandwidth().charged();
        QVERIFY2(later <= Bound, qPrintable(QString::number(later)));
        QCOMPARE(all.size(), 0);

        // A new rate reaches the running downloads within a pause step: both complete.
        queue.setBandwidthLimit(newRate);
        nowMs += advanceMs;
        QVERIFY(all.wait(60000));
        for (int i = 0; i < 2; ++i) {
            QVERIFY2(queue.result(i).ok(), qPrintable(queue.result(i).message));
            QVERIFY(queue.result(i).verified);
        }
        QCOMPARE(readFile(dir.filePath("a.bin")), m_fixture.data);
        QCOMPARE(readFile(dir.filePath("b.bin")), m_fixture.data);
        QCOMPARE(queue.bandwidth().charged(),
                 queue.result(0).bytesDownloaded + queue.result(1).bytesDownloaded);
    }

    // The global limit of fetches in flight changes for running downloads too.
    void globalParallelIsLive()
    {
        DownloadQueue queue(m_client.get(), 2);
        QCOMPARE(queue.slots().limit(), 2);
        QSignalSpy released(&queue.slots(), &FetchSlots::released);
        queue.setGlobalParallel(5);
        QCOMPARE(queue.slots().limit(), 5);
        QCOMPARE(released.size(), 1); // waiting engines try again at once
        queue.setGlobalParallel(0);
        QCOMPARE(queue.slots().limit(), 1);
        QCOMPARE(released.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestBandwidthLimit)
#include "tst_bandwidthlimit.moc"
