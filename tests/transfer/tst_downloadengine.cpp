// DownloadEngine in-process against thaw-emulator: every fault the emulator injects, resume
// after an interruption and after tampering, an expired job, a full disk, an existing file.
// Expected bytes come from the test's own data and core/crypto's TreeHasher, and the bytes
// fetched from the emulator's counters.
#include "core/glacier/glacierclient.h"
#include "core/transfer/downloadengine.h"
#include "core/transfer/downloadqueue.h"
#include "transfertestsupport.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace thaw;
using namespace thaw::transfer;

namespace {

constexpr qint64 MiB = 1048576;
constexpr qint64 ArchiveSize = 24 * MiB;

} // namespace

class TestDownloadEngine final : public QObject
{
    Q_OBJECT

    TransferFixture m_fixture;
    QNetworkAccessManager m_network;
    std::unique_ptr<glacier::GlacierClient> m_client;
    QString m_jobId;
    std::unique_ptr<QTemporaryDir> m_dir;

    DownloadOptions options(const QString &name, int parallel = 4) const
    {
        DownloadOptions options;
        options.vault = m_fixture.vault;
        options.jobId = m_jobId;
        options.outputPath = m_dir->filePath(name);
        options.chunkSizeMiB = 1;
        options.parallel = parallel;
        return options;
    }

    // Runs a download to its end; `during` may act on the engine while it runs.
    DownloadResult download(const DownloadOptions &options,
                            const std::function<void(DownloadEngine &)> &during = {})
    {
        DownloadEngine engine(m_client.get(), options);
        QSignalSpy finished(&engine, &DownloadEngine::finished);
        engine.start();
        if (during)
            during(engine);
        if (!engine.isFinished() || finished.isEmpty())
            finished.wait(60000);
        // The finished signal is queued after the result is set.
        if (finished.isEmpty())
            finished.wait(1000);
        return engine.result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_fixture.start(ArchiveSize, 42, &error), qPrintable(error));
        glacier::GlacierClient::Options clientOptions;
        clientOptions.retryPolicy.baseDelay = std::chrono::milliseconds(20);
        clientOptions.retryPolicy.maxDelay = std::chrono::milliseconds(200);
        clientOptions.transferTimeout = std::chrono::milliseconds(2000); // for the stall fault
        m_client = std::make_unique<glacier::GlacierClient>(
            &m_network, m_fixture.emulator.baseUrl(), EmulatorProcess::region(),
            aws::Credentials(EmulatorProcess::accessKey(), EmulatorProcess::secretKey()),
            clientOptions);
        m_jobId = m_fixture.newJob();
        QVERIFY(!m_jobId.isEmpty());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_fixture.control->clearFaults());
        QVERIFY(m_fixture.control->resetCounters());
    }

    // Each fault must still give the exact file, fetching again only what failed.
    void faults_data()
    {
        QTest::addColumn<QJsonObject>("faults");
        QTest::addColumn<int>("parallel");
        QTest::addColumn<qint64>("extraBytes"); // exact bytes fetched beyond the size; -1: any
        QTest::addColumn<int>("extraRequests"); // GetJobOutput beyond one per chunk; -1: any
        // After a connection closed mid-body, Qt may send the same GET once more by itself
        // before reporting the failure: the server then serves one chunk (and request) more.
        QTest::addColumn<bool>("qtMayResend");
        QTest::newRow("none") << QJsonObject{} << 4 << qint64(0) << 0 << false;
        QTest::newRow("ignoreRange always")
            << QJsonObject{{"ignoreRange", -1}} << 4 << qint64(-1) << -1 << false;
        QTest::newRow("ignoreRange once")
            << QJsonObject{{"ignoreRange", 1}} << 4 << qint64(-1) << -1 << false;
        // The emulator corrupts the first response that holds the byte: that chunk alone comes
        // again, whatever the number of streams.
        QTest::newRow("corrupt byte")
            << QJsonObject{{"corruptOffset", 1000}} << 1 << MiB << 1 << false;
        QTest::newRow("corrupt byte, 4 streams")
            << QJsonObject{{"corruptOffset", double(7 * MiB + 5)}} << 4 << MiB << 1 << false;
        QTest::newRow("reset mid-chunk")
            << QJsonObject{{"resetAfterBytes", 300000}, {"resetCount", 1}} << 1 << qint64(300000)
            << 1 << true;
        QTest::newRow("503") << QJsonObject{{"unavailable", 3},
                                            {"unavailableStatus", 503},
                                            {"errorOperations", QJsonArray{"GetJobOutput"}}}
                             << 4 << qint64(0) << 3 << false;
        QTest::newRow("throttled")
            << QJsonObject{{"throttle", 3}, {"errorOperations", QJsonArray{"GetJobOutput"}}} << 4
            << qint64(0) << 3 << false;
        QTest::newRow("stall after headers")
            << QJsonObject{{"stallAfterHeaders", 1}} << 1 << qint64(0) << 1 << false;
    }
    void faults()
    {
        QFETCH(QJsonObject, faults);
        QFETCH(int, parallel);
        QFETCH(qint64, extraBytes);
        QFETCH(int, extraRequests);
        QFETCH(bool, qtMayResend);
        QVERIFY(m_fixture.control->setFaults(faults));
        const DownloadOptions options = this->options("out.bin", parallel);
        const DownloadResult result = download(options);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QVERIFY(result.verified);
        QCOMPARE(result.verifiedBy, VerifiedBy::JobHash);
        QCOMPARE(result.treeHash, treeHashHex(m_fixture.data));
        QCOMPARE(readFile(options.outputPath), m_fixture.data);
        QVERIFY(!QFileInfo::exists(DownloadEngine::partPath(options.outputPath)));
        QVERIFY(!QFileInfo::exists(DownloadEngine::journalPath(options.outputPath)));
        const qint64 fetched = m_fixture.control->outputBytes();
        if (extraBytes >= 0 && qtMayResend) {
            QVERIFY2(fetched >= ArchiveSize + extraBytes
                         && fetched <= ArchiveSize + extraBytes + MiB,
                     qPrintable(QString::number(fetched)));
        } else if (extraBytes >= 0) {
            QCOMPARE(fetched, ArchiveSize + extraBytes);
        }
        if (extraRequests >= 0) {
            const int requests = m_fixture.control->requests("GetJobOutput");
            QVERIFY2(requests == 24 + extraRequests
                         || (qtMayResend && requests == 24 + extraRequests + 1),
                     qPrintable(QString::number(requests)));
        }
    }

    // A chunk that never verifies stops the download with what was kept.
    void persistentCorruption()
    {
        // Every answer for chunk 5, which holds the byte, is corrupted.
        QVERIFY(m_fixture.control->setFaults(
            {{"corruptOffset", double(5 * MiB + 17)}, {"corruptCount", 100}}));
        DownloadOptions options = this->options("bad.bin", 1);
        const DownloadResult result = download(options);
        QCOMPARE(result.error, DownloadError::Verification);
        QVERIFY2(result.message.contains("chunk 5 (bytes 5242880-6291455) failed 4 times"),
                 qPrintable(result.message));
        QVERIFY2(result.message.contains("5 of 24 chunks"), qPrintable(result.message));
        QVERIFY(!QFileInfo::exists(options.outputPath));
        QString error;
        const std::optional<DownloadJournal> journal
            = DownloadJournal::load(DownloadEngine::journalPath(options.outputPath), &error);
        QVERIFY2(journal, qPrintable(error));
        QCOMPARE(journal->chunks.size(), std::size_t(5));
        // Once the server behaves, the same download finishes from there.
        QVERIFY(m_fixture.control->clearFaults());
        QVERIFY(m_fixture.control->resetCounters());
        const DownloadResult again = download(options);
        QVERIFY2(again.ok(), qPrintable(again.message));
        QCOMPARE(again.bytesReused, 5 * MiB);
        QCOMPARE(m_fixture.control->outputBytes(), ArchiveSize - 5 * MiB);
        QCOMPARE(readFile(options.outputPath), m_fixture.data);
    }

    void resumeAfterCancel_data()
    {
        QTest::addColumn<bool>("tamper");
        QTest::newRow("untouched") << false;
        QTest::newRow("a kept chunk damaged") << true;
    }
    void resumeAfterCancel()
    {
        QFETCH(bool, tamper);
        QVERIFY(m_fixture.control->setFaults({{"bandwidth", double(4 * MiB)}}));
        const DownloadOptions options = this->options("resume.bin", 2);
        const DownloadResult first = download(options, [](DownloadEngine &engine) {
            QTRY_VERIFY_WITH_TIMEOUT(engine.progress().chunksVerified >= 4, 20000);
            engine.cancel();
        });
        QCOMPARE(first.error, DownloadError::Interrupted);
        QVERIFY2(first.message.contains("are verified and kept in"), qPrintable(first.message));
        const int kept = first.chunksVerified;
        QVERIFY(kept >= 4);
        const QString part = DownloadEngine::partPath(options.outputPath);
        if (tamper) {
            QFile file(part);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.seek(10));
            QVERIFY(file.write("XXXX") == 4); // chunk 0 is always among the first verified
        }
        QVERIFY(m_fixture.control->clearFaults());
        QVERIFY(m_fixture.control->resetCounters());
        const DownloadResult second = download(options);
        QVERIFY2(second.ok(), qPrintable(second.message));
        QCOMPARE(second.bytesReused, (kept - (tamper ? 1 : 0)) * MiB);
        QCOMPARE(m_fixture.control->outputBytes(), ArchiveSize - second.bytesReused);
        QCOMPARE(readFile(options.outputPath), m_fixture.data);
    }

    // pause() aborts the fetches in flight and asks for nothing more; resume() goes on in the
    // same engine without a new Describe Job, re-hashing the kept chunks when the .part changed.
    void pauseAndResume_data()
    {
        QTest::addColumn<bool>("tamper");
        QTest::newRow("untouched") << false;
        QTest::newRow("a kept chunk damaged while paused") << true;
    }
    void pauseAndResume()
    {
        QFETCH(bool, tamper);
        QVERIFY(m_fixture.control->setFaults({{"bandwidth", double(4 * MiB)}}));
        constexpr int Parallel = 2;
        const DownloadOptions options = this->options("paused.bin", Parallel);
        DownloadEngine engine(m_client.get(), options);
        QSignalSpy states(&engine, &DownloadEngine::stateChanged);
        QSignalSpy finished(&engine, &DownloadEngine::finished);
        bool paused = false;
        connect(&engine, &DownloadEngine::progressChanged, this,
                [&](const DownloadProgress &progress) {
                    if (!paused && progress.chunksVerified >= 1)
                        paused = engine.pause();
                });
        engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(paused, 20000);
        QCOMPARE(engine.state(), DownloadState::Paused);
        QVERIFY(!engine.pause());
        // The aborted fetches end; from then on no Get Job Output is asked for.
        QTRY_COMPARE_WITH_TIMEOUT(engine.progress().chunksActive, 0, 5000);
        const int verifiedAtPause = engine.progress().chunksVerified;
        QVERIFY(verifiedAtPause >= 1 && verifiedAtPause < 24);
        const int requestsAtPause = m_fixture.control->requests("GetJobOutput");
        const int describesAtPause = m_fixture.control->requests("DescribeJob");
        int requestsSeen = requestsAtPause;
        QElapsedTimer quiet;
        quiet.start();
        const auto quietFor = [&](qint64 ms) {
            requestsSeen = qMax(requestsSeen, m_fixture.control->requests("GetJobOutput"));
            return quiet.elapsed() >= ms;
        };
        QTRY_VERIFY_WITH_TIMEOUT(quietFor(1000), 5000);
        QCOMPARE(requestsSeen, requestsAtPause);
        QVERIFY(finished.isEmpty());
        QString error;
        const std::optional<DownloadJournal> journal
            = DownloadJournal::load(DownloadEngine::journalPath(options.outputPath), &error);
        QVERIFY2(journal, qPrintable(error));
        QCOMPARE(int(journal->chunks.size()), verifiedAtPause);
        if (tamper) {
            QFile file(DownloadEngine::partPath(options.outputPath));
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.seek(10));
            QVERIFY(file.write("XXXX") == 4); // chunk 0 is always among the first verified
        }

        QVERIFY(engine.resume());
        QCOMPARE(engine.state(), DownloadState::Downloading);
        QVERIFY(finished.wait(60000));
        const DownloadResult result = engine.result();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(readFile(options.outputPath), m_fixture.data);
        QVERIFY(!QFileInfo::exists(DownloadEngine::journalPath(options.outputPath)));
        QCOMPARE(m_fixture.control->requests("DescribeJob"), describesAtPause);
        // Refetched: at most the partial bodies the pause dropped (and the damaged chunk).
        const qint64 refetched = m_fixture.control->outputBytes() - ArchiveSize;
        QVERIFY2(refetched >= 0 && refetched <= Parallel * MiB + (tamper ? MiB : 0),
                 qPrintable(QString::number(refetched)));
        QList<DownloadState> seen;
        for (const QList<QVariant> &arguments : states)
            seen.append(arguments.first().value<DownloadState>());
        const QList<DownloadState> expected{DownloadState::Preparing, DownloadState::Downloading,
                                            DownloadState::Paused,    DownloadState::Downloading,
                                            DownloadState::Verifying, DownloadState::Finished};
        QCOMPARE(seen, expected);
        QCOMPARE(engine.state(), DownloadState::Finished);
    }

    // Paused before Describe Job answers: it prepares, fetches nothing until resumed.
    void pauseWhilePreparing()
    {
        const DownloadOptions options = this->options("early-pause.bin");
        DownloadEngine engine(m_client.get(), options);
        QSignalSpy finished(&engine, &DownloadEngine::finished);
        QVERIFY(!engine.pause()); // not started
        engine.start();
        QVERIFY(engine.pause());
        QCOMPARE(engine.state(), DownloadState::Paused);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(DownloadEngine::journalPath(options.outputPath)),
                                 5000);
        QCOMPARE(m_fixture.control->requests("GetJobOutput"), 0);
        QVERIFY(engine.resume());
        QVERIFY(finished.wait(60000));
        QVERIFY2(engine.result().ok(), qPrintable(engine.result().message));
        QCOMPARE(readFile(options.outputPath), m_fixture.data);
        QCOMPARE(m_fixture.control->outputBytes(), ArchiveSize);
    }

    // Cancelled before Describe Job answers: nothing is created.
    void cancelBeforeStart()
    {
        const DownloadOptions options = this->options("early.bin");
        const DownloadResult result
            = download(options, [](DownloadEngine &engine) { engine.cancel(); });
        QCOMPARE(result.error, DownloadError::Interrupted);
        QVERIFY(!QFileInfo::exists(DownloadEngine::partPath(options.outputPath)));
        QVERIFY(!QFileInfo::exists(DownloadEngine::journalPath(options.outputPath)));
        QCOMPARE(m_fixture.control->requests("GetJobOutput"), 0);
    }

    void notEnoughSpace()
    {
        DownloadOptions options = this->options("full.bin");
        options.freeSpace = [](const QString &) {
            return std::optional<qint64>(ArchiveSize - 1);
        };
        const DownloadResult result = download(options);
        QCOMPARE(result.error, DownloadError::LocalIo);
        QVERIFY2(result.message.contains("not enough free space"), qPrintable(result.message));
        QCOMPARE(m_fixture.control->requests("GetJobOutput"), 0);
        QVERIFY(!QFileInfo::exists(DownloadEngine::partPath(options.outputPath)));
        options.freeSpace = [](const QString &) {
            return std::optional<qint64>(ArchiveSize);
        };
        QVERIFY(download(options).ok());
    }

    void destinationExists_data()
    {
        QTest::addColumn<bool>("overwrite");
        QTest::newRow("refused") << false;
        QTest::newRow("--overwrite") << true;
    }
    void destinationExists()
    {
        QFETCH(bool, overwrite);
        DownloadOptions options = this->options("exists.bin");
        options.overwrite = overwrite;
        QVERIFY(writeFile(options.outputPath, "precious"));
        const DownloadResult result = download(options);
        if (!overwrite) {
            QCOMPARE(result.error, DownloadError::LocalIo);
            QVERIFY2(result.message.contains("already exists"), qPrintable(result.message));
            QCOMPARE(readFile(options.outputPath), QByteArray("precious"));
            QCOMPARE(m_fixture.control->requests("GetJobOutput"), 0);
        } else {
            QVERIFY2(result.ok(), qPrintable(result.message));
            QCOMPARE(readFile(options.outputPath), m_fixture.data);
        }
    }

    void foreignJournal_data()
    {
        QTest::addColumn<bool>("overwrite");
        QTest::newRow("refused") << false;
        QTest::newRow("--overwrite starts over") << true;
    }
    void foreignJournal()
    {
        QFETCH(bool, overwrite);
        DownloadOptions options = this->options("foreign.bin");
        options.overwrite = overwrite;
        DownloadJournal other;
        other.vault = m_fixture.vault;
        other.jobId = "another-job";
        other.size = 5;
        other.chunkSizeMiB = 1;
        QString error;
        QVERIFY(other.save(DownloadEngine::journalPath(options.outputPath), &error));
        QVERIFY(writeFile(DownloadEngine::partPath(options.outputPath), "12345"));
        const DownloadResult result = download(options);
        if (!overwrite) {
            QCOMPARE(result.error, DownloadError::LocalIo);
            QVERIFY2(result.message.contains("belongs to another download"),
                     qPrintable(result.message));
            QCOMPARE(readFile(DownloadEngine::partPath(options.outputPath)), QByteArray("12345"));
        } else {
            QVERIFY2(result.ok(), qPrintable(result.message));
            QCOMPARE(result.bytesReused, qint64(0));
            QCOMPARE(readFile(options.outputPath), m_fixture.data);
        }
    }

    // A ranged job's output is the range, verified on its own when tree-hash aligned; when it
    // is not, no checksum exists and the bytes stay in the .part, said to be unverified.
    void rangedJob_data()
    {
        QTest::addColumn<qint64>("first");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<bool>("verified");
        QTest::newRow("aligned") << 8 * MiB << 8 * MiB << true;
        QTest::newRow("not aligned: no checksum") << 2 * MiB << 8 * MiB << false;
    }
    void rangedJob()
    {
        QFETCH(qint64, first);
        QFETCH(qint64, size);
        QFETCH(bool, verified);
        const QString jobId = m_fixture.newJob(QString("%1-%2").arg(first).arg(first + size - 1));
        QVERIFY(!jobId.isEmpty());
        DownloadOptions options = this->options("range.bin");
        options.jobId = jobId;
        const DownloadResult result = download(options);
        const QByteArray expected = m_fixture.data.mid(first, size);
        QCOMPARE(result.size, size);
        QVERIFY(result.complete);
        QCOMPARE(result.treeHash, treeHashHex(expected));
        QCOMPARE(result.verified, verified);
        if (verified) {
            QVERIFY2(result.ok(), qPrintable(result.message));
            QCOMPARE(result.verifiedBy, VerifiedBy::JobHash);
            QCOMPARE(readFile(options.outputPath), expected);
        } else {
            QCOMPARE(result.error, DownloadError::Verification);
            QCOMPARE(result.verifiedBy, VerifiedBy::None);
            QVERIFY2(result.message.contains("not verified by the server"),
                     qPrintable(result.message));
            QVERIFY(!QFileInfo::exists(options.outputPath));
            QCOMPARE(readFile(DownloadEngine::partPath(options.outputPath)), expected);
        }
    }

    void bandwidthLimit()
    {
        DownloadOptions options = this->options("slow.bin");
        options.limitRate = 16 * MiB;
        QElapsedTimer timer;
        timer.start();
        const DownloadResult result = download(options);
        QVERIFY2(result.ok(), qPrintable(result.message));
        // 24 MiB at 16 MiB/s with one second of burst: at least half a second.
        QVERIFY2(timer.elapsed() >= 450, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(readFile(options.outputPath), m_fixture.data);
    }

    // The limit pauses reading without blocking the thread: the average stays within 20 % of
    // it, and a cancel ends a limited download at once.
    void bandwidthLimitRate()
    {
        DownloadOptions options = this->options("rate.bin");
        options.limitRate = 4 * MiB;
        QElapsedTimer timer;
        timer.start();
        const DownloadResult result = download(options);
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(readFile(options.outputPath), m_fixture.data);
        // One second's worth of burst, then 4 MiB/s: (24 - 4) / 4 = 5 seconds.
        const qint64 expected = (ArchiveSize - options.limitRate) * 1000 / options.limitRate;
        // The limit is never exceeded; the upper bound only leaves room for a loaded CI machine.
        QVERIFY2(elapsed >= expected * 8 / 10 && elapsed <= expected * 2,
                 qPrintable(QString("%1 ms, expected %2 ms").arg(elapsed).arg(expected)));
    }
    void cancelWhileLimited()
    {
        DownloadOptions options = this->options("limited-cancel.bin");
        options.limitRate = MiB; // 23 seconds for the whole
        DownloadEngine engine(m_client.get(), options);
        QSignalSpy finished(&engine, &DownloadEngine::finished);
        // The event loop keeps turning: a 20 ms timer is never held up long by a pause in reading.
        QElapsedTimer timer;
        timer.start();
        qint64 lastTick = 0;
        qint64 longestGap = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] {
            longestGap = qMax(longestGap, timer.elapsed() - lastTick);
            lastTick = timer.elapsed();
        });
        ticker.start(20);
        engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(engine.progress().chunksVerified >= 3, 20000);
        ticker.stop();
        QVERIFY2(longestGap < 1000, qPrintable(QString::number(longestGap)));
        timer.restart();
        engine.cancel();
        // Finished only once finished() is delivered, so a queue asking after another
        // download's finished() does not count this one as done before its own is reported.
        QVERIFY(!engine.isFinished());
        QVERIFY(finished.wait(5000));
        QVERIFY(engine.isFinished());
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(engine.result().error, DownloadError::Interrupted);
        QVERIFY(engine.result().chunksVerified < 24);
    }

    void progressIsBounded()
    {
        QVERIFY(m_fixture.control->setFaults({{"bandwidth", double(8 * MiB)}}));
        DownloadEngine engine(m_client.get(), options("progress.bin", 4));
        QSignalSpy progress(&engine, &DownloadEngine::progressChanged);
        QSignalSpy finished(&engine, &DownloadEngine::finished);
        QElapsedTimer timer;
        timer.start();
        engine.start();
        QVERIFY(finished.wait(30000));
        QVERIFY(engine.result().ok());
        // At most 4 a second, plus the final one.
        QVERIFY2(progress.size() <= timer.elapsed() / 250 + 2,
                 qPrintable(QString::number(progress.size())));
        const auto last = progress.last().first().value<DownloadProgress>();
        QCOMPARE(last.doneBytes, ArchiveSize);
        QCOMPARE(last.chunksVerified, 24);
    }

    // Several downloads under one limit of fetches in flight.
    void queueSharesOneLimit()
    {
        QVERIFY(m_fixture.control->setFaults({{"bandwidth", double(16 * MiB)}}));
        DownloadQueue queue(m_client.get(), 3);
        QSignalSpy all(&queue, &DownloadQueue::allFinished);
        QSignalSpy each(&queue, &DownloadQueue::downloadFinished);
        const QStringList names{"q1.bin", "q2.bin"};
        for (const QString &name : names)
            queue.add(options(name, 4));
        QVERIFY(all.wait(60000));
        QCOMPARE(each.size(), 2);
        for (int i = 0; i < names.size(); ++i) {
            QVERIFY2(queue.result(i).ok(), qPrintable(queue.result(i).message));
            QCOMPARE(readFile(m_dir->filePath(names[i])), m_fixture.data);
        }
        QCOMPARE(queue.slots().peak(), 3);
        QCOMPARE(queue.slots().used(), 0);
        QCOMPARE(m_fixture.control->outputBytes(), 2 * ArchiveSize);
    }

    // Last: it moves the emulator's clock, which expires every job made before.
    void expiredJob()
    {
        const QString jobId = m_fixture.newJob();
        QVERIFY(!jobId.isEmpty());
        QVERIFY(m_fixture.control->setFaults({{"bandwidth", double(4 * MiB)}}));
        DownloadOptions options = this->options("expired.bin", 2);
        options.jobId = jobId;
        const DownloadResult result = download(options, [this](DownloadEngine &engine) {
            QTRY_VERIFY_WITH_TIMEOUT(engine.progress().chunksVerified >= 2, 20000);
            QVERIFY(m_fixture.control->advanceClock(25 * 3600));
        });
        QCOMPARE(result.error, DownloadError::Aws);
        QVERIFY2(result.message.contains("no longer available"), qPrintable(result.message));
        QVERIFY2(result.message.contains("A new retrieval job is needed"),
                 qPrintable(result.message));
        QVERIFY2(result.message.contains(QString("of 24 chunks")), qPrintable(result.message));
        QVERIFY2(result.message.contains(DownloadEngine::partPath(options.outputPath)),
                 qPrintable(result.message));
        const int kept = result.chunksVerified;
        QVERIFY(kept >= 2);
        // A new job for the same archive picks up the kept chunks.
        QVERIFY(m_fixture.control->clearFaults());
        const QString newJobId = m_fixture.newJob();
        QVERIFY(!newJobId.isEmpty());
        options.jobId = newJobId;
        const DownloadResult again = download(options);
        QVERIFY2(again.ok(), qPrintable(again.message));
        QCOMPARE(again.bytesReused, kept * MiB);
        QCOMPARE(readFile(options.outputPath), m_fixture.data);
    }
};

QTEST_GUILESS_MAIN(TestDownloadEngine)
#include "tst_downloadengine.moc"
