// The JSON parsers of core/glacier/glacierjson.h against the examples of the API reference
// (referenceexamples.h), plus malformed and mistyped bodies: a clear error, never a crash.
#include "core/glacier/glacierjson.h"
#include "core/glacier/jobparameters.h"
#include "referenceexamples.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace thaw::glacier;
namespace examples = thaw::test::examples;

namespace {

QDateTime utc(int year, int month, int day, int hour, int minute, int second, int ms = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), QTimeZone::utc());
}

} // namespace

class TestGlacierJson final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseDate_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("milliseconds")
            << QStringLiteral("2013-03-20T17:03:43.221Z") << utc(2013, 3, 20, 17, 3, 43, 221);
        QTest::newRow("seconds") << QStringLiteral("2013-03-20T17:03:43Z")
                                 << utc(2013, 3, 20, 17, 3, 43);
        QTest::newRow("no zone") << QStringLiteral("2013-03-20T17:03:43") << QDateTime();
        QTest::newRow("garbage") << QStringLiteral("yesterday") << QDateTime();
        QTest::newRow("empty") << QString() << QDateTime();
        QTest::newRow("bad month") << QStringLiteral("2013-13-20T17:03:43Z") << QDateTime();
    }
    void parseDate()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime parsed = json::parseDate(text);
        QCOMPARE(parsed.isValid(), expected.isValid());
        if (expected.isValid()) {
            QCOMPARE(parsed, expected);
            QCOMPARE(parsed.timeSpec(), Qt::UTC);
        }
    }

    void describeJobArchive()
    {
        QString error;
        const auto job = json::parseJobDescription(examples::DescribeJobArchive, &error);
        QVERIFY2(job, qPrintable(error));
        QCOMPARE(job->action, JobAction::ArchiveRetrieval);
        QCOMPARE(job->actionText, QStringLiteral("ArchiveRetrieval"));
        QVERIFY(job->archiveId->endsWith(QLatin1String("EXAMPLEArchiveId")));
        QCOMPARE(job->archiveSizeInBytes, std::optional<qint64>(16777216));
        QCOMPARE(
            *job->archiveSha256TreeHash,
            QStringLiteral("beb0fe31a1c7ca8c6c04d574ea906e3f97b31fdca7571defb5b44dca89b5af60"));
        QCOMPARE(job->completed, false);
        QVERIFY(!job->completionDate);
        QCOMPARE(*job->creationDate, utc(2012, 5, 15, 17, 21, 39, 339));
        QVERIFY(!job->inventorySizeInBytes); // null is absent, not zero
        QCOMPARE(*job->jobDescription, QStringLiteral("My ArchiveRetrieval Job"));
        QVERIFY(job->jobId.startsWith(QLatin1String("HkF9p6o7yjhFx")));
        QCOMPARE(*job->retrievalByteRange, QStringLiteral("0-16777215"));
        QCOMPARE(*job->sha256TreeHash, *job->archiveSha256TreeHash);
        QCOMPARE(*job->snsTopic, QStringLiteral("arn:aws:sns:us-west-2:012345678901:mytopic"));
        QCOMPARE(job->statusCode, JobStatus::InProgress);
        QCOMPARE(*job->statusMessage, QStringLiteral("Operation in progress."));
        QCOMPARE(job->tier, std::optional<RetrievalTier>(RetrievalTier::Bulk));
        QCOMPARE(*job->vaultArn,
                 QStringLiteral("arn:aws:glacier:us-west-2:012345678901:vaults/examplevault"));
        QVERIFY(!job->inventoryRetrievalParameters);
        QVERIFY(!job->outputLocation);
        QVERIFY(!job->selectParameters);
    }

    void describeJobInventory()
    {
        QString error;
        const auto job = json::parseJobDescription(examples::DescribeJobInventory, &error);
        QVERIFY2(job, qPrintable(error));
        QCOMPARE(job->action, JobAction::InventoryRetrieval);
        QVERIFY(!job->archiveId);
        QVERIFY(!job->archiveSizeInBytes);
        QVERIFY(!job->archiveSha256TreeHash);
        QVERIFY(!job->retrievalByteRange);
        QVERIFY(!job->sha256TreeHash);
        QVERIFY(!job->tier);
        QCOMPARE(*job->creationDate, utc(2012, 5, 15, 23, 18, 13, 224));
    }

    void describeJobInventoryMarker()
    {
        QString error;
        // AWS's example as printed has a trailing comma: a clear error, no crash.
        QVERIFY(!json::parseJobDescription(examples::DescribeJobInventoryMarker, &error));
        QVERIFY2(error.contains(QLatin1String("invalid JSON")), qPrintable(error));

        const auto job
            = json::parseJobDescription(examples::DescribeJobInventoryMarkerFixed, &error);
        QVERIFY2(job, qPrintable(error));
        QCOMPARE(job->inventorySizeInBytes, std::optional<qint64>(777062));
        QVERIFY(!job->jobDescription);
        QCOMPARE(job->statusCode, JobStatus::Succeeded);
        QVERIFY(job->completed);
        QCOMPARE(*job->completionDate, utc(2013, 12, 5, 21, 51, 13, 591));
        QVERIFY(job->inventoryRetrievalParameters);
        const InventoryRetrievalParameters &parameters = *job->inventoryRetrievalParameters;
        QCOMPARE(*parameters.startDate, utc(2013, 11, 12, 13, 43, 12));
        QCOMPARE(*parameters.endDate, utc(2013, 11, 20, 8, 12, 45));
        QCOMPARE(*parameters.limit, QStringLiteral("120000"));
        QCOMPARE(*parameters.format, QStringLiteral("JSON"));
        QVERIFY(parameters.marker->startsWith(QLatin1String("vyS0t2jHQe5qbcDggIeD50")));
    }

    void listJobs()
    {
        QString error;
        QVERIFY(!json::parseListJobs(examples::ListJobsAll, &error));
        QVERIFY2(error.contains(QLatin1String("invalid JSON")), qPrintable(error));

        auto page = json::parseListJobs(examples::ListJobsAllFixed, &error);
        QVERIFY2(page, qPrintable(error));
        QCOMPARE(page->jobList.size(), 2);
        QVERIFY(!page->marker);
        QCOMPARE(page->jobList.at(0).archiveSizeInBytes, std::optional<qint64>(1048576));
        QCOMPARE(page->jobList.at(0).statusCode, JobStatus::Succeeded);
        QCOMPARE(page->jobList.at(1).inventorySizeInBytes, std::optional<qint64>(1988));
        QCOMPARE(*page->jobList.at(1).inventoryRetrievalParameters->limit,
                 QStringLiteral("120000"));

        page = json::parseListJobs(examples::ListJobsPartial, &error);
        QVERIFY2(page, qPrintable(error));
        QCOMPARE(page->jobList.size(), 2);
        QCOMPARE(page->jobList.at(1).tier, std::optional<RetrievalTier>(RetrievalTier::Standard));
        QCOMPARE(*page->marker, page->jobList.at(1).jobId);
    }

    void vaults()
    {
        QString error;
        const auto page = json::parseListVaults(examples::ListVaults, &error);
        QVERIFY2(page, qPrintable(error));
        QVERIFY(!page->marker);
        QCOMPARE(page->vaultList.size(), 3);
        QCOMPARE(page->vaultList.at(0).vaultName, QStringLiteral("examplevault1"));
        QCOMPARE(page->vaultList.at(0).numberOfArchives, 2);
        QCOMPARE(page->vaultList.at(0).sizeInBytes, 12334);
        QCOMPARE(*page->vaultList.at(2).lastInventoryDate, utc(2012, 3, 25, 12, 14, 31, 121));

        const auto vault = json::parseVaultDescription(examples::DescribeVault, &error);
        QVERIFY2(vault, qPrintable(error));
        QCOMPARE(vault->vaultName, QStringLiteral("examplevault"));
        QCOMPARE(vault->vaultArn,
                 QStringLiteral("arn:aws:glacier:us-west-2:012345678901:vaults/examplevault"));
        QCOMPARE(*vault->creationDate, utc(2012, 2, 20, 17, 1, 45, 198));
        QCOMPARE(*vault->lastInventoryDate, utc(2012, 3, 20, 17, 3, 43, 221));
        QCOMPARE(vault->numberOfArchives, 192);
        QCOMPARE(vault->sizeInBytes, 78088912);

        const auto fresh = json::parseVaultDescription(
            R"({"VaultName":"v","VaultARN":"a","CreationDate":"2012-02-20T17:01:45Z",
                "LastInventoryDate":null,"NumberOfArchives":0,"SizeInBytes":0})",
            &error);
        QVERIFY2(fresh, qPrintable(error));
        QVERIFY(!fresh->lastInventoryDate);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("invalid JSON");
        QTest::newRow("truncated")
            << QByteArray(R"({"JobId":"x",)") << QStringLiteral("invalid JSON");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("not an object");
        QTest::newRow("html") << QByteArray("<html>502</html>") << QStringLiteral("invalid JSON");
        QTest::newRow("no job id")
            << QByteArray(R"({"Action":"Select"})") << QStringLiteral("JobId");
        QTest::newRow("size as string") << QByteArray(R"({"JobId":"j","ArchiveSizeInBytes":"12"})")
                                        << QStringLiteral("ArchiveSizeInBytes");
        QTest::newRow("negative size") << QByteArray(R"({"JobId":"j","InventorySizeInBytes":-1})")
                                       << QStringLiteral("InventorySizeInBytes");
        QTest::newRow("fractional size") << QByteArray(R"({"JobId":"j","ArchiveSizeInBytes":1.5})")
                                         << QStringLiteral("ArchiveSizeInBytes");
        QTest::newRow("completed as string")
            << QByteArray(R"({"JobId":"j","Completed":"true"})") << QStringLiteral("Completed");
        QTest::newRow("bad date") << QByteArray(R"({"JobId":"j","CreationDate":"May 1st"})")
                                  << QStringLiteral("CreationDate");
        QTest::newRow("bad tier") << QByteArray(R"({"JobId":"j","Tier":"Fast"})")
                                  << QStringLiteral("Tier");
        QTest::newRow("parameters not object")
            << QByteArray(R"({"JobId":"j","InventoryRetrievalParameters":"x"})")
            << QStringLiteral("InventoryRetrievalParameters");
        QTest::newRow("inner date")
            << QByteArray(R"({"JobId":"j","InventoryRetrievalParameters":{"StartDate":5}})")
            << QStringLiteral("InventoryRetrievalParameters.StartDate");
    }
    void malformed()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!json::parseJobDescription(body, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void malformedLists()
    {
        QString error;
        QVERIFY(!json::parseListJobs(R"({"JobList":{}})", &error));
        QVERIFY2(error.contains(QLatin1String("JobList")), qPrintable(error));
        QVERIFY(!json::parseListJobs(R"({"JobList":[1]})", &error));
        QVERIFY2(error.contains(QLatin1String("JobList[0]")), qPrintable(error));
        QVERIFY(!json::parseListVaults(R"({"VaultList":[],"Marker":7})", &error));
        QVERIFY2(error.contains(QLatin1String("Marker")), qPrintable(error));
        QVERIFY(!json::parseListVaults(R"({"VaultList":[{"VaultName":"v","SizeInBytes":true}]})",
                                       &error));
        QVERIFY2(error.contains(QLatin1String("SizeInBytes")), qPrintable(error));
    }

    void selectKeptRaw()
    {
        QString error;
        const auto job = json::parseJobDescription(
            R"({"JobId":"j","Action":"Select","OutputLocation":{"S3":{"BucketName":"b"}},
                "SelectParameters":{"Expression":"select * from archive"},
                "JobOutputPath":"out/"})",
            &error);
        QVERIFY2(job, qPrintable(error));
        QCOMPARE(job->action, JobAction::Select);
        QCOMPARE(job->outputLocation->value(QLatin1String("S3"))
                     .toObject()
                     .value(QLatin1String("BucketName"))
                     .toString(),
                 QStringLiteral("b"));
        QCOMPARE(job->selectParameters->value(QLatin1String("Expression")).toString(),
                 QStringLiteral("select * from archive"));
        QCOMPARE(*job->jobOutputPath, QStringLiteral("out/"));
        const QJsonObject back = json::toJson(*job);
        QCOMPARE(back.value(QLatin1String("OutputLocation")).toObject(), *job->outputLocation);
        QVERIFY(back.value(QLatin1String("ArchiveSizeInBytes")).isNull());
    }

    void jobParameters_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("expected");
        ArchiveRetrievalParameters archive;
        archive.archiveId = QStringLiteral("NkbByEejwEgg");
        archive.description = QStringLiteral("My archive description");
        archive.retrievalByteRange = QStringLiteral("2097152-4194303");
        archive.snsTopic = QStringLiteral("arn:aws:sns:us-west-2:111111111111:topic");
        archive.tier = RetrievalTier::Bulk;
        QTest::newRow("archive") << toJsonBody(archive)
                                 << QByteArray(
                                        R"({"ArchiveId":"NkbByEejwEgg",)"
                                        R"("Description":"My archive description",)"
                                        R"("RetrievalByteRange":"2097152-4194303",)"
                                        R"("SNSTopic":"arn:aws:sns:us-west-2:111111111111:topic",)"
                                        R"("Tier":"Bulk","Type":"archive-retrieval"})");
        InventoryRetrievalJobParameters inventory;
        inventory.format = QStringLiteral("CSV");
        QTest::newRow("inventory")
            << toJsonBody(inventory)
            << QByteArray(R"({"Format":"CSV","Type":"inventory-retrieval"})");
        inventory.startDate = utc(2013, 12, 4, 21, 25, 42);
        inventory.limit = QStringLiteral("10000");
        inventory.marker = QStringLiteral("vyS0t2");
        QTest::newRow("inventory filtered")
            << toJsonBody(inventory)
            << QByteArray(R"({"Format":"CSV","InventoryRetrievalParameters":{"Limit":"10000",)"
                          R"("Marker":"vyS0t2","StartDate":"2013-12-04T21:25:42.000Z"},)"
                          R"("Type":"inventory-retrieval"})");
    }
    void jobParameters()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, expected);
        QCOMPARE(body, expected);
    }
};

QTEST_GUILESS_MAIN(TestGlacierJson)
#include "tst_glacierjson.moc"
