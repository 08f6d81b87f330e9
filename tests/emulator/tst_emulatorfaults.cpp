// thaw-emulator's fault injection and counters, driven through the control endpoints (and
// --faults at start), as the download engine's tests will use them.
#include "emulatorprocess.h"
#include "glaciertestclient.h"
#include "testdata.h"

#include "core/crypto/treehasher.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace thaw;

namespace {

constexpr qint64 MiB = 1024 * 1024;

QByteArray treeHashHex(QByteArrayView data)
{
    return crypto::toHex(crypto::TreeHasher::hash(data).root);
}

} // namespace

class TestEmulatorFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void errorBursts_data();
    void errorBursts();
    void errorBurstForOneOperation();
    void resetAfterBytes();
    void hardReset();
    void stallAfterHeaders();
    void corruptByte();
    void ignoreRange();
    void bandwidth();
    void counters();
    void faultsAtStart();
    void badFaultRejected();

private:
    GlacierReply getOutput(const aws::HttpHeaders &headers = {}, int timeoutMs = 0)
    {
        return m_client->send("GET", m_outputPath, {}, headers, {}, timeoutMs);
    }
    QJsonObject counterValues() { return m_client->control("GET", "/_thaw/counters").json(); }

    EmulatorProcess m_emulator;
    std::unique_ptr<GlacierTestClient> m_client;
    QByteArray m_data;
    QByteArray m_outputPath;
};

void TestEmulatorFaults::initTestCase()
{
    QVERIFY2(m_emulator.start(), qPrintable(m_emulator.errorString()));
    m_client = std::make_unique<GlacierTestClient>(m_emulator.baseUrl());
    QVERIFY(m_client->createVault(QStringLiteral("vault")));
    m_data = testBytes(3 * MiB + 500);
    const QString archiveId = m_client->upload(QStringLiteral("vault"), m_data);
    QVERIFY(!archiveId.isEmpty());
    const QString jobId = m_client->initiate(
        QStringLiteral("vault"),
        QJsonObject{{QStringLiteral("Type"), QStringLiteral("archive-retrieval")},
                    {QStringLiteral("ArchiveId"), archiveId}});
    QVERIFY(!jobId.isEmpty());
    m_outputPath = "/-/vaults/vault/jobs/" + jobId.toLatin1() + "/output";
}

void TestEmulatorFaults::init()
{
    QCOMPARE(m_client->control("DELETE", "/_thaw/faults").status, 200);
    QCOMPARE(m_client->control("POST", "/_thaw/counters/reset").status, 200);
}

void TestEmulatorFaults::errorBursts_data()
{
    QTest::addColumn<QJsonObject>("faults");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("type");
    QTest::newRow("throttling x3")
        << QJsonObject{{QStringLiteral("throttle"), 3}} << 3 << 400
        << QStringLiteral("ThrottlingException") << QStringLiteral("Client");
    QTest::newRow("unavailable x2, API model status")
        << QJsonObject{{QStringLiteral("unavailable"), 2}} << 2 << 500
        << QStringLiteral("ServiceUnavailableException") << QStringLiteral("Server");
    QTest::newRow("unavailable as 503")
        << QJsonObject{{QStringLiteral("unavailable"), 1},
                       {QStringLiteral("unavailableStatus"), 503}}
        << 1 << 503 << QStringLiteral("ServiceUnavailableException") << QStringLiteral("Server");
}

void TestEmulatorFaults::errorBursts()
{
    QFETCH(QJsonObject, faults);
    QFETCH(int, count);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, type);
    QCOMPARE(m_client->control("POST", "/_thaw/faults", faults).status, 200);
    for (int i = 0; i < count; ++i) {
        const GlacierReply reply = m_client->send("GET", "/-/vaults");
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.errorCode(), code);
        QCOMPARE(reply.json().value(QStringLiteral("type")).toString(), type);
        QVERIFY(!reply.header("x-amzn-RequestId").isEmpty());
    }
    QCOMPARE(m_client->send("GET", "/-/vaults").status, 200);
    QCOMPARE(counterValues()
                 .value(QStringLiteral("requests"))
                 .toObject()
                 .value(QStringLiteral("ListVaults"))
                 .toInteger(),
             count + 1);
}

void TestEmulatorFaults::errorBurstForOneOperation()
{
    m_client->control(
        "POST", "/_thaw/faults",
        {{QStringLiteral("throttle"), 1},
         {QStringLiteral("errorOperations"), QJsonArray{QStringLiteral("GetJobOutput")}}});
    QCOMPARE(m_client->send("GET", "/-/vaults").status, 200);
    QCOMPARE(getOutput().errorCode(), QStringLiteral("ThrottlingException"));
    QCOMPARE(getOutput().status, 200);
}

void TestEmulatorFaults::resetAfterBytes()
{
    m_client->control(
        "POST", "/_thaw/faults",
        {{QStringLiteral("resetAfterBytes"), 100000}, {QStringLiteral("resetCount"), 2}});
    for (int i = 0; i < 2; ++i) {
        bool closedEarly = false;
        const GlacierReply reply = m_client->sendRaw("GET", m_outputPath, {}, &closedEarly);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("Content-Length").toLongLong(), qlonglong(m_data.size()));
        QVERIFY(closedEarly);
        QCOMPARE(reply.body.size(), qsizetype(100000));
        QVERIFY(reply.body == m_data.left(100000));
    }
    const GlacierReply reply = getOutput();
    QCOMPARE(reply.error, QNetworkReply::NoError);
    QVERIFY(reply.body == m_data);
    // The bytes written before each reset are counted too.
    QCOMPARE(counterValues().value(QStringLiteral("outputBytes")).toInteger(),
             2 * 100000 + m_data.size());
}

void TestEmulatorFaults::hardReset()
{
    m_client->control("POST", "/_thaw/faults",
                      {{QStringLiteral("resetAfterBytes"), 100000},
                       {QStringLiteral("resetCount"), 1},
                       {QStringLiteral("resetHard"), true}});
    // Qt may resend a GET whose connection was reset before it read anything, so only the
    // end state is certain: the fault was used once and a full download follows.
    getOutput();
    QCOMPARE(m_client->control("GET", "/_thaw/faults")
                 .json()
                 .value(QStringLiteral("resetCount"))
                 .toInt(),
             0);
    QVERIFY(getOutput().body == m_data);
}

void TestEmulatorFaults::stallAfterHeaders()
{
    m_client->control("POST", "/_thaw/faults", {{QStringLiteral("stallAfterHeaders"), 1}});
    QElapsedTimer timer;
    timer.start();
    const GlacierReply stalled = getOutput({}, 1000);
    QVERIFY(stalled.error != QNetworkReply::NoError);
    QVERIFY(stalled.body.isEmpty());
    QVERIFY(timer.elapsed() >= 900);
    QVERIFY(getOutput().body == m_data);
}

void TestEmulatorFaults::corruptByte()
{
    const qint64 offset = MiB + 1234;
    m_client->control("POST", "/_thaw/faults", {{QStringLiteral("corruptOffset"), double(offset)}});
    // A response that does not hold the byte is served intact and leaves the fault armed.
    const GlacierReply before = getOutput({{"Range", "bytes=0-1048575"}});
    QCOMPARE(before.status, 206);
    QVERIFY(before.body == m_data.mid(0, MiB));
    // A range that holds the offset: one wrong byte under the right checksum.
    const GlacierReply reply = getOutput({{"Range", "bytes=1048576-2097151"}});
    QCOMPARE(reply.status, 206);
    const QByteArray expected = m_data.mid(MiB, MiB);
    QCOMPARE(reply.header("x-amz-sha256-tree-hash"), treeHashHex(expected));
    QCOMPARE(reply.body.size(), expected.size());
    qsizetype differences = 0;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        if (reply.body[i] != expected[i]) {
            ++differences;
            QCOMPARE(i, qsizetype(1234));
        }
    }
    QCOMPARE(differences, qsizetype(1));
    QVERIFY(getOutput().body == m_data); // once only
}

void TestEmulatorFaults::ignoreRange()
{
    m_client->control("POST", "/_thaw/faults", {{QStringLiteral("ignoreRange"), 1}});
    GlacierReply reply = getOutput({{"Range", "bytes=0-1048575"}});
    QCOMPARE(reply.status, 200);
    QVERIFY(!reply.hasHeader("Content-Range"));
    QVERIFY(reply.body == m_data);
    QCOMPARE(reply.header("x-amz-sha256-tree-hash"), treeHashHex(m_data));
    reply = getOutput({{"Range", "bytes=0-1048575"}});
    QCOMPARE(reply.status, 206);
    QCOMPARE(reply.body.size(), MiB);
}

void TestEmulatorFaults::bandwidth()
{
    m_client->control("POST", "/_thaw/faults", {{QStringLiteral("bandwidth"), 1024 * 1024}});
    QElapsedTimer timer;
    timer.start();
    const GlacierReply reply = getOutput({{"Range", "bytes=0-1572863"}}); // 1.5 MiB at 1 MiB/s
    QCOMPARE(reply.status, 206);
    QCOMPARE(reply.body.size(), 1572864);
    QVERIFY2(timer.elapsed() >= 1200, qPrintable(QString::number(timer.elapsed())));
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
}

void TestEmulatorFaults::counters()
{
    getOutput();
    getOutput({{"Range", "bytes=0-99"}});
    m_client->send("GET", "/-/vaults/vault");
    QJsonObject values = counterValues();
    const QJsonObject requests = values.value(QStringLiteral("requests")).toObject();
    QCOMPARE(requests.value(QStringLiteral("GetJobOutput")).toInteger(), 2);
    QCOMPARE(requests.value(QStringLiteral("DescribeVault")).toInteger(), 1);
    QCOMPARE(values.value(QStringLiteral("totalRequests")).toInteger(), 3);
    QCOMPARE(values.value(QStringLiteral("outputBytes")).toInteger(), m_data.size() + 100);
    m_client->control("POST", "/_thaw/counters/reset");
    values = counterValues();
    QCOMPARE(values.value(QStringLiteral("outputBytes")).toInteger(), 0);
    QCOMPARE(values.value(QStringLiteral("totalRequests")).toInteger(), 0);
}

void TestEmulatorFaults::faultsAtStart()
{
    EmulatorProcess emulator;
    QVERIFY2(emulator.start({QStringLiteral("--faults"), QStringLiteral(R"({"throttle":1})")}),
             qPrintable(emulator.errorString()));
    GlacierTestClient client(emulator.baseUrl());
    QCOMPARE(client.send("GET", "/-/vaults").errorCode(), QStringLiteral("ThrottlingException"));
    QCOMPARE(client.send("GET", "/-/vaults").status, 200);
}

void TestEmulatorFaults::badFaultRejected()
{
    const GlacierReply reply
        = m_client->control("POST", "/_thaw/faults", {{QStringLiteral("explode"), 1}});
    QCOMPARE(reply.status, 400);
}

QTEST_GUILESS_MAIN(TestEmulatorFaults)
#include "tst_emulatorfaults.moc"
