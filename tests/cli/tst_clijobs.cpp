#include "clitestsupport.h"

#include <QtTest>

// thaw-cli's job commands (initiate-job, describe-job, list-jobs) against thaw-emulator, whose
// jobs take an hour: the tests move the emulator's clock instead of waiting. The functions run
// in order and share the emulator's state; the last one lets every job expire.
class TestCliJobs final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void initiateJobs_data();
    void initiateJobs();
    void describeJobInProgress();
    void outputOfJobInProgressRefused();
    void listJobsFilters_data();
    void listJobsFilters();
    void completedJobs_data();
    void completedJobs();
    void listJobsFollowsEveryPage();
    void listJobsOnePageWithLimitAndMarker();
    void initiateJobErrors_data();
    void initiateJobErrors();
    void expiredJobOutput();

private:
    static inline const QString Vault = QStringLiteral("jobs-vault");
    static constexpr qint64 JobDelaySeconds = 3600;

    EmulatorProcess m_emulator;
    std::unique_ptr<CliRunner> m_cli;
    std::unique_ptr<EmulatorControl> m_control;
    QByteArray m_data;
    QString m_archiveId;
    QHash<QString, QString> m_jobs; // data tag → job id
    bool m_clockAdvanced = false;
};

void TestCliJobs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_emulator.start({"--job-delay", QString::number(JobDelaySeconds)}),
             qPrintable(m_emulator.errorString()));
    m_cli = std::make_unique<CliRunner>(m_emulator);
    m_control = std::make_unique<EmulatorControl>(m_emulator.baseUrl());
    QCOMPARE(m_cli->run({"create-vault", "--vault-name", Vault}).exitCode, 0);
    m_data = testData(3 * 1024 * 1024 + 1000, 11);
    m_archiveId = m_cli->uploadArchive(Vault, m_data);
    QVERIFY(!m_archiveId.isEmpty());
}

void TestCliJobs::initiateJobs_data()
{
    QTest::addColumn<QJsonObject>("parameters");
    QTest::addColumn<QString>("action");

    QTest::newRow("archive") << QJsonObject{{"Type", "archive-retrieval"}, {"Description", "whole"}}
                             << QStringLiteral("ArchiveRetrieval");
    QTest::newRow("archive range")
        << QJsonObject{{"Type", "archive-retrieval"}, {"RetrievalByteRange", "1048576-2097151"}}
        << QStringLiteral("ArchiveRetrieval");
    QTest::newRow("inventory JSON")
        << QJsonObject{{"Type", "inventory-retrieval"}, {"Format", "JSON"}}
        << QStringLiteral("InventoryRetrieval");
    QTest::newRow("inventory CSV")
        << QJsonObject{{"Type", "inventory-retrieval"}, {"Format", "CSV"}}
        << QStringLiteral("InventoryRetrieval");
}

void TestCliJobs::initiateJobs()
{
    QFETCH(QJsonObject, parameters);
    QFETCH(QString, action);
    if (parameters.value("Type") == QLatin1String("archive-retrieval"))
        parameters.insert("ArchiveId", m_archiveId);
    const CliRun run
        = m_cli->run({"initiate-job", "--vault-name", Vault, "--job-parameters",
                      QString::fromUtf8(QJsonDocument(parameters).toJson(QJsonDocument::Compact))});
    QVERIFY2(run.exitCode == 0, run.describe());
    const QString jobId = run.value("jobId");
    QVERIFY(!jobId.isEmpty());
    QCOMPARE(run.value("location"),
             QStringLiteral("/123456789012/vaults/%1/jobs/%2").arg(Vault, jobId));
    m_jobs.insert(QString::fromLatin1(QTest::currentDataTag()), jobId);
}

void TestCliJobs::describeJobInProgress()
{
    QVERIFY(m_jobs.contains("archive"));
    const CliRun run
        = m_cli->run({"describe-job", "--vault-name", Vault, "--job-id", m_jobs.value("archive")});
    QVERIFY2(run.exitCode == 0, run.describe());
    const QJsonObject job = run.json();
    // The field names and nulls as `aws glacier describe-job` prints them.
    const QStringList fields{"JobId",
                             "JobDescription",
                             "Action",
                             "ArchiveId",
                             "VaultARN",
                             "CreationDate",
                             "Completed",
                             "StatusCode",
                             "StatusMessage",
                             "ArchiveSizeInBytes",
                             "InventorySizeInBytes",
                             "SNSTopic",
                             "CompletionDate",
                             "SHA256TreeHash",
                             "ArchiveSHA256TreeHash",
                             "RetrievalByteRange",
                             "Tier"};
    for (const QString &field : fields)
        QVERIFY2(job.contains(field), qPrintable(field + QLatin1String(" in ") + run.out));
    QCOMPARE(job.value("JobId").toString(), m_jobs.value("archive"));
    QCOMPARE(job.value("JobDescription").toString(), QStringLiteral("whole"));
    QCOMPARE(job.value("Action").toString(), QStringLiteral("ArchiveRetrieval"));
    QCOMPARE(job.value("ArchiveId").toString(), m_archiveId);
    QCOMPARE(job.value("VaultARN").toString(),
             QStringLiteral("arn:aws:glacier:us-east-1:123456789012:vaults/") + Vault);
    QCOMPARE(job.value("Completed").toBool(true), false);
    QCOMPARE(job.value("StatusCode").toString(), QStringLiteral("InProgress"));
    QVERIFY(job.value("CompletionDate").isNull());
    QCOMPARE(qint64(job.value("ArchiveSizeInBytes").toDouble()), qint64(m_data.size()));
    QCOMPARE(job.value("ArchiveSHA256TreeHash").toString(), treeHashHex(m_data));
    QCOMPARE(job.value("Tier").toString(), QStringLiteral("Standard"));
    QVERIFY(job.value("InventorySizeInBytes").isNull());

    const CliRun inventory = m_cli->run(
        {"describe-job", "--vault-name", Vault, "--job-id", m_jobs.value("inventory CSV")});
    QVERIFY2(inventory.exitCode == 0, inventory.describe());
    QCOMPARE(inventory.json().value("Action").toString(), QStringLiteral("InventoryRetrieval"));
    QCOMPARE(inventory.json()
                 .value("InventoryRetrievalParameters")
                 .toObject()
                 .value("Format")
                 .toString(),
             QStringLiteral("CSV"));
}

void TestCliJobs::outputOfJobInProgressRefused()
{
    const QString outfile = m_cli->tempPath(QStringLiteral("in-progress.out"));
    const CliRun run = m_cli->run(
        {"get-job-output", "--vault-name", Vault, "--job-id", m_jobs.value("archive"), outfile});
    QVERIFY2(run.exitCode == 4, run.describe());
    QVERIFY2(run.err.contains("An error occurred (InvalidParameterValueException) when calling "
                              "the GetJobOutput operation: "),
             run.describe());
    QVERIFY(!QFile::exists(outfile));
}

void TestCliJobs::listJobsFilters_data()
{
    QTest::addColumn<QStringList>("filter");
    QTest::addColumn<int>("expected");
    // All four jobs are in progress at this point.
    QTest::newRow("none") << QStringList{} << 4;
    QTest::newRow("completed false") << QStringList{"--completed", "false"} << 4;
    QTest::newRow("completed true") << QStringList{"--completed", "true"} << 0;
    QTest::newRow("InProgress") << QStringList{"--statuscode", "InProgress"} << 4;
    QTest::newRow("Succeeded") << QStringList{"--statuscode", "Succeeded"} << 0;
}

void TestCliJobs::listJobsFilters()
{
    QFETCH(QStringList, filter);
    QFETCH(int, expected);
    const CliRun run = m_cli->run(QStringList{"list-jobs", "--vault-name", Vault} + filter);
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(run.json().value("JobList").toArray().size(), expected);
}

void TestCliJobs::completedJobs_data()
{
    QTest::addColumn<QString>("tag");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    const qint64 size = 3 * 1024 * 1024 + 1000;
    QTest::newRow("archive") << QStringLiteral("archive") << qint64(0) << size - 1;
    QTest::newRow("archive range")
        << QStringLiteral("archive range") << qint64(1048576) << qint64(2097151);
    QTest::newRow("inventory JSON") << QStringLiteral("inventory JSON") << qint64(-1) << qint64(-1);
    QTest::newRow("inventory CSV") << QStringLiteral("inventory CSV") << qint64(-1) << qint64(-1);
}

void TestCliJobs::completedJobs()
{
    QFETCH(QString, tag);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    if (!m_clockAdvanced) { // once, for every row: the jobs complete an hour after they began
        QVERIFY(m_control->advanceClock(JobDelaySeconds + 1));
        m_clockAdvanced = true;
    }
    const QJsonObject job = m_cli->waitForJob(Vault, m_jobs.value(tag));
    QCOMPARE(job.value("Completed").toBool(), true);
    QCOMPARE(job.value("StatusCode").toString(), QStringLiteral("Succeeded"));
    QVERIFY(!job.value("CompletionDate").toString().isEmpty());
    if (first < 0) {
        QVERIFY(job.value("InventorySizeInBytes").toDouble() > 0);
        return;
    }
    QCOMPARE(job.value("RetrievalByteRange").toString(),
             QStringLiteral("%1-%2").arg(first).arg(last));
    QCOMPARE(job.value("SHA256TreeHash").toString(),
             treeHashHex(QByteArrayView(m_data).sliced(first, last - first + 1)));
}

void TestCliJobs::listJobsFollowsEveryPage()
{
    // 51 jobs: one more than a ListJobs page holds.
    const int total = 51;
    for (int i = m_jobs.size(); i < total; ++i) {
        const QString jobId = m_cli->initiateJob(
            Vault, {{"Type", "inventory-retrieval"}, {"Description", QString::number(i)}});
        QVERIFY(!jobId.isEmpty());
        m_jobs.insert(QStringLiteral("extra %1").arg(i), jobId);
    }
    QVERIFY(m_control->resetCounters());
    const CliRun run = m_cli->run({"list-jobs", "--vault-name", Vault});
    QVERIFY2(run.exitCode == 0, run.describe());
    QSet<QString> listed;
    for (const QJsonValue &job : run.json().value("JobList").toArray())
        listed.insert(job.toObject().value("JobId").toString());
    QCOMPARE(listed.size(), total);
    const QList<QString> expected = m_jobs.values();
    QCOMPARE(listed, QSet<QString>(expected.begin(), expected.end()));
    QVERIFY(!run.json().contains("Marker"));
    QCOMPARE(m_control->requests("ListJobs"), 2);

    const CliRun completed
        = m_cli->run({"list-jobs", "--vault-name", Vault, "--completed", "true"});
    QVERIFY2(completed.exitCode == 0, completed.describe());
    QCOMPARE(completed.json().value("JobList").toArray().size(), 4);
    const CliRun running
        = m_cli->run({"list-jobs", "--vault-name", Vault, "--statuscode", "InProgress"});
    QVERIFY2(running.exitCode == 0, running.describe());
    QCOMPARE(running.json().value("JobList").toArray().size(), total - 4);
}

void TestCliJobs::listJobsOnePageWithLimitAndMarker()
{
    QVERIFY(m_control->resetCounters());
    const CliRun first = m_cli->run({"list-jobs", "--vault-name", Vault, "--limit", "3"});
    QVERIFY2(first.exitCode == 0, first.describe());
    const QJsonArray firstPage = first.json().value("JobList").toArray();
    QCOMPARE(firstPage.size(), 3);
    const QString marker = first.value("Marker");
    QVERIFY(!marker.isEmpty());
    QCOMPARE(m_control->requests("ListJobs"), 1);

    const CliRun second
        = m_cli->run({"list-jobs", "--vault-name", Vault, "--limit", "3", "--marker", marker});
    QVERIFY2(second.exitCode == 0, second.describe());
    const QJsonArray secondPage = second.json().value("JobList").toArray();
    QCOMPARE(secondPage.size(), 3);
    QSet<QString> ids;
    for (const QJsonArray &page : {firstPage, secondPage}) {
        for (const QJsonValue &job : page)
            ids.insert(job.toObject().value("JobId").toString());
    }
    QCOMPARE(ids.size(), 6);
}

void TestCliJobs::initiateJobErrors_data()
{
    QTest::addColumn<QString>("parameters");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrContains");

    QTest::newRow("not JSON") << QStringLiteral("{nope") << 2 << QStringLiteral("JSON");
    QTest::newRow("no type") << QStringLiteral("{}") << 2 << QStringLiteral("Type");
    QTest::newRow("missing file") << QStringLiteral("file:///nonexistent/params.json") << 3
                                  << QStringLiteral("/nonexistent/params.json");
    QTest::newRow("unaligned range")
        << QStringLiteral(R"({"Type":"archive-retrieval","ArchiveId":"%1",)"
                          R"("RetrievalByteRange":"1-1048575"})")
        << 4
        << QStringLiteral("An error occurred (InvalidParameterValueException) when calling "
                          "the InitiateJob operation: ");
    QTest::newRow("unknown archive")
        << QStringLiteral(R"({"Type":"archive-retrieval","ArchiveId":"nope"})") << 4
        << QStringLiteral("when calling the InitiateJob operation: ");
}

void TestCliJobs::initiateJobErrors()
{
    QFETCH(QString, parameters);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrContains);
    if (parameters.contains(QLatin1String("%1")))
        parameters = parameters.arg(m_archiveId);
    const CliRun run
        = m_cli->run({"initiate-job", "--vault-name", Vault, "--job-parameters", parameters});
    QVERIFY2(run.exitCode == exitCode, run.describe());
    QVERIFY2(QString::fromUtf8(run.err).contains(stderrContains), run.describe());
}

void TestCliJobs::expiredJobOutput()
{
    // Job output is kept for 24 hours after the job completes.
    QVERIFY(m_control->advanceClock(25 * 3600));
    const QString outfile = m_cli->tempPath(QStringLiteral("expired.out"));
    const CliRun run = m_cli->run(
        {"get-job-output", "--vault-name", Vault, "--job-id", m_jobs.value("archive"), outfile});
    QVERIFY2(run.exitCode == 4, run.describe());
    QVERIFY2(run.err.contains("An error occurred (ResourceNotFoundException) when calling the "
                              "GetJobOutput operation: "),
             run.describe());
    QVERIFY(!QFile::exists(outfile));
}

QTEST_GUILESS_MAIN(TestCliJobs)
#include "tst_clijobs.moc"
