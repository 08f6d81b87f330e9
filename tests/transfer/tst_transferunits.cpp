// The restore engine's pure pieces: the journal's format and matching, the chunk-size rule,
// what a job description says about its output, the token bucket, the chunk sink's checks; and
// its worker-thread pieces: the stream writer's order and back-pressure, the chunk sink on a
// thread pool, the journal saver's merging.
#include "core/crypto/treehasher.h"
#include "core/transfer/chunksink.h"
#include "core/transfer/downloadjournal.h"
#include "core/transfer/journalsaver.h"
#include "core/transfer/outputplan.h"
#include "core/transfer/partfile.h"
#include "core/transfer/ratelimiter.h"
#include "core/transfer/streamwriter.h"

#include <QFile>
#include <QMutex>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace thaw;
using namespace thaw::transfer;

namespace {

crypto::Digest digestOf(const char *text)
{
    return crypto::Sha256::hash(QByteArrayView(text));
}

DownloadJournal sampleJournal()
{
    DownloadJournal journal;
    journal.vault = "vault";
    journal.jobId = "job-1";
    journal.archiveId = "archive-1";
    journal.retrievalByteRange = "";
    journal.size = 3 * 1048576 + 5;
    journal.chunkSizeMiB = 2;
    journal.expectedTreeHash = QString::fromLatin1(crypto::toHex(digestOf("root")));
    journal.partModificationTimeNs = 1234567890123456789;
    journal.chunks[0] = JournalChunk{{digestOf("a"), digestOf("b")}, true};
    journal.chunks[1] = JournalChunk{{digestOf("c"), digestOf("d")}, false};
    return journal;
}

// Page-aligned memory, as StreamWriter's buffers are.
class AlignedBytes
{
public:
    explicit AlignedBytes(qint64 size)
        : m_data(static_cast<char *>(std::aligned_alloc(
              PartFile::DirectAlignment,
              std::size_t((size + PartFile::DirectAlignment - 1) / PartFile::DirectAlignment
                          * PartFile::DirectAlignment))))
    {
    }
    ~AlignedBytes() { std::free(m_data); }
    AlignedBytes(const AlignedBytes &) = delete;
    AlignedBytes &operator=(const AlignedBytes &) = delete;
    char *data() { return m_data; }

private:
    char *m_data;
};

// Whether the file system of `directory` takes O_DIRECT writes (ext4, XFS, btrfs do): a probe
// file gets one page-aligned page, which must have gone around the page cache (some file
// systems accept the O_DIRECT open and refuse the write; PartFile falls back then).
bool hasDirectWrites(const QString &directory)
{
    PartFile probe;
    QString error;
    AlignedBytes page(PartFile::DirectAlignment);
    std::memset(page.data(), 0, std::size_t(PartFile::DirectAlignment));
    const bool direct = probe.open(directory + QStringLiteral("/direct-probe"), &error)
                        && probe.writeAt(0, page.data(), PartFile::DirectAlignment, &error)
                        && probe.directBytesWritten() == PartFile::DirectAlignment;
    probe.close();
    QFile::remove(directory + QStringLiteral("/direct-probe"));
    if (!direct)
        qInfo("the temporary directory's file system has no O_DIRECT: only buffered writes");
    return direct;
}

// Drops the file's pages from the page cache, so that the next read comes from the disk.
bool dropCachedPages(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool dropped = ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0;
    ::close(fd);
    return dropped;
}

} // namespace

class TestTransferUnits final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void journalRoundTrip()
    {
        const DownloadJournal journal = sampleJournal();
        QString error;
        const std::optional<DownloadJournal> back
            = DownloadJournal::fromJson(journal.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->jobId, journal.jobId);
        QCOMPARE(back->size, journal.size);
        QCOMPARE(back->chunkSizeMiB, journal.chunkSizeMiB);
        QCOMPARE(back->partModificationTimeNs, journal.partModificationTimeNs);
        QCOMPARE(back->chunks.size(), std::size_t(2));
        QVERIFY(back->chunks.at(0).leaves == journal.chunks.at(0).leaves);
        QCOMPARE(back->chunks.at(0).serverChecked, true);
        QCOMPARE(back->chunks.at(1).serverChecked, false);
        // The leaves are stored as hex, readable by anyone.
        QVERIFY(journal.toJson().contains(crypto::toHex(digestOf("c"))));
    }

    void journalSaveIsAtomic()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("x.part.journal");
        QString error;
        QVERIFY2(sampleJournal().save(path, &error), qPrintable(error));
        QVERIFY2(sampleJournal().save(path, &error), qPrintable(error)); // replaces
        const std::optional<DownloadJournal> loaded = DownloadJournal::load(path, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->jobId, QString("job-1"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"x.part.journal"});
    }

    void journalRejects_data()
    {
        QTest::addColumn<QByteArray>("json");
        const QByteArray good = sampleJournal().toJson();
        QTest::newRow("not json") << QByteArray("{nope");
        QTest::newRow("other version")
            << QByteArray(good).replace("\"version\": 1", "\"version\": 9");
        QTest::newRow("no job") << QByteArray(good).replace("\"job-1\"", "\"\"");
        QTest::newRow("chunk past the end")
            << QByteArray(good).replace("\"index\": 1", "\"index\": 7");
        QTest::newRow("bad leaf") << QByteArray(good).replace(crypto::toHex(digestOf("c")), "abc");
        DownloadJournal short_ = sampleJournal();
        short_.chunks[1].leaves.pop_back();
        QTest::newRow("leaf missing") << short_.toJson();
    }
    void journalRejects()
    {
        QFETCH(QByteArray, json);
        QString error;
        QVERIFY(!DownloadJournal::fromJson(json, &error));
        QVERIFY(!error.isEmpty());
    }

    void journalMatching_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<bool>("same");
        QTest::newRow("identical") << "" << true;
        QTest::newRow("new job, same archive and range") << "jobId" << true;
        QTest::newRow("other vault") << "vault" << false;
        QTest::newRow("other size") << "size" << false;
        QTest::newRow("other chunk size") << "chunkSizeMiB" << false;
        QTest::newRow("other hash") << "expectedTreeHash" << false;
        QTest::newRow("new job, other range") << "jobId+range" << false;
        QTest::newRow("new job, no archive id (inventory)") << "jobId-archive" << false;
    }
    void journalMatching()
    {
        QFETCH(QString, field);
        QFETCH(bool, same);
        const DownloadJournal journal = sampleJournal();
        DownloadJournal other = journal;
        if (field.startsWith("jobId"))
            other.jobId = "job-2";
        if (field == "jobId+range")
            other.retrievalByteRange = "0-1048575";
        if (field == "jobId-archive") {
            other.archiveId.clear();
        }
        if (field == "vault")
            other.vault = "other";
        if (field == "size")
            other.size += 1;
        if (field == "chunkSizeMiB")
            other.chunkSizeMiB = 4;
        if (field == "expectedTreeHash")
            other.expectedTreeHash = QString::fromLatin1(crypto::toHex(digestOf("x")));
        QCOMPARE(journal.describesSameOutput(other), same);
    }

    void defaultChunkSize_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<int>("parallel");
        QTest::addColumn<qint64>("mib");
        const qint64 MiB = 1048576;
        QTest::newRow("empty") << qint64(0) << 4 << qint64(1);
        QTest::newRow("1 byte") << qint64(1) << 4 << qint64(1);
        QTest::newRow("24 MiB, 4 streams") << 24 * MiB << 4 << qint64(2);
        QTest::newRow("24 MiB, 1 stream") << 24 * MiB << 1 << qint64(16);
        QTest::newRow("1 GiB") << 1024 * MiB << 4 << qint64(64);
        QTest::newRow("100 GiB") << 100 * 1024 * MiB << 4 << qint64(64);
        QTest::newRow("500 MiB, 8 streams") << 500 * MiB << 8 << qint64(32);
    }
    void defaultChunkSize()
    {
        QFETCH(qint64, size);
        QFETCH(int, parallel);
        QFETCH(qint64, mib);
        QCOMPARE(defaultChunkSizeMiB(size, parallel), mib);
    }

    void jobOutputTarget_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("expectedHash"); // "" none, else which field
        QTest::newRow("whole archive, SHA256TreeHash") << "whole" << qint64(5242880) << "job";
        QTest::newRow("whole archive, archive hash only")
            << "whole-archive-hash" << qint64(5242880) << "archive";
        QTest::newRow("range covering all") << "range-all" << qint64(5242880) << "archive";
        QTest::newRow("range") << "range" << qint64(2097152) << "";
        QTest::newRow("inventory") << "inventory" << qint64(777) << "";
        QTest::newRow("in progress") << "in-progress" << qint64(-1) << "";
        QTest::newRow("bad range") << "bad-range" << qint64(-1) << "";
    }
    void jobOutputTarget()
    {
        QFETCH(QString, kind);
        QFETCH(qint64, size);
        QFETCH(QString, expectedHash);
        glacier::JobDescription job;
        job.jobId = "j";
        job.completed = kind != "in-progress";
        job.statusCode
            = job.completed ? glacier::JobStatus::Succeeded : glacier::JobStatus::InProgress;
        job.action = kind == "inventory" ? glacier::JobAction::InventoryRetrieval
                                         : glacier::JobAction::ArchiveRetrieval;
        job.archiveSizeInBytes = 5242880;
        job.archiveId = "a";
        job.archiveSha256TreeHash = QString::fromLatin1(crypto::toHex(digestOf("archive")));
        if (kind == "whole")
            job.sha256TreeHash = QString::fromLatin1(crypto::toHex(digestOf("job")));
        if (kind == "range-all")
            job.retrievalByteRange = "0-5242879";
        if (kind == "range")
            job.retrievalByteRange = "1048576-3145727";
        if (kind == "bad-range")
            job.retrievalByteRange = "3-1";
        if (kind == "inventory")
            job.inventorySizeInBytes = 777;
        QString error;
        const std::optional<JobOutputTarget> target = transfer::jobOutputTarget(job, &error);
        if (size < 0) {
            QVERIFY(!target);
            QVERIFY(!error.isEmpty());
            return;
        }
        QVERIFY2(target, qPrintable(error));
        QCOMPARE(target->size, size);
        if (expectedHash.isEmpty())
            QVERIFY(!target->expectedTreeHash);
        else
            QVERIFY(target->expectedTreeHash == digestOf(qPrintable(expectedHash)));
    }

    void rateLimiter_data()
    {
        QTest::addColumn<QList<qint64>>("bytes");
        QTest::addColumn<QList<qint64>>("times");
        QTest::addColumn<QList<qint64>>("delays");
        // 1000 bytes/s, one second of burst.
        QTest::newRow("within the burst")
            << QList<qint64>{500, 500} << QList<qint64>{0, 0} << QList<qint64>{0, 0};
        QTest::newRow("over the burst")
            << QList<qint64>{1000, 500} << QList<qint64>{0, 0} << QList<qint64>{0, 500};
        QTest::newRow("refilled") << QList<qint64>{1000, 500} << QList<qint64>{0, 500}
                                  << QList<qint64>{0, 0};
        QTest::newRow("burst is capped")
            << QList<qint64>{0, 3000} << QList<qint64>{0, 10000} << QList<qint64>{0, 2000};
    }
    void rateLimiter()
    {
        QFETCH(QList<qint64>, bytes);
        QFETCH(QList<qint64>, times);
        QFETCH(QList<qint64>, delays);
        RateLimiter limiter(1000);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            QCOMPARE(limiter.take(bytes[i], times[i]), delays[i]);
    }

    // How far the reply may read ahead of a sink: the client's standard when unlimited, else
    // two seconds at the lower of the download's and the global limit, within [64 KiB, standard].
    void readAheadLimit_data()
    {
        QTest::addColumn<qint64>("own"); // the download's limit, 0: none; -1: no limiter at all
        QTest::addColumn<qint64>("global");
        QTest::addColumn<qint64>("expected");
        const qint64 standard = 1 << 20;
        QTest::newRow("no limiter") << qint64(-1) << qint64(0) << standard;
        QTest::newRow("unlimited") << qint64(0) << qint64(0) << standard;
        QTest::newRow("own 100 KB/s") << qint64(100000) << qint64(0) << qint64(200000);
        QTest::newRow("global 100 KB/s") << qint64(0) << qint64(100000) << qint64(200000);
        QTest::newRow("lower of both") << qint64(300000) << qint64(100000) << qint64(200000);
        QTest::newRow("lower of both, own") << qint64(50000) << qint64(100000) << qint64(100000);
        QTest::newRow("very low: 64 KiB") << qint64(1000) << qint64(0) << qint64(65536);
        QTest::newRow("fast: the standard") << qint64(10000000) << qint64(0) << standard;
    }
    void readAheadLimit()
    {
        QFETCH(qint64, own);
        QFETCH(qint64, global);
        QFETCH(qint64, expected);
        RateLimiter shared(global);
        RateLimiter limiter(qMax<qint64>(0, own), &shared);
        PartFile part;
        ChunkSink sink(&part, 1 << 20, 0, 1 << 20, {crypto::Chunk{0, 1 << 20}},
                       own < 0 ? nullptr : &limiter);
        QCOMPARE(sink.readAheadLimit(1 << 20), expected);
        // A limit changed later applies to the next attempt's reply.
        if (own >= 0) {
            limiter.setBytesPerSecond(0);
            shared.setBytesPerSecond(0);
            QCOMPARE(sink.readAheadLimit(1 << 20), qint64(1 << 20));
        }
    }

    // The sink writes at offsets, hashes its targets, and refuses what was not asked for.
    void chunkSink_data()
    {
        QTest::addColumn<qint64>("streamStart");
        QTest::addColumn<qint64>("streamEnd");
        QTest::addColumn<QString>("contentRange");
        QTest::addColumn<qint64>("extraBytes");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("exact range") << qint64(1048576) << qint64(2097152)
                                     << "bytes 1048576-2097151/3145728" << qint64(0) << true;
        QTest::newRow("other total") << qint64(1048576) << qint64(2097152)
                                     << "bytes 1048576-2097151/9999999" << qint64(0) << false;
        QTest::newRow("too many bytes") << qint64(1048576) << qint64(2097152)
                                        << "bytes 1048576-2097151/3145728" << qint64(1) << false;
        QTest::newRow("whole body, middle target")
            << qint64(0) << qint64(3145728) << "" << qint64(0) << true;
    }
    void chunkSink()
    {
        QFETCH(qint64, streamStart);
        QFETCH(qint64, streamEnd);
        QFETCH(QString, contentRange);
        QFETCH(qint64, extraBytes);
        QFETCH(bool, accepted);
        QTemporaryDir dir;
        PartFile part;
        QString error;
        QVERIFY2(part.open(dir.filePath("f.part"), &error), qPrintable(error));
        QVERIFY2(part.resize(3145728, &error), qPrintable(error));
        QByteArray data(3145728, Qt::Uninitialized);
        for (qsizetype i = 0; i < data.size(); ++i)
            data[i] = char(i * 7 + i / 1000);
        const crypto::Chunk target{1048576, 1048576};
        ChunkSink sink(&part, 3145728, streamStart, streamEnd, {target});
        glacier::JobOutputMetadata metadata;
        metadata.status = contentRange.isEmpty() ? 200 : 206;
        if (!contentRange.isEmpty())
            metadata.contentRange = contentRange;
        metadata.contentLength = streamEnd - streamStart;
        bool ok = sink.begin(metadata, &error);
        // Fed in odd pieces, so writes straddle the target's edges.
        const QByteArray body
            = data.mid(streamStart, streamEnd - streamStart) + QByteArray(extraBytes, 'x');
        for (qsizetype at = 0; ok && at < body.size(); at += 333333)
            ok = sink.write(
                QByteArrayView(body).sliced(at, qMin<qsizetype>(333333, body.size() - at)), &error);
        QCOMPARE(ok, accepted);
        if (!accepted) {
            QVERIFY(sink.replyMismatch());
            return;
        }
        const std::vector<crypto::TreeHash> hashes = sink.finish();
        QCOMPARE(hashes.size(), std::size_t(1));
        QVERIFY(hashes[0].root == crypto::TreeHasher::hash(data.mid(1048576, 1048576)).root);
        QByteArray written(1048576, Qt::Uninitialized);
        QVERIFY(part.readAt(1048576, written.data(), written.size(), &error));
        QCOMPARE(written, data.mid(1048576, 1048576));
        // Bytes outside the target were not written.
        QByteArray before(16, Qt::Uninitialized);
        QVERIFY(part.readAt(0, before.data(), before.size(), &error));
        QCOMPARE(before, QByteArray(16, '\0'));
    }

    // Pieces reach the function in order, at their positions; with every buffer taken, space()
    // is empty until one frees up, and the ready callback says when.
    void streamWriterBackPressure()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        QSemaphore blocked;
        pool.start([&blocked] { blocked.acquire(); }); // holds the only thread
        QMutex mutex;
        QByteArray seen;
        QList<qint64> positions;
        StreamWriter writer(&pool, 2, 4, 100,
                            [&](qint64 position, const char *data, qint64 size, QString *) {
                                QMutexLocker locker(&mutex);
                                positions.append(position);
                                seen.append(data, size);
                                return true;
                            });
        int ready = 0;
        writer.setReadyCallback([&ready] { ++ready; });
        const auto put = [&writer](QByteArrayView bytes) {
            const std::span<char> room = writer.space();
            QVERIFY(qint64(room.size()) >= bytes.size());
            std::memcpy(room.data(), bytes.data(), std::size_t(bytes.size()));
            writer.fill(bytes.size());
        };
        put("ab");
        put("cd"); // full: queued
        put("efgh");
        QVERIFY(writer.space().empty()); // both buffers wait for the blocked thread
        QVERIFY(!writer.isIdle());
        QCOMPARE(ready, 0);
        blocked.release();
        QTRY_VERIFY(ready == 1);
        put("ij");
        writer.flush();
        bool idle = false;
        writer.whenIdle([&idle] { idle = true; });
        QVERIFY(!idle); // never from inside the call
        QTRY_VERIFY(idle);
        QCOMPARE(seen, QByteArray("abcdefghij"));
        QCOMPARE(positions, (QList<qint64>{100, 104, 108}));
        QVERIFY(!writer.error());
    }

    // A failing piece stops the stream: the error stays, later pieces are dropped.
    void streamWriterError()
    {
        QThreadPool pool;
        int calls = 0;
        StreamWriter writer(&pool, 4, 2, 0, [&calls](qint64, const char *, qint64, QString *error) {
            if (++calls == 2) {
                *error = "disk full";
                return false;
            }
            return true;
        });
        for (int i = 0; i < 4; ++i) {
            const std::span<char> room = writer.space();
            QVERIFY(!room.empty());
            writer.fill(2);
        }
        writer.waitIdle();
        QCOMPARE(writer.error().value_or(QString()), QString("disk full"));
        QCOMPARE(calls, 2);
        writer.restart(0);
        QVERIFY(!writer.error());
    }

    // On a thread pool the sink lends buffers, writes and hashes there (in 32 KiB steps), and
    // reports when the bytes are in; the result is the same as the synchronous sink's, whatever
    // the buffers' size: a multiple of the step, less than one, or a step and a bit.
    void chunkSinkOnPool_data()
    {
        QTest::addColumn<qint64>("streamStart");
        QTest::addColumn<qint64>("streamEnd");
        QTest::addColumn<qint64>("bufferSize");
        QTest::addColumn<qint64>("targetLength"); // the target starts at 1 MiB
        // Bytes written around the page cache: whole pages at page-aligned offsets from
        // page-aligned memory (on a file system with O_DIRECT).
        QTest::addColumn<qint64>("direct");
        const qint64 MiB = 1048576;
        QTest::newRow("exact range") << MiB << 2 * MiB << qint64(65536) << MiB << MiB;
        QTest::newRow("whole body, middle target")
            << qint64(0) << 3 * MiB << qint64(65536) << MiB << MiB;
        QTest::newRow("exact range, 512 KiB buffers")
            << MiB << 2 * MiB << qint64(512 << 10) << MiB << MiB;
        QTest::newRow("whole body, 512 KiB buffers")
            << qint64(0) << 3 * MiB << qint64(512 << 10) << MiB << MiB;
        // Every piece starts off a page boundary: all through the page cache.
        QTest::newRow("whole body, buffers under a step")
            << qint64(0) << 3 * MiB << qint64(20000) << MiB << qint64(0);
        QTest::newRow("whole body, buffers of a step and a bit")
            << qint64(0) << 3 * MiB << qint64(33000) << MiB << qint64(0);
        // The output's last piece ends in a partial page: its whole page goes direct, the
        // 904 bytes after it through the page cache.
        QTest::newRow("unaligned tail")
            << MiB << 2 * MiB + 5000 << qint64(65536) << MiB + 5000 << MiB + 4096;
    }
    void chunkSinkOnPool()
    {
        QFETCH(qint64, streamStart);
        QFETCH(qint64, streamEnd);
        QFETCH(qint64, bufferSize);
        QFETCH(qint64, targetLength);
        QFETCH(qint64, direct);
        QTemporaryDir dir;
        PartFile part;
        QString error;
        QVERIFY2(part.open(dir.filePath("f.part"), &error), qPrintable(error));
        QVERIFY2(part.resize(3145728, &error), qPrintable(error));
        QByteArray data(3145728, Qt::Uninitialized);
        for (qsizetype i = 0; i < data.size(); ++i)
            data[i] = char(i * 13 + i / 777);
        QThreadPool pool;
        ChunkSink sink(&part, 3145728, streamStart, streamEnd, {crypto::Chunk{1048576, targetLength}},
                       nullptr, &pool, SinkBuffers{3, bufferSize});
        QVERIFY(sink.lendsBuffers());
        glacier::JobOutputMetadata metadata;
        metadata.contentLength = streamEnd - streamStart;
        QVERIFY2(sink.begin(metadata, &error), qPrintable(error));
        const QByteArray body = data.mid(streamStart, streamEnd - streamStart);
        bool ready = false;
        sink.setReadyCallback([&ready] { ready = true; });
        qsizetype at = 0;
        while (at < body.size()) {
            const std::span<char> room = sink.writeBuffer();
            if (room.empty()) {
                QTRY_VERIFY(ready); // the pool frees a buffer
                ready = false;
                continue;
            }
            // Odd pieces, so that buffers and the target's edges fall anywhere.
            const qsizetype size
                = std::min({qsizetype(room.size()), qsizetype(40000), body.size() - at});
            std::memcpy(room.data(), body.constData() + at, std::size_t(size));
            QVERIFY2(sink.commitBuffer(size, &error), qPrintable(error));
            at += size;
        }
        QCOMPARE(sink.received(), body.size());
        // One byte more than asked for is refused.
        const std::span<char> extra = sink.writeBuffer();
        if (!extra.empty()) {
            QVERIFY(!sink.commitBuffer(1, &error));
            QVERIFY(sink.replyMismatch());
        }
        bool drained = false;
        sink.whenDrained([&drained] { drained = true; });
        QTRY_VERIFY(drained);
        QVERIFY(!sink.writeError());
        const std::vector<crypto::TreeHash> hashes = sink.finish();
        QVERIFY(hashes[0].root == crypto::TreeHasher::hash(data.mid(1048576, targetLength)).root);
        QByteArray written(targetLength, Qt::Uninitialized);
        QVERIFY(part.readAt(1048576, written.data(), written.size(), &error));
        QCOMPARE(written, data.mid(1048576, targetLength));
        QByteArray before(16, Qt::Uninitialized);
        QVERIFY(part.readAt(0, before.data(), before.size(), &error));
        QCOMPARE(before, QByteArray(16, '\0'));
        // Only the target's bytes are written, each once; whole pages around the page cache.
        QCOMPARE(part.directBytesWritten(), hasDirectWrites(dir.path()) ? direct : 0);
    }

    // Writes of whole pages from page-aligned memory bypass the page cache (where the file
    // system allows it), any other write is buffered; reads see the newest bytes either way.
    void partFileWrites_data()
    {
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("memoryOffset"); // from a page-aligned buffer
        QTest::addColumn<bool>("direct");
        QTest::newRow("whole pages") << qint64(8192) << qint64(65536) << qint64(0) << true;
        QTest::newRow("one page at 0") << qint64(0) << qint64(4096) << qint64(0) << true;
        QTest::newRow("unaligned offset") << qint64(100) << qint64(65536) << qint64(0) << false;
        QTest::newRow("unaligned length") << qint64(4096) << qint64(5000) << qint64(0) << false;
        QTest::newRow("unaligned memory") << qint64(4096) << qint64(65536) << qint64(8) << false;
        QTest::newRow("file's tail") << qint64(65536) << qint64(1234) << qint64(0) << false;
    }
    void partFileWrites()
    {
        QFETCH(qint64, offset);
        QFETCH(qint64, size);
        QFETCH(qint64, memoryOffset);
        QFETCH(bool, direct);
        QTemporaryDir dir;
        PartFile part;
        QString error;
        QVERIFY2(part.open(dir.filePath("f.part"), &error), qPrintable(error));
        QVERIFY2(part.resize(65536 + 1234, &error), qPrintable(error));
        // Dirty pages of the page cache first, so that a direct write must not be overtaken
        // by their later writeback.
        const QByteArray old(65536 + 1234, 'o');
        QVERIFY2(part.writeAt(0, old.constData() + 1, 1, &error), qPrintable(error));
        QVERIFY2(part.writeAt(1, old.constData() + 1, old.size() - 1, &error), qPrintable(error));
        AlignedBytes bytes(memoryOffset + size);
        char *data = bytes.data() + memoryOffset;
        for (qint64 i = 0; i < size; ++i)
            data[i] = char('a' + i % 23);
        const bool expectDirect = direct && hasDirectWrites(dir.path());
        QCOMPARE(part.writesDirectly(offset, data, size), expectDirect);
        const qint64 directBefore = part.directBytesWritten();
        QVERIFY2(part.writeAt(offset, data, size, &error), qPrintable(error));
        QCOMPARE(part.directBytesWritten() - directBefore, expectDirect ? size : 0);
        QByteArray expected = old.left(qMax<qint64>(offset + size, old.size()));
        expected.replace(offset, size, QByteArray(data, size));
        QByteArray got(expected.size(), Qt::Uninitialized);
        QVERIFY2(part.readAt(0, got.data(), got.size(), &error), qPrintable(error));
        QVERIFY(got == expected);
        // And on the disk: synced, dropped from the cache, read again.
        QVERIFY2(part.syncData(&error), qPrintable(error));
        QVERIFY(dropCachedPages(part.path()));
        got.fill('\0');
        QVERIFY2(part.readAt(0, got.data(), got.size(), &error), qPrintable(error));
        QVERIFY(got == expected);
    }

    // Saves asked for while one runs are merged: every caller is answered, the newest record is
    // the one on disk. saveNow() supersedes what is queued.
    void journalSaverMerges()
    {
        QTemporaryDir dir;
        PartFile part;
        QString error;
        QVERIFY2(part.open(dir.filePath("m.part"), &error), qPrintable(error));
        const QString path = dir.filePath("m.part.journal");
        JournalSaver saver(&part, path);
        DownloadJournal record = sampleJournal();
        QList<int> answered;
        for (int i = 1; i <= 3; ++i) {
            record.jobId = QString("job-%1").arg(i);
            saver.save(record, [&answered, i](bool ok, const QString &, qint64 mtime) {
                if (ok && mtime > 0)
                    answered.append(i);
            });
        }
        QVERIFY(saver.isBusy());
        QTRY_COMPARE(answered, (QList<int>{1, 2, 3}));
        QVERIFY(!saver.isBusy());
        std::optional<DownloadJournal> loaded = DownloadJournal::load(path, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->jobId, QString("job-3"));
        QCOMPARE(loaded->partModificationTimeNs, part.modificationTimeNs());

        bool late = false;
        record.jobId = "job-4";
        saver.save(record, [&late](bool, const QString &, qint64) { late = true; });
        record.jobId = "job-5";
        saver.save(record, [&late](bool, const QString &, qint64) { late = true; });
        record.jobId = "job-6";
        qint64 mtime = -1;
        QVERIFY2(saver.saveNow(record, &mtime, &error), qPrintable(error));
        QCOMPARE(mtime, part.modificationTimeNs());
        QCoreApplication::sendPostedEvents(); // the answer of the save that was running
        QVERIFY(!late); // superseded: not answered, and never written after saveNow()
        loaded = DownloadJournal::load(path, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->jobId, QString("job-6"));
    }
};

QTEST_GUILESS_MAIN(TestTransferUnits)
#include "tst_transferunits.moc"
