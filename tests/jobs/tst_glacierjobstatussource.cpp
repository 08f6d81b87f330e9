// GlacierJobStatusSource: the watcher's view of Glacier answers, through the real client on a
// fake network (tests/support/fakenetwork.h).
#include "core/jobs/glacierjobstatussource.h"
#include "core/jobs/jobwatcher.h"
#include "fakenetwork.h"

#include <QSignalSpy>
#include <QTest>

using namespace thaw;
using thaw::test::FakeNetworkAccessManager;
using thaw::test::FakeResponse;

namespace {

const QString JobId
    = QStringLiteral("HkF9p6o7yjhFx-K3CGl6fuSm6VzW9T7esGQfco8nUXVYwS0jlb5gq1JZ55yHgt5vP54Z");

QByteArray describeJobBody(const char *status, bool completed)
{
    return QStringLiteral(
               R"({"Action":"ArchiveRetrieval","ArchiveId":"a1","ArchiveSizeInBytes":1024,
        "Completed":%1,"CompletionDate":%2,"CreationDate":"2026-11-21T10:00:00.000Z",
        "JobId":"%3","StatusCode":"%4","StatusMessage":null,"Tier":"Expedited",
        "VaultARN":"arn:aws:glacier:us-east-1:012345678901:vaults/photos"})")
        .arg(completed ? QStringLiteral("true") : QStringLiteral("false"),
             completed ? QStringLiteral("\"2026-11-21T10:04:00.000Z\"") : QStringLiteral("null"),
             JobId, QString::fromLatin1(status))
        .toUtf8();
}

glacier::GlacierClient makeClient(FakeNetworkAccessManager *network)
{
    glacier::GlacierClient::Options options;
    options.retryPolicy.baseDelay = std::chrono::milliseconds(1);
    options.retryPolicy.maxDelay = std::chrono::milliseconds(2);
    options.retryPolicy.maxAttempts = 2;
    return glacier::GlacierClient(
        network, QUrl(QStringLiteral("https://glacier.us-east-1.amazonaws.com")),
        QStringLiteral("us-east-1"),
        aws::Credentials(QStringLiteral("AKIDEXAMPLE"), QStringLiteral("secret")), options);
}

} // namespace

class TestGlacierJobStatusSource final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void describeJob_data()
    {
        QTest::addColumn<FakeResponse>("response");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QString>("awsCode");
        QTest::addColumn<bool>("retryable");
        QTest::addColumn<bool>("jobNotFound");

        QTest::newRow("succeeded") << FakeResponse::json(200, describeJobBody("Succeeded", true))
                                   << true << 0 << QString() << false << false;
        QTest::newRow("unknown job")
            << FakeResponse::awsError(404, QStringLiteral("ResourceNotFoundException"),
                                      QStringLiteral("The job ID was not found: ") + JobId)
            << false << 404 << QStringLiteral("ResourceNotFoundException") << false << true;
        QTest::newRow("throttled after retries")
            << FakeResponse::awsError(400, QStringLiteral("ThrottlingException"),
                                      QStringLiteral("Rate exceeded"))
            << false << 400 << QStringLiteral("ThrottlingException") << true << false;
        QTest::newRow("bad signature")
            << FakeResponse::awsError(403, QStringLiteral("InvalidSignatureException"),
                                      QStringLiteral("The request signature we calculated does "
                                                     "not match the signature you provided."))
            << false << 403 << QStringLiteral("InvalidSignatureException") << false << false;
    }

    void describeJob()
    {
        QFETCH(FakeResponse, response);
        QFETCH(bool, ok);
        QFETCH(int, httpStatus);
        QFETCH(QString, awsCode);
        QFETCH(bool, retryable);
        QFETCH(bool, jobNotFound);

        FakeNetworkAccessManager network;
        network.setHandler([response](const thaw::test::CapturedRequest &) { return response; });
        jobs::GlacierJobStatusSource source(makeClient(&network));
        std::optional<jobs::JobLookup> lookup;
        source.describeJob(QStringLiteral("photos"), JobId,
                           [&lookup](jobs::JobLookup answer) { lookup = std::move(answer); });
        QTRY_VERIFY_WITH_TIMEOUT(lookup.has_value(), 5000);
        QCOMPARE(network.requests().first().url.path(),
                 QStringLiteral("/-/vaults/photos/jobs/") + JobId);
        QCOMPARE(lookup->ok(), ok);
        if (ok) {
            QCOMPARE(lookup->job().jobId, JobId);
            QCOMPARE(lookup->job().statusCode, glacier::JobStatus::Succeeded);
            return;
        }
        QCOMPARE(lookup->error().httpStatus, httpStatus);
        QCOMPARE(lookup->error().awsCode, awsCode);
        QCOMPARE(lookup->error().retryable, retryable);
        QCOMPARE(lookup->error().jobNotFound, jobNotFound);
        QVERIFY(!lookup->error().message.isEmpty());
    }

    void listJobsFollowsEveryPage()
    {
        FakeNetworkAccessManager network;
        network.enqueue(FakeResponse::json(
            200, "{\"JobList\":[" + describeJobBody("InProgress", false) + "],\"Marker\":\"m2\"}"));
        network.enqueue(FakeResponse::json(
            200, "{\"JobList\":[" + describeJobBody("Succeeded", true) + "],\"Marker\":null}"));
        jobs::GlacierJobStatusSource source(makeClient(&network));
        std::optional<jobs::JobListLookup> lookup;
        source.listJobs(QStringLiteral("photos"),
                        [&lookup](jobs::JobListLookup answer) { lookup = std::move(answer); });
        QTRY_VERIFY_WITH_TIMEOUT(lookup.has_value(), 5000);
        QVERIFY(lookup->ok());
        QCOMPARE(lookup->jobs().size(), 2);
        QCOMPARE(network.requests().size(), 2);
        QCOMPARE(network.requests().at(1).url.query(), QStringLiteral("marker=m2"));
    }

    // End to end: the watcher, polling through the real client, reports the completion.
    void watcherSeesCompletionThroughClient()
    {
        FakeNetworkAccessManager network;
        network.setHandler([](const thaw::test::CapturedRequest &) {
            return FakeResponse::json(200, describeJobBody("Succeeded", true));
        });
        jobs::GlacierJobStatusSource source(makeClient(&network));
        const QDateTime now = QDateTime(QDate(2026, 11, 21), QTime(10, 5), Qt::UTC);
        jobs::JobWatcher watcher(&source, [now] { return now; });
        QSignalSpy completed(&watcher, &jobs::JobWatcher::jobCompleted);
        glacier::JobDescription job;
        job.jobId = JobId; // only the id is known: the watcher asks at once
        watcher.watch(QStringLiteral("photos"), job);
        QVERIFY(completed.wait(5000));
        QCOMPARE(completed.first().first().value<glacier::JobDescription>().jobId, JobId);
    }
};

QTEST_GUILESS_MAIN(TestGlacierJobStatusSource)
#include "tst_glacierjobstatussource.moc"
