// FetchSet (core/transfer/fetchset.h): the GETs of one download in flight, against
// FakeNetworkAccessManager. A fetch comes back only once its GET has ended and its sink has
// written every byte; aborts bring every fetch back, marked when a pause aborted them.
#include "../support/fakenetwork.h"
#include "core/glacier/glacierclient.h"
#include "core/transfer/chunksink.h"
#include "core/transfer/fetchset.h"
#include "core/transfer/partfile.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace thaw;
using namespace Qt::StringLiterals;
using test::CapturedRequest;
using test::FakeNetworkAccessManager;
using test::FakeResponse;
using transfer::ChunkSink;
using transfer::FetchSet;

namespace {

constexpr qint64 MiB = 1 << 20;
constexpr qint64 OutputSize = 3 * MiB;

const aws::Credentials TestKeys(u"AKIDEXAMPLE"_s, u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s);

QByteArray outputBytes()
{
    QByteArray data(OutputSize, Qt::Uninitialized);
    for (qsizetype i = 0; i < data.size(); ++i)
        data[i] = char(i * 13 + i / 4099);
    return data;
}

// Answers a Range with 206 and that slice, a GET without one with 200 and everything, in
// pieces of 64 KiB.
FakeResponse serve(const CapturedRequest &request, const QByteArray &data)
{
    const QRegularExpressionMatch range = QRegularExpression(u"^bytes=(\\d+)-(\\d+)$"_s)
                                              .match(QString::fromLatin1(request.header("Range")));
    if (!range.hasMatch())
        return FakeResponse::bytes(200, data, 64 << 10);
    const qint64 first = range.captured(1).toLongLong();
    const qint64 last = range.captured(2).toLongLong();
    return FakeResponse::bytes(206, data.mid(first, last - first + 1), 64 << 10)
        .header("Content-Range",
                QStringLiteral("bytes %1-%2/%3").arg(first).arg(last).arg(data.size()).toLatin1());
}

// What came back through Drained.
struct Returned
{
    std::vector<int> chunks;
    bool ranged = true;
    bool paused = false;
    bool ok = false;
    QString errorCode;
    qint64 received = 0;
    int leftInSet = 0;
};

} // namespace

class TestFetchSet final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<glacier::GlacierClient> m_client;
    transfer::PartFile m_part;
    QThreadPool m_pool;
    std::vector<Returned> m_returned;
    std::unique_ptr<FetchSet> m_set;

    std::unique_ptr<ChunkSink> sinkFor(qint64 start, qint64 end, std::vector<crypto::Chunk> targets)
    {
        return std::make_unique<ChunkSink>(&m_part, OutputSize, start, end, std::move(targets),
                                           nullptr, &m_pool, transfer::SinkBuffers{4, 64 << 10});
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_network = std::make_unique<FakeNetworkAccessManager>();
        glacier::GlacierClient::Options options;
        options.retryPolicy = glacier::RetryPolicy::none();
        m_client = std::make_unique<glacier::GlacierClient>(
            m_network.get(), QUrl(u"https://glacier.us-west-2.amazonaws.com"_s), u"us-west-2"_s,
            TestKeys, std::move(options));
        QString error;
        QVERIFY2(m_part.open(m_dir.filePath(u"out.part"_s), &error), qPrintable(error));
        QVERIFY2(m_part.resize(OutputSize, &error), qPrintable(error));
        m_returned.clear();
        m_set = std::make_unique<FetchSet>(m_client.get(), u"vault"_s, u"job"_s,
                                           [this](FetchSet::Fetch &fetch) {
                                               Returned returned;
                                               returned.chunks = fetch.chunks;
                                               returned.ranged = fetch.ranged;
                                               returned.paused = fetch.paused;
                                               returned.ok = fetch.result && fetch.result->ok();
                                               if (fetch.result && !fetch.result->ok())
                                                   returned.errorCode = fetch.result->error().code;
                                               returned.received = fetch.sink->received();
                                               returned.leftInSet = m_set->size();
                                               m_returned.push_back(returned);
                                           });
    }

    void cleanup()
    {
        if (m_set) {
            m_set->abortAll();
            QTRY_VERIFY_WITH_TIMEOUT(m_set->empty(), 5000);
        }
        m_set.reset();
        m_part.close();
        m_client.reset();
        m_network.reset();
    }

    void rangedFetchesComeBackOnceWritten()
    {
        const QByteArray data = outputBytes();
        m_network->setHandler([&data](const CapturedRequest &r) { return serve(r, data); });
        for (int index : {2, 0, 1})
            m_set->start(sinkFor(index * MiB, (index + 1) * MiB, {crypto::Chunk{index * MiB, MiB}}),
                         {index},
                         glacier::GlacierClient::ByteRange{index * MiB, (index + 1) * MiB - 1});
        QCOMPARE(m_set->size(), 3);
        QVERIFY(!m_set->empty());
        QTRY_COMPARE_WITH_TIMEOUT(int(m_returned.size()), 3, 10000);
        QVERIFY(m_set->empty());
        QCOMPARE(m_set->received(), qint64(0));
        std::vector<int> seen;
        int left = 3;
        for (const Returned &returned : m_returned) {
            QVERIFY2(returned.ok, qPrintable(returned.errorCode));
            QVERIFY(returned.ranged);
            QVERIFY(!returned.paused);
            QCOMPARE(returned.received, MiB);
            QCOMPARE(returned.chunks.size(), std::size_t(1));
            QCOMPARE(returned.leftInSet, --left); // already out of the set when handed back
            seen.push_back(returned.chunks.front());
        }
        std::sort(seen.begin(), seen.end());
        QCOMPARE(seen, (std::vector<int>{0, 1, 2}));
        // Every byte was in the .part when its fetch came back.
        QByteArray written(OutputSize, Qt::Uninitialized);
        QString error;
        QVERIFY2(m_part.readAt(0, written.data(), OutputSize, &error), qPrintable(error));
        QVERIFY(written == data);
        QCOMPARE(int(m_network->requests().size()), 3);
        QCOMPARE(m_network->requests().at(0).header("Range"), QByteArray("bytes=2097152-3145727"));
    }

    void wholeBodyFetchAsksForNoRange()
    {
        const QByteArray data = outputBytes();
        m_network->setHandler([&data](const CapturedRequest &r) { return serve(r, data); });
        m_set->start(sinkFor(0, OutputSize, {crypto::Chunk{MiB, MiB}, crypto::Chunk{2 * MiB, MiB}}),
                     {1, 2}, std::nullopt);
        QTRY_COMPARE_WITH_TIMEOUT(int(m_returned.size()), 1, 10000);
        const Returned &returned = m_returned.front();
        QVERIFY2(returned.ok, qPrintable(returned.errorCode));
        QVERIFY(!returned.ranged);
        QCOMPARE(returned.chunks, (std::vector<int>{1, 2}));
        QCOMPARE(int(m_network->requests().size()), 1);
        QVERIFY(!m_network->requests().constFirst().request.hasRawHeader("Range"));
    }

    void abortAllBringsEveryFetchBack_data()
    {
        QTest::addColumn<bool>("paused");
        QTest::newRow("stopped") << false;
        QTest::newRow("paused") << true;
    }

    void abortAllBringsEveryFetchBack()
    {
        QFETCH(bool, paused);
        m_network->setHandler([](const CapturedRequest &) { return FakeResponse::hanging(); });
        for (int index : {0, 1})
            m_set->start(sinkFor(index * MiB, (index + 1) * MiB, {crypto::Chunk{index * MiB, MiB}}),
                         {index},
                         glacier::GlacierClient::ByteRange{index * MiB, (index + 1) * MiB - 1});
        QTRY_COMPARE_WITH_TIMEOUT(int(m_network->requests().size()), 2, 5000);
        if (paused)
            m_set->markPaused();
        QVERIFY(!m_set->isAborting());
        m_set->abortAll();
        QVERIFY(!m_set->isAborting());
        QTRY_COMPARE_WITH_TIMEOUT(int(m_returned.size()), 2, 5000);
        QVERIFY(m_set->empty());
        for (const Returned &returned : m_returned) {
            QVERIFY(!returned.ok);
            QCOMPARE(returned.errorCode, QLatin1String(glacier::AbortedCode));
            QCOMPARE(returned.paused, paused);
        }
    }

    void clearAfterAbortDropsWithoutCallback()
    {
        // As a download's destructor does: abort, then drop the fetches before they drain.
        m_network->setHandler([](const CapturedRequest &) { return FakeResponse::hanging(); });
        m_set->start(sinkFor(0, MiB, {crypto::Chunk{0, MiB}}), {0},
                     glacier::GlacierClient::ByteRange{0, MiB - 1});
        QTRY_COMPARE_WITH_TIMEOUT(int(m_network->requests().size()), 1, 5000);
        m_set->abortAll();
        m_set->clear();
        QVERIFY(m_set->empty());
        QCOMPARE(m_set->totalReceived(), qint64(0));
        QTest::qWait(50); // the drain check queued by the abort reaches no one
        QVERIFY(m_returned.empty());
    }
};

QTEST_GUILESS_MAIN(TestFetchSet)
#include "tst_fetchset.moc"
