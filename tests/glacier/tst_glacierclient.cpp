// GlacierClient against FakeNetworkAccessManager: request shape and signature, parsing through
// the network path, retries, clock-skew correction, streaming to a sink, endpoint rules.
#include "../support/fakenetwork.h"
#include "core/aws/sigv4.h"
#include "core/aws/sigv4signer.h"
#include "core/glacier/endpoint.h"
#include "core/glacier/glacierclient.h"
#include "core/glacier/joboutputsink.h"
#include "core/transfer/ratelimiter.h"
#include "referenceexamples.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>
#include <QTimeZone>

using namespace thaw::glacier;
using thaw::test::CapturedRequest;
using thaw::test::FakeNetworkAccessManager;
using thaw::test::FakeResponse;
namespace examples = thaw::test::examples;
namespace sigv4 = thaw::aws::sigv4;

Q_DECLARE_METATYPE(thaw::glacier::ErrorClass)

namespace {

const thaw::aws::Credentials TestKeys(QStringLiteral("AKIDEXAMPLE"),
                                      QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
const QDateTime FixedNow(QDate(2017, 2, 10), QTime(12, 0, 0), QTimeZone::utc());

GlacierClient::Options testOptions()
{
    GlacierClient::Options options;
    options.retryPolicy.baseDelay = std::chrono::milliseconds(1);
    options.retryPolicy.maxDelay = std::chrono::milliseconds(4);
    options.retryPolicy.random = [] {
        return 1.0;
    };
    options.clock = [] {
        return FixedNow;
    };
    return options;
}

// Waits for a callback's value; the loop is bounded by QTRY_VERIFY's timeout.
template<typename T>
struct Waiter
{
    std::optional<Result<T>> result;
    GlacierClient::Callback<T> callback()
    {
        return [this](Result<T> value) {
            result.emplace(std::move(value));
        };
    }
};

template<typename T>
QString messageOf(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().userMessage();
}

#define WAIT_FOR(waiter) QTRY_VERIFY_WITH_TIMEOUT((waiter).result.has_value(), 10000)

// Recomputes the signature of a captured request from its signed headers, as a server would.
QByteArray expectedAuthorization(const CapturedRequest &request, const QByteArray &payloadHash)
{
    const QByteArray authorization = request.header("Authorization");
    const qsizetype start = authorization.indexOf("SignedHeaders=") + 14;
    const QList<QByteArray> names
        = authorization.mid(start, authorization.indexOf(',', start) - start).split(';');
    thaw::aws::HttpRequest raw;
    raw.method = request.method;
    raw.path = request.url.path(QUrl::FullyEncoded).toUtf8();
    raw.query = request.url.query(QUrl::FullyEncoded).toUtf8();
    for (const QByteArray &name : names) {
        if (name == "host") {
            QByteArray host = request.url.host().toUtf8();
            if (request.url.port() != -1)
                host += ':' + QByteArray::number(request.url.port());
            raw.headers.append({"Host", host});
        } else {
            raw.headers.append({name, request.header(name)});
        }
    }
    const QDateTime date = sigv4::parseAmzDate(request.header("X-Amz-Date"));
    return sigv4::sign(raw, payloadHash, date, QStringLiteral("us-west-2"),
                       QStringLiteral("glacier"), TestKeys)
        .authorization;
}

} // namespace

class TestGlacierClient final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<GlacierClient> m_client;

    GlacierClient &client(GlacierClient::Options options = testOptions())
    {
        m_client = std::make_unique<GlacierClient>(
            m_network.get(), QUrl(QStringLiteral("https://glacier.us-west-2.amazonaws.com")),
            QStringLiteral("us-west-2"), TestKeys, std::move(options));
        return *m_client;
    }

private Q_SLOTS:
    void init() { m_network = std::make_unique<FakeNetworkAccessManager>(); }
    void cleanup()
    {
        m_client.reset();
        m_network.reset();
    }

    void requestShape_data()
    {
        QTest::addColumn<int>("call");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("query");
        QTest::newRow("list vaults")
            << 0 << QByteArray("GET") << QStringLiteral("/-/vaults") << QString();
        QTest::newRow("list vaults paged")
            << 1 << QByteArray("GET") << QStringLiteral("/-/vaults")
            << QStringLiteral("limit=2&marker=arn%3Aaws%3Aglacier%3Aus-west-2%3A012345678901%"
                              "3Avaults%2Fexamplevault1");
        QTest::newRow("describe vault")
            << 2 << QByteArray("GET") << QStringLiteral("/-/vaults/my%20vault") << QString();
        QTest::newRow("create vault")
            << 3 << QByteArray("PUT") << QStringLiteral("/-/vaults/examplevault") << QString();
        QTest::newRow("list jobs")
            << 4 << QByteArray("GET") << QStringLiteral("/-/vaults/examplevault/jobs")
            << QStringLiteral("completed=true&limit=2&marker=a%2Bb%2Fc&statuscode=Succeeded");
        QTest::newRow("describe job")
            << 5 << QByteArray("GET") << QStringLiteral("/-/vaults/examplevault/jobs/HkF9p6o7yjhFx")
            << QString();
        QTest::newRow("initiate job") << 6 << QByteArray("POST")
                                      << QStringLiteral("/-/vaults/examplevault/jobs") << QString();
        QTest::newRow("job output")
            << 7 << QByteArray("GET") << QStringLiteral("/-/vaults/examplevault/jobs/J/output")
            << QString();
    }
    void requestShape()
    {
        QFETCH(int, call);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, query);
        m_network->setHandler(
            [](const CapturedRequest &) { return FakeResponse::json(599, R"({"code":"Stop"})"); });
        GlacierClient::Options options = testOptions();
        options.retryPolicy = RetryPolicy::none();
        options.retryPolicy.random = [] {
            return 0.0;
        };
        GlacierClient &glacier = client(options);
        bool done = false;
        auto any = [&done](auto) {
            done = true;
        };
        QByteArray body;
        QBuffer sinkBuffer;
        sinkBuffer.open(QIODevice::WriteOnly);
        DeviceSink sink(&sinkBuffer);
        switch (call) {
        case 0:
            glacier.listVaults(std::nullopt, std::nullopt, any);
            break;
        case 1:
            glacier.listVaults(
                2, QStringLiteral("arn:aws:glacier:us-west-2:012345678901:vaults/examplevault1"),
                any);
            break;
        case 2:
            glacier.describeVault(QStringLiteral("my vault"), any);
            break;
        case 3:
            glacier.createVault(QStringLiteral("examplevault"), any);
            break;
        case 4:
            glacier.listJobs(
                QStringLiteral("examplevault"),
                ListJobsFilter{true, QStringLiteral("Succeeded"), 2, QStringLiteral("a+b/c")}, any);
            break;
        case 5:
            glacier.describeJob(QStringLiteral("examplevault"), QStringLiteral("HkF9p6o7yjhFx"),
                                any);
            break;
        case 6: {
            InventoryRetrievalJobParameters parameters;
            parameters.format = QStringLiteral("CSV");
            body = toJsonBody(parameters);
            glacier.initiateJob(QStringLiteral("examplevault"), parameters, any);
            break;
        }
        case 7:
            glacier.getJobOutput(QStringLiteral("examplevault"), QStringLiteral("J"),
                                 GlacierClient::ByteRange{0, 1048575}, &sink, any);
            break;
        }
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(m_network->requests().size(), 1);
        const CapturedRequest &request = m_network->requests().constFirst();
        QCOMPARE(request.method, method);
        QCOMPARE(request.url.host(), QStringLiteral("glacier.us-west-2.amazonaws.com"));
        QCOMPARE(request.url.path(QUrl::FullyEncoded), path);
        QCOMPARE(request.url.query(QUrl::FullyEncoded), query);
        QCOMPARE(request.body, body);
        QCOMPARE(request.header("x-amz-glacier-version"), QByteArray("2012-06-01"));
        QCOMPARE(request.header("X-Amz-Date"), QByteArray("20170210T120000Z"));
        const QByteArray authorization = request.header("Authorization");
        QVERIFY(authorization.startsWith(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20170210/us-west-2/glacier/aws4_request, "));
        QVERIFY(authorization.contains("x-amz-glacier-version"));
        QCOMPARE(authorization, expectedAuthorization(request, sigv4::payloadHash(body)));
        if (call == 7) {
            QCOMPARE(request.header("Range"), QByteArray("bytes=0-1048575"));
            QVERIFY(authorization.contains(";range;"));
        }
        if (call == 6)
            QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
    }

    void accountId()
    {
        GlacierClient::Options options = testOptions();
        options.accountId = QStringLiteral("012345678901");
        m_network->enqueue(FakeResponse::json(200, examples::DescribeVault));
        Waiter<VaultDescription> waiter;
        client(options).describeVault(QStringLiteral("examplevault"), waiter.callback());
        WAIT_FOR(waiter);
        QVERIFY(waiter.result->ok());
        QCOMPARE(m_network->requests().constFirst().url.path(),
                 QStringLiteral("/012345678901/vaults/examplevault"));
    }

    void parsesThroughNetwork()
    {
        m_network->enqueue(FakeResponse::json(200, examples::DescribeJobArchive));
        Waiter<JobDescription> waiter;
        client().describeJob(QStringLiteral("examplevault"), QStringLiteral("HkF9"),
                             waiter.callback());
        WAIT_FOR(waiter);
        QVERIFY(waiter.result->ok());
        QCOMPARE(waiter.result->value().archiveSizeInBytes, std::optional<qint64>(16777216));
    }

    void malformedSuccessIsFatal()
    {
        m_network->enqueue(FakeResponse::json(200, "<html>captive portal</html>"));
        Waiter<JobDescription> waiter;
        client().describeJob(QStringLiteral("v"), QStringLiteral("j"), waiter.callback());
        WAIT_FOR(waiter);
        QVERIFY(!waiter.result->ok());
        QCOMPARE(waiter.result->error().code, QLatin1String(MalformedResponseCode));
        QCOMPARE(waiter.result->error().errorClass, ErrorClass::Fatal);
        QCOMPARE(m_network->requests().size(), 1);
    }

    void initiateJobResult()
    {
        FakeResponse accepted;
        accepted.status = 202;
        accepted.header("Location", "/111122223333/vaults/examplevault/jobs/HkF9p6o7yjhFx");
        accepted.header("x-amz-job-id", "HkF9p6o7yjhFx");
        m_network->enqueue(accepted);
        ArchiveRetrievalParameters parameters;
        parameters.archiveId = QStringLiteral("NkbByEejwEgg");
        parameters.tier = RetrievalTier::Bulk;
        Waiter<InitiateJobResult> waiter;
        client().initiateJob(QStringLiteral("examplevault"), parameters, waiter.callback());
        WAIT_FOR(waiter);
        QVERIFY(waiter.result->ok());
        QCOMPARE(waiter.result->value().jobId, QStringLiteral("HkF9p6o7yjhFx"));
        QCOMPARE(waiter.result->value().location,
                 QStringLiteral("/111122223333/vaults/examplevault/jobs/HkF9p6o7yjhFx"));
        QVERIFY(!waiter.result->value().jobOutputPath);
    }

    void retries_data()
    {
        QTest::addColumn<QList<int>>("statuses"); // 0: connection reset
        QTest::addColumn<QList<QByteArray>>("codes");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<int>("requests");
        QTest::addColumn<ErrorClass>("errorClass");
        QTest::newRow("503 then 200")
            << QList<int>{503, 200} << QList<QByteArray>{"ServiceUnavailableException", ""} << true
            << 2 << ErrorClass::Fatal;
        QTest::newRow("throttling burst")
            << QList<int>{400, 400, 400, 200}
            << QList<QByteArray>{"ThrottlingException", "ThrottlingException",
                                 "ThrottlingException", ""}
            << true << 4 << ErrorClass::Fatal;
        QTest::newRow("reset then 200")
            << QList<int>{0, 200} << QList<QByteArray>{"", ""} << true << 2 << ErrorClass::Fatal;
        QTest::newRow("gives up after 5")
            << QList<int>{500, 500, 500, 500, 500, 500}
            << QList<QByteArray>{"ServiceUnavailableException", "ServiceUnavailableException",
                                 "ServiceUnavailableException", "ServiceUnavailableException",
                                 "ServiceUnavailableException", "ServiceUnavailableException"}
            << false << 5 << ErrorClass::RetryAutomatically;
        QTest::newRow("404 not retried")
            << QList<int>{404, 200} << QList<QByteArray>{"ResourceNotFoundException", ""} << false
            << 1 << ErrorClass::NeedsUser;
        QTest::newRow("403 not retried")
            << QList<int>{403, 200} << QList<QByteArray>{"UnrecognizedClientException", ""} << false
            << 1 << ErrorClass::NeedsUser;
        QTest::newRow("400 fatal not retried")
            << QList<int>{400, 200} << QList<QByteArray>{"MissingParameterValueException", ""}
            << false << 1 << ErrorClass::Fatal;
    }
    void retries()
    {
        QFETCH(QList<int>, statuses);
        QFETCH(QList<QByteArray>, codes);
        QFETCH(bool, succeeds);
        QFETCH(int, requests);
        QFETCH(ErrorClass, errorClass);
        for (qsizetype i = 0; i < statuses.size(); ++i) {
            if (statuses.at(i) == 0)
                m_network->enqueue(FakeResponse::failure(QNetworkReply::RemoteHostClosedError));
            else if (statuses.at(i) == 200)
                m_network->enqueue(FakeResponse::json(200, examples::DescribeVault));
            else
                m_network->enqueue(FakeResponse::awsError(
                    statuses.at(i), QString::fromLatin1(codes.at(i)), QStringLiteral("fake")));
        }
        Waiter<VaultDescription> waiter;
        client().describeVault(QStringLiteral("examplevault"), waiter.callback());
        WAIT_FOR(waiter);
        QCOMPARE(waiter.result->ok(), succeeds);
        if (!succeeds)
            QCOMPARE(waiter.result->error().errorClass, errorClass);
        QCOMPARE(m_network->requests().size(), requests);
        // Each attempt is signed afresh.
        for (const CapturedRequest &request : m_network->requests())
            QCOMPARE(request.header("Authorization"),
                     expectedAuthorization(request, sigv4::payloadHash({})));
    }

    void backoffIsFullJitter()
    {
        RetryPolicy policy;
        policy.baseDelay = std::chrono::milliseconds(200);
        policy.maxDelay = std::chrono::milliseconds(20'000);
        policy.random = [] {
            return 0.5;
        };
        QCOMPARE(policy.delayBeforeRetry(1).count(), 100);
        QCOMPARE(policy.delayBeforeRetry(3).count(), 400);
        QCOMPARE(policy.delayBeforeRetry(20).count(), 10'000); // capped
        policy.random = [] {
            return 0.0;
        };
        QCOMPARE(policy.delayBeforeRetry(5).count(), 0);
        QVERIFY(policy.mayRetry(4, std::chrono::milliseconds(0), std::chrono::milliseconds(0)));
        QVERIFY(!policy.mayRetry(5, std::chrono::milliseconds(0), std::chrono::milliseconds(0)));
        QVERIFY(!policy.mayRetry(1, std::chrono::milliseconds(119'000),
                                 std::chrono::milliseconds(2'000)));
    }

    void initiateJobRetriesOnlyWhenNotCarriedOut()
    {
        m_network->enqueue(FakeResponse::awsError(
            500, QStringLiteral("ServiceUnavailableException"), QStringLiteral("x")));
        Waiter<InitiateJobResult> first;
        client().initiateJob(QStringLiteral("v"), InventoryRetrievalJobParameters{},
                             first.callback());
        WAIT_FOR(first);
        QVERIFY(!first.result->ok());
        QCOMPARE(m_network->requests().size(), 1);

        m_network->enqueue(FakeResponse::awsError(400, QStringLiteral("ThrottlingException"),
                                                  QStringLiteral("x")));
        FakeResponse accepted;
        accepted.status = 202;
        accepted.header("x-amz-job-id", "J");
        m_network->enqueue(accepted);
        Waiter<InitiateJobResult> second;
        m_client->initiateJob(QStringLiteral("v"), InventoryRetrievalJobParameters{},
                              second.callback());
        WAIT_FOR(second);
        QVERIFY(second.result->ok());
        QCOMPARE(m_network->requests().size(), 3);
    }

    void clockSkew()
    {
        const QByteArray serverDate = "Fri, 10 Feb 2017 13:00:00 GMT"; // an hour ahead
        FakeResponse skewed = FakeResponse::awsError(
            403, QStringLiteral("InvalidSignatureException"),
            QStringLiteral("Signature expired: 20170210T120000Z is now earlier than "
                           "20170210T124500Z (20170210T130000Z - 15 min.)"));
        skewed.header("Date", serverDate);
        m_network->enqueue(skewed);
        m_network->enqueue(FakeResponse::json(200, examples::DescribeVault));
        Waiter<VaultDescription> waiter;
        client().describeVault(QStringLiteral("examplevault"), waiter.callback());
        WAIT_FOR(waiter);
        QVERIFY(waiter.result->ok());
        QCOMPARE(m_network->requests().size(), 2);
        QCOMPARE(m_network->requests().at(0).header("X-Amz-Date"), QByteArray("20170210T120000Z"));
        const CapturedRequest &retry = m_network->requests().at(1);
        QCOMPARE(retry.header("X-Amz-Date"), QByteArray("20170210T130000Z"));
        QCOMPARE(retry.header("Authorization"),
                 expectedAuthorization(retry, sigv4::payloadHash({})));
        QCOMPARE(m_client->clockOffset(), std::chrono::milliseconds(3'600'000));

        // Later calls sign with the corrected clock from the start.
        m_network->enqueue(FakeResponse::json(200, examples::DescribeVault));
        Waiter<VaultDescription> later;
        m_client->describeVault(QStringLiteral("examplevault"), later.callback());
        WAIT_FOR(later);
        QCOMPARE(m_network->requests().at(2).header("X-Amz-Date"), QByteArray("20170210T130000Z"));
    }

    void clockSkewCorrectedOnlyOnce()
    {
        m_network->setHandler([](const CapturedRequest &) {
            FakeResponse skewed = FakeResponse::awsError(
                403, QStringLiteral("RequestTimeTooSkewed"), QStringLiteral("too skewed"));
            skewed.header("Date", "Fri, 10 Feb 2017 13:00:00 GMT");
            return skewed;
        });
        Waiter<VaultDescription> waiter;
        client().describeVault(QStringLiteral("v"), waiter.callback());
        WAIT_FOR(waiter);
        QVERIFY(!waiter.result->ok());
        QCOMPARE(waiter.result->error().errorClass, ErrorClass::NeedsUser);
        QCOMPARE(m_network->requests().size(), 2);
    }

    void httpDate()
    {
        // AWS's examples print this date as a Wednesday; it was a Friday. The weekday is ignored.
        QCOMPARE(parseHttpDate("Wed, 10 Feb 2017 12:00:00 GMT"), FixedNow);
        QCOMPARE(parseHttpDate("Fri, 10 Feb 2017 12:00:00 GMT"), FixedNow);
        QCOMPARE(parseHttpDate("Fri, 3 Feb 2017 12:00:00 GMT"), FixedNow.addDays(-7));
        QVERIFY(!parseHttpDate("yesterday").isValid());
    }

    void endpoints_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("insecure");
        QTest::addColumn<QString>("expected"); // empty: refused
        QTest::newRow("default") << "eu-west-1" << QString() << false
                                 << "https://glacier.eu-west-1.amazonaws.com";
        QTest::newRow("https custom")
            << "eu-west-1"
            << "https://glacier.example.com:8443" << false << "https://glacier.example.com:8443";
        QTest::newRow("http loopback v4")
            << ""
            << "http://127.0.0.1:9000" << false << "http://127.0.0.1:9000";
        QTest::newRow("http loopback 127/8")
            << ""
            << "http://127.1.2.3:9000" << false << "http://127.1.2.3:9000";
        QTest::newRow("http loopback v6") << ""
                                          << "http://[::1]:9000" << false << "http://[::1]:9000";
        QTest::newRow("http localhost")
            << ""
            << "http://localhost:9000" << false << "http://localhost:9000";
        QTest::newRow("http remote refused") << ""
                                             << "http://glacier.example.com" << false << QString();
        QTest::newRow("http lan refused") << ""
                                          << "http://192.168.1.5:9000" << false << QString();
        QTest::newRow("http remote allowed")
            << ""
            << "http://192.168.1.5:9000" << true << "http://192.168.1.5:9000";
        QTest::newRow("ftp") << ""
                             << "ftp://127.0.0.1" << true << QString();
        QTest::newRow("no region") << "" << QString() << false << QString();
        QTest::newRow("localhost.evil.com") << ""
                                            << "http://localhost.evil.com" << false << QString();
    }
    void endpoints()
    {
        QFETCH(QString, region);
        QFETCH(QString, url);
        QFETCH(bool, insecure);
        QFETCH(QString, expected);
        QString error;
        const std::optional<QUrl> endpoint = glacierEndpoint(region, url, insecure, &error);
        QCOMPARE(endpoint.has_value(), !expected.isEmpty());
        if (endpoint)
            QCOMPARE(endpoint->toString(), expected);
        else
            QVERIFY(!error.isEmpty());
    }

    void streamsInPieces()
    {
        QByteArray body(10'000, Qt::Uninitialized);
        for (qsizetype i = 0; i < body.size(); ++i)
            body[i] = char(i * 7);
        FakeResponse partial = FakeResponse::bytes(206, body, 1000);
        partial.header("Content-Range", "bytes 1048576-1058575/16777216");
        partial.header("x-amz-sha256-tree-hash", "abc");
        partial.header("Accept-Ranges", "bytes");
        partial.header("x-amz-archive-description", "my archive");
        m_network->enqueue(partial);
        QByteArray received;
        int writes = 0;
        CallbackSink sink(
            [&](QByteArrayView data, QString *) {
                received += data;
                ++writes;
                return true;
            },
            [&](QString *) {
                received.clear();
                return true;
            });
        Waiter<JobOutputResult> waiter;
        client().getJobOutput(QStringLiteral("v"), QStringLiteral("j"),
                              GlacierClient::ByteRange{1048576, 1058575}, &sink, waiter.callback());
        WAIT_FOR(waiter);
        QVERIFY2(waiter.result->ok(), qPrintable(messageOf(*waiter.result)));
        QCOMPARE(received, body);
        QVERIFY(writes >= 10);
        const JobOutputMetadata &metadata = waiter.result->value().metadata;
        QCOMPARE(metadata.status, 206);
        QCOMPARE(*metadata.contentRange, QStringLiteral("bytes 1048576-1058575/16777216"));
        QCOMPARE(*metadata.checksum, QStringLiteral("abc"));
        QCOMPARE(*metadata.acceptRanges, QStringLiteral("bytes"));
        QCOMPARE(*metadata.archiveDescription, QStringLiteral("my archive"));
        QCOMPARE(*metadata.contentType, QStringLiteral("application/octet-stream"));
        QCOMPARE(waiter.result->value().bytesWritten, body.size());
    }

    // A sink that asks for pauses in reading (a bandwidth limit) gets the whole body, later, and
    // the thread is never blocked; an abort during a pause ends the call at once.
    void sinkPausesReading_data()
    {
        QTest::addColumn<bool>("abortDuringPause");
        QTest::newRow("read to the end") << false;
        QTest::newRow("aborted while paused") << true;
    }
    void sinkPausesReading()
    {
        QFETCH(bool, abortDuringPause);
        struct PausingSink final : JobOutputSink
        {
            QByteArray received;
            int writes = 0;
            bool begin(const JobOutputMetadata &, QString *) override { return true; }
            bool write(QByteArrayView data, QString *) override
            {
                received += data;
                ++writes;
                return true;
            }
            bool reset(QString *) override
            {
                received.clear();
                return true;
            }
            qint64 takeReadDelayMs() override { return delayMs; }
            qint64 delayMs = 50;
        };
        const QByteArray body = QByteArray("0123456789").repeated(400);
        m_network->enqueue(FakeResponse::bytes(200, body, 1000));
        PausingSink sink;
        // A pause far longer than the bound below, so a blocking wait could not pass.
        if (abortDuringPause)
            sink.delayMs = 3000;
        QElapsedTimer timer;
        timer.start();
        Waiter<JobOutputResult> waiter;
        QPointer<GlacierOperation> operation = client().getJobOutput(
            QStringLiteral("v"), QStringLiteral("j"), std::nullopt, &sink, waiter.callback());
        if (abortDuringPause) {
            QTRY_COMPARE_WITH_TIMEOUT(sink.writes, 1, 5000);
            timer.restart();
            operation->abort();
            WAIT_FOR(waiter);
            QCOMPARE(waiter.result->error().code, QLatin1String(AbortedCode));
            QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
            QCOMPARE(sink.writes, 1);
            return;
        }
        WAIT_FOR(waiter);
        QVERIFY2(waiter.result->ok(), qPrintable(messageOf(*waiter.result)));
        QCOMPARE(sink.received, body);
        QCOMPARE(waiter.result->value().bytesWritten, body.size());
        QVERIFY(sink.writes >= 2);
        QVERIFY2(timer.elapsed() >= 50 * sink.writes - 10, // the last pause too
                 qPrintable(QString::number(timer.elapsed())));
    }

    // A limit changed while a read is paused reaches it within one pause step
    // (GlacierOperation::MaxReadPauseStep), not after the whole pause granted at the old rate.
    // The sink's bucket (10 B/s, its clock frozen by the test) asks for 99 s after the first
    // 1000 B; the operation asks again after each step and reads nothing while the debt stands
    // (so it does not grow); then the limit is lifted, or raised and the clock moved on a
    // little, and the rest of the body comes at the next step.
    void changedLimitResumesPausedRead_data()
    {
        QTest::addColumn<qint64>("newRate"); // bytes/s; 0: unlimited
        QTest::addColumn<qint64>("advanceMs");
        QTest::newRow("lifted") << qint64(0) << qint64(0);
        // 990 B owed at 1 MB/s: 10 ms later 9010 B are saved, more than the 3000 B left.
        QTest::newRow("raised") << qint64(1'000'000) << qint64(10);
    }
    void changedLimitResumesPausedRead()
    {
        QFETCH(qint64, newRate);
        QFETCH(qint64, advanceMs);
        struct LimitedSink final : JobOutputSink
        {
            thaw::transfer::RateLimiter limiter{10};
            QByteArray received;
            int writes = 0;
            int asks = 0; // readDelayLeftMs() calls: pause steps that ended
            qint64 delayMs = 0;
            bool begin(const JobOutputMetadata &, QString *) override { return true; }
            bool write(QByteArrayView data, QString *) override
            {
                received += data;
                ++writes;
                delayMs = limiter.take(data.size());
                return true;
            }
            bool reset(QString *) override
            {
                received.clear();
                return true;
            }
            qint64 takeReadDelayMs() override { return std::exchange(delayMs, 0); }
            qint64 readDelayLeftMs() override
            {
                ++asks;
                return limiter.pauseLeft();
            }
        };
        qint64 nowMs = 0;
        LimitedSink sink;
        sink.limiter.setClock([&nowMs] { return nowMs; });
        const QByteArray body = QByteArray("0123456789").repeated(400);
        m_network->enqueue(FakeResponse::bytes(200, body, 1000));
        Waiter<JobOutputResult> waiter;
        QPointer<GlacierOperation> operation = client().getJobOutput(
            QStringLiteral("v"), QStringLiteral("j"), std::nullopt, &sink, waiter.callback());
        const auto stop = qScopeGuard([&operation] { // the sink goes first on failure
            if (operation)
                operation->abort();
        });

        QTRY_COMPARE_WITH_TIMEOUT(sink.writes, 1, 10000);
        QCOMPARE(sink.received.size(), 1000);
        QCOMPARE(sink.limiter.pauseLeft(), qint64(99'000)); // 990 B owed at 10 B/s
        // Held across pause steps: asked again, still owed, nothing more read.
        QTRY_VERIFY_WITH_TIMEOUT(sink.asks >= 2, 10000);
        QCOMPARE(sink.writes, 1);
        QCOMPARE(sink.limiter.charged(), qint64(1000));
        QVERIFY(!waiter.result);

        sink.limiter.setBytesPerSecond(newRate);
        nowMs += advanceMs;
        const int asksBefore = sink.asks;
        WAIT_FOR(waiter);
        QVERIFY2(waiter.result->ok(), qPrintable(messageOf(*waiter.result)));
        QCOMPARE(sink.received, body);
        QCOMPARE(sink.asks, asksBefore + 1); // read on at the first step that ended
        QCOMPARE(sink.limiter.charged(), qint64(body.size()));
    }

    // A sink that lends its buffers is read into directly; while it has no room the reply is
    // not read (back-pressure), and its ready callback resumes reading, also after the reply
    // has finished meanwhile. An abort while held ends the call at once.
    void lendingSinkHoldsReading_data()
    {
        QTest::addColumn<bool>("abortWhileHeld");
        QTest::newRow("read to the end") << false;
        QTest::newRow("aborted while held") << true;
    }
    void lendingSinkHoldsReading()
    {
        QFETCH(bool, abortWhileHeld);
        constexpr qsizetype Room = 600; // bytes the sink takes before it is full
        struct LendingSink final : JobOutputSink
        {
            QByteArray received;
            char buffer[256];
            qsizetype outstanding = 0;
            int starved = 0;
            std::function<void()> ready;
            bool begin(const JobOutputMetadata &, QString *) override { return true; }
            bool write(QByteArrayView, QString *error) override
            {
                *error = QStringLiteral("write() on a sink that lends buffers");
                return false;
            }
            bool reset(QString *) override
            {
                received.clear();
                outstanding = 0;
                return true;
            }
            bool lendsBuffers() const override { return true; }
            std::span<char> writeBuffer() override
            {
                if (outstanding >= Room) {
                    ++starved;
                    return {};
                }
                return {buffer, std::size_t(qMin<qsizetype>(sizeof buffer, Room - outstanding))};
            }
            bool commitBuffer(qint64 size, QString *) override
            {
                received.append(buffer, size);
                outstanding += size;
                return true;
            }
            void setReadyCallback(std::function<void()> callback) override
            {
                ready = std::move(callback);
            }
            void release()
            {
                outstanding = 0;
                if (ready)
                    ready();
            }
        };
        const QByteArray body = QByteArray("abcdefghij").repeated(400);
        m_network->enqueue(FakeResponse::bytes(200, body, 1000));
        LendingSink sink;
        Waiter<JobOutputResult> waiter;
        QPointer<GlacierOperation> operation = client().getJobOutput(
            QStringLiteral("v"), QStringLiteral("j"), std::nullopt, &sink, waiter.callback());
        int releases = 0;
        while (sink.received.size() < body.size()) {
            QTRY_VERIFY_WITH_TIMEOUT(sink.starved > releases, 5000);
            // Held: every further piece of the reply stays unread until the sink has room.
            QCOMPARE(sink.received.size(), Room * (releases + 1));
            QVERIFY(!waiter.result);
            if (abortWhileHeld) {
                operation->abort();
                WAIT_FOR(waiter);
                QCOMPARE(waiter.result->error().code, QLatin1String(AbortedCode));
                QVERIFY(!sink.ready); // released: the sink may go now
                return;
            }
            ++releases;
            sink.release();
        }
        WAIT_FOR(waiter);
        QVERIFY2(waiter.result->ok(), qPrintable(messageOf(*waiter.result)));
        QCOMPARE(sink.received, body);
        QCOMPARE(waiter.result->value().bytesWritten, body.size());
        QCOMPARE(releases, int(body.size() / Room));
        QVERIFY(!sink.ready);
    }

    void resetMidBodyRestartsSink()
    {
        const QByteArray body = QByteArray("0123456789").repeated(500);
        FakeResponse broken = FakeResponse::bytes(200, body, 700);
        broken.breakAfter = 2100;
        m_network->enqueue(broken);
        m_network->enqueue(FakeResponse::bytes(200, body, 700));
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("keep"); // the sink starts after what was there
        DeviceSink sink(&file);
        Waiter<JobOutputResult> waiter;
        client().getJobOutput(QStringLiteral("v"), QStringLiteral("j"), std::nullopt, &sink,
                              waiter.callback());
        WAIT_FOR(waiter);
        QVERIFY2(waiter.result->ok(), qPrintable(messageOf(*waiter.result)));
        QCOMPARE(m_network->requests().size(), 2);
        file.flush();
        QCOMPARE(file.size(), 4 + body.size());
        file.seek(0);
        QCOMPARE(file.readAll(), "keep" + body);
    }

    void resetMidBodyIsRetryable()
    {
        FakeResponse broken = FakeResponse::bytes(200, QByteArray(5000, 'x'), 1000);
        broken.breakAfter = 1500;
        m_network->setHandler([broken](const CapturedRequest &) { return broken; });
        int resets = 0;
        CallbackSink sink([](QByteArrayView, QString *) { return true; },
                          [&resets](QString *) {
                              ++resets;
                              return true;
                          });
        GlacierClient::Options options = testOptions();
        options.retryPolicy.maxAttempts = 3;
        Waiter<JobOutputResult> waiter;
        client(options).getJobOutput(QStringLiteral("v"), QStringLiteral("j"), std::nullopt, &sink,
                                     waiter.callback());
        WAIT_FOR(waiter);
        QVERIFY(!waiter.result->ok());
        QCOMPARE(waiter.result->error().errorClass, ErrorClass::RetryAutomatically);
        QCOMPARE(waiter.result->error().networkError, QNetworkReply::RemoteHostClosedError);
        QCOMPARE(m_network->requests().size(), 3);
        QCOMPARE(resets, 2);
    }

    void contentRangeChecked_data()
    {
        QTest::addColumn<QByteArray>("contentRange");
        QTest::addColumn<int>("bodySize");
        QTest::addColumn<bool>("accepted");

        // Asked for bytes 50-59 of the output.
        QTest::newRow("exact") << QByteArray("bytes 50-59/100") << 10 << true;
        QTest::newRow("wrong start") << QByteArray("bytes 0-9/100") << 10 << false;
        QTest::newRow("ends later") << QByteArray("bytes 50-69/100") << 20 << false;
        QTest::newRow("ends early, not at the end") << QByteArray("bytes 50-54/100") << 5 << false;
        QTest::newRow("ends early at the end of the output")
            << QByteArray("bytes 50-54/55") << 5 << true;
        QTest::newRow("length differs from Content-Length")
            << QByteArray("bytes 50-59/100") << 8 << false;
        QTest::newRow("not a byte range") << QByteArray("items 50-59/100") << 10 << false;
        QTest::newRow("end before start") << QByteArray("bytes 59-50/100") << 10 << false;
    }

    void contentRangeChecked()
    {
        QFETCH(QByteArray, contentRange);
        QFETCH(int, bodySize);
        QFETCH(bool, accepted);

        FakeResponse partial = FakeResponse::bytes(206, QByteArray(bodySize, 'x'));
        partial.header("Content-Range", contentRange);
        m_network->enqueue(partial);
        QByteArray written;
        CallbackSink sink(
            [&written](QByteArrayView data, QString *) { return written.append(data), true; },
            [&written](QString *) { return written.clear(), true; });
        Waiter<JobOutputResult> waiter;
        client().getJobOutput(QStringLiteral("v"), QStringLiteral("j"),
                              GlacierClient::ByteRange{50, 59}, &sink, waiter.callback());
        WAIT_FOR(waiter);
        QCOMPARE(waiter.result->ok(), accepted);
        if (accepted) {
            QCOMPARE(written, QByteArray(bodySize, 'x'));
        } else {
            QCOMPARE(waiter.result->error().code, QLatin1String(MalformedResponseCode));
            QVERIFY(written.isEmpty());
        }
    }

    // A server that ignores Range answers 200 with the whole output: named, so that a caller
    // can fall back to reading the whole body.
    void rangeIgnoredIsNamed()
    {
        m_network->enqueue(FakeResponse::bytes(200, QByteArray(100, 'x')));
        CallbackSink sink([](QByteArrayView, QString *) { return true; },
                          [](QString *) { return true; });
        Waiter<JobOutputResult> waiter;
        client().getJobOutput(QStringLiteral("v"), QStringLiteral("j"),
                              GlacierClient::ByteRange{50, 59}, &sink, waiter.callback());
        WAIT_FOR(waiter);
        QVERIFY(!waiter.result->ok());
        QCOMPARE(waiter.result->error().code, QLatin1String(RangeIgnoredCode));
        QCOMPARE(waiter.result->error().httpStatus, 200);
    }

    void jobOutputNotReady()
    {
        m_network->enqueue(FakeResponse::awsError(
            400, QStringLiteral("InvalidParameterValueException"),
            QStringLiteral("The job is not currently available for download: j")));
        CallbackSink sink([](QByteArrayView, QString *) { return true; },
                          [](QString *) { return true; });
        Waiter<JobOutputResult> waiter;
        client().getJobOutput(QStringLiteral("v"), QStringLiteral("j"), std::nullopt, &sink,
                              waiter.callback());
        WAIT_FOR(waiter);
        QVERIFY(!waiter.result->ok());
        QCOMPARE(waiter.result->error().errorClass, ErrorClass::NeedsUser);
        QCOMPARE(waiter.result->error().requestId, QByteArray("fake-request-id"));
        QCOMPARE(m_network->requests().size(), 1);
    }

    void uploadArchive()
    {
        const QByteArray data = QByteArray("archive bytes ").repeated(1000);
        QBuffer body;
        body.setData(data);
        QVERIFY(body.open(QIODevice::ReadOnly));
        m_network->enqueue(FakeResponse::awsError(
            503, QStringLiteral("ServiceUnavailableException"), QStringLiteral("x")));
        FakeResponse created;
        created.status = 201;
        created.header("Location", "/111122223333/vaults/v/archives/A1");
        created.header("x-amz-archive-id", "A1");
        created.header("x-amz-sha256-tree-hash", "beef");
        m_network->enqueue(created);
        Waiter<UploadArchiveResult> waiter;
        client().uploadArchive(QStringLiteral("v"), &body, QStringLiteral("my archive"),
                               waiter.callback());
        WAIT_FOR(waiter);
        QVERIFY2(waiter.result->ok(), qPrintable(messageOf(*waiter.result)));
        QCOMPARE(waiter.result->value().archiveId, QStringLiteral("A1"));
        QCOMPARE(waiter.result->value().checksum, QStringLiteral("beef"));
        QCOMPARE(waiter.result->value().location,
                 QStringLiteral("/111122223333/vaults/v/archives/A1"));
        QCOMPARE(m_network->requests().size(), 2);
        // Under 1 MiB the tree hash is the SHA-256 of the data (checksum-calculations.md).
        const QByteArray sha256
            = QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
        for (const CapturedRequest &request : m_network->requests()) {
            QCOMPARE(request.method, QByteArray("POST"));
            QCOMPARE(request.url.path(), QStringLiteral("/-/vaults/v/archives"));
            QCOMPARE(request.body, data); // replayed whole on the retry
            QCOMPARE(request.header("x-amz-content-sha256"), sha256);
            QCOMPARE(request.header("x-amz-sha256-tree-hash"), sha256);
            QCOMPARE(request.header("x-amz-archive-description"), QByteArray("my archive"));
            QCOMPARE(request.header("Authorization"), expectedAuthorization(request, sha256));
        }
    }

    void listAllJobsFollowsMarkers()
    {
        auto page = [](const QString &id, const QString &marker) {
            QJsonObject job{{QStringLiteral("JobId"), id}};
            QJsonObject object{
                {QStringLiteral("JobList"), QJsonArray{job}},
                {QStringLiteral("Marker"), marker.isEmpty() ? QJsonValue() : QJsonValue(marker)}};
            return FakeResponse::json(200, QJsonDocument(object).toJson());
        };
        m_network->enqueue(page(QStringLiteral("a"), QStringLiteral("m1")));
        m_network->enqueue(page(QStringLiteral("b"), QStringLiteral("m2")));
        m_network->enqueue(page(QStringLiteral("c"), QString()));
        Waiter<QList<JobDescription>> waiter;
        client().listAllJobs(QStringLiteral("v"), ListJobsFilter{}, waiter.callback());
        WAIT_FOR(waiter);
        QVERIFY(waiter.result->ok());
        QCOMPARE(waiter.result->value().size(), 3);
        QCOMPARE(waiter.result->value().at(2).jobId, QStringLiteral("c"));
        QCOMPARE(m_network->requests().size(), 3);
        QVERIFY(!m_network->requests().at(0).url.hasQuery());
        QCOMPARE(m_network->requests().at(2).url.query(), QStringLiteral("marker=m2"));
    }

    void abortHanging()
    {
        m_network->enqueue(FakeResponse::hanging());
        Waiter<VaultDescription> waiter;
        QPointer<GlacierOperation> operation
            = client().describeVault(QStringLiteral("v"), waiter.callback());
        QSignalSpy finished(operation.data(), &GlacierOperation::finished);
        QTRY_COMPARE_WITH_TIMEOUT(m_network->requests().size(), 1, 5000);
        operation->abort();
        WAIT_FOR(waiter);
        QCOMPARE(waiter.result->error().code, QLatin1String(AbortedCode));
        QCOMPARE(finished.size(), 1);
        QTRY_VERIFY(operation.isNull()); // deleted itself
    }

    void noSecretsInLogs()
    {
        static QStringList messages;
        messages.clear();
        QLoggingCategory::setFilterRules(QStringLiteral("thaw.glacier.debug=true"));
        const QtMessageHandler previous
            = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &,
                                        const QString &message) { messages.append(message); });
        m_network->enqueue(FakeResponse::awsError(
            503, QStringLiteral("ServiceUnavailableException"), QStringLiteral("x")));
        m_network->enqueue(FakeResponse::awsError(403, QStringLiteral("AccessDeniedException"),
                                                  QStringLiteral("denied")));
        Waiter<VaultDescription> waiter;
        client().describeVault(QStringLiteral("v"), waiter.callback());
        WAIT_FOR(waiter);
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        QVERIFY(messages.size() >= 3); // two attempts, a retry, the failure
        const QByteArray signature = m_network->requests().at(0).header("Authorization");
        const QString lastPart = QString::fromLatin1(signature.mid(signature.lastIndexOf('=') + 1));
        for (const QString &message : std::as_const(messages)) {
            QVERIFY2(!message.contains(TestKeys.secretAccessKey()), qPrintable(message));
            QVERIFY2(!message.contains(lastPart), qPrintable(message));
            QVERIFY2(!message.contains(QLatin1String("Authorization"), Qt::CaseInsensitive),
                     qPrintable(message));
        }
    }

    void noCredentials()
    {
        m_client = std::make_unique<GlacierClient>(
            m_network.get(), QUrl(QStringLiteral("https://glacier.us-west-2.amazonaws.com")),
            QStringLiteral("us-west-2"), [] { return std::optional<thaw::aws::Credentials>(); },
            testOptions());
        Waiter<VaultDescription> waiter;
        m_client->describeVault(QStringLiteral("v"), waiter.callback());
        WAIT_FOR(waiter);
        QCOMPARE(waiter.result->error().errorClass, ErrorClass::NeedsUser);
        QCOMPARE(m_network->requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestGlacierClient)
#include "tst_glacierclient.moc"
