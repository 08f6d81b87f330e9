#include "clitestsupport.h"

#include <QtTest>

// thaw-cli get-job-output against thaw-emulator: whole and ranged archive output (bytes and
// printed metadata), JSON and CSV inventories, and the local errors.
class TestCliJobOutput final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void wholeArchive();
    void rangedArchive_data();
    void rangedArchive();
    void rangedRetrievalJob();
    void inventory_data();
    void inventory();
    void errors_data();
    void errors();

private:
    static inline const QString Vault = QStringLiteral("output-vault");
    static constexpr qint64 Size = 3 * 1024 * 1024 + 1000; // four leaves, the last one short

    QString outfile(const QString &name) const { return m_cli->tempPath(name); }

    EmulatorProcess m_emulator;
    std::unique_ptr<CliRunner> m_cli;
    QByteArray m_data;
    QString m_archiveId;
    QString m_archiveJob;
    QString m_rangeJob;
};

void TestCliJobOutput::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_emulator.start({"--job-delay", "0"}), qPrintable(m_emulator.errorString()));
    m_cli = std::make_unique<CliRunner>(m_emulator);
    QCOMPARE(m_cli->run({"create-vault", "--vault-name", Vault}).exitCode, 0);
    m_data = testData(Size, 23);
    m_archiveId = m_cli->uploadArchive(Vault, m_data);
    QVERIFY(!m_archiveId.isEmpty());
    m_archiveJob
        = m_cli->initiateJob(Vault, {{"Type", "archive-retrieval"}, {"ArchiveId", m_archiveId}});
    QVERIFY(!m_archiveJob.isEmpty());
    QCOMPARE(m_cli->waitForJob(Vault, m_archiveJob).value("Completed").toBool(), true);
    m_rangeJob = m_cli->initiateJob(
        Vault, {{"Type", "archive-retrieval"},
                {"ArchiveId", m_archiveId},
                {"RetrievalByteRange", "2097152-" + QString::number(Size - 1)}});
    QVERIFY(!m_rangeJob.isEmpty());
    QCOMPARE(m_cli->waitForJob(Vault, m_rangeJob).value("Completed").toBool(), true);
}

void TestCliJobOutput::wholeArchive()
{
    const QString path = outfile(QStringLiteral("whole.bin"));
    const CliRun run
        = m_cli->run({"get-job-output", "--vault-name", Vault, "--job-id", m_archiveJob, path});
    QVERIFY2(run.exitCode == 0, run.describe());
    QVERIFY(readFile(path) == m_data);
    const QJsonObject metadata = run.json();
    QCOMPARE(metadata.value("status").toInt(), 200);
    QCOMPARE(metadata.value("checksum").toString(), treeHashHex(m_data));
    QVERIFY(!metadata.contains("contentRange"));
    QCOMPARE(metadata.value("acceptRanges").toString(), QStringLiteral("bytes"));
    QCOMPARE(metadata.value("contentType").toString(), QStringLiteral("application/octet-stream"));
}

void TestCliJobOutput::rangedArchive_data()
{
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<bool>("checksum"); // whether the range is tree-hash aligned

    const qint64 mib = 1024 * 1024;
    QTest::newRow("first MiB") << qint64(0) << mib - 1 << true;
    QTest::newRow("second MiB") << mib << 2 * mib - 1 << true;
    QTest::newRow("first 2 MiB") << qint64(0) << 2 * mib - 1 << true;
    QTest::newRow("2 MiB from 1 MiB") << mib << 3 * mib - 1 << false;
    QTest::newRow("from 2 MiB to the end") << 2 * mib << Size - 1 << true;
    QTest::newRow("last leaf") << 3 * mib << Size - 1 << true;
    QTest::newRow("unaligned") << qint64(100) << qint64(999) << false;
    QTest::newRow("one byte") << Size - 1 << Size - 1 << false;
    QTest::newRow("whole as a range") << qint64(0) << Size - 1 << true;
}

void TestCliJobOutput::rangedArchive()
{
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(bool, checksum);

    const QString path = outfile(QStringLiteral("range.bin"));
    const CliRun run
        = m_cli->run({"get-job-output", "--vault-name", Vault, "--job-id", m_archiveJob, "--range",
                      QStringLiteral("bytes=%1-%2").arg(first).arg(last), path});
    QVERIFY2(run.exitCode == 0, run.describe());
    const QByteArray expected = m_data.mid(first, last - first + 1);
    QVERIFY(readFile(path) == expected);
    const QJsonObject metadata = run.json();
    QCOMPARE(metadata.value("status").toInt(), 206);
    QCOMPARE(metadata.value("contentRange").toString(),
             QStringLiteral("bytes %1-%2/%3").arg(first).arg(last).arg(Size));
    QCOMPARE(metadata.contains("checksum"), checksum);
    if (checksum)
        QCOMPARE(metadata.value("checksum").toString(), treeHashHex(expected));
}

void TestCliJobOutput::rangedRetrievalJob()
{
    // The job holds the archive from 2 MiB to its end (a tree-hash-aligned range, so its
    // output has a checksum); ranges are relative to the job's output, so bytes=0-1048575 of it
    // is the archive's third MiB.
    const qint64 mib = 1024 * 1024;
    const QByteArray jobOutput = m_data.mid(2 * mib);
    const QString path = outfile(QStringLiteral("job-range.bin"));
    const CliRun whole
        = m_cli->run({"get-job-output", "--vault-name", Vault, "--job-id", m_rangeJob, path});
    QVERIFY2(whole.exitCode == 0, whole.describe());
    QVERIFY(readFile(path) == jobOutput);
    QCOMPARE(whole.json().value("checksum").toString(), treeHashHex(jobOutput));

    const CliRun part = m_cli->run({"get-job-output", "--vault-name", Vault, "--job-id", m_rangeJob,
                                    "--range", "bytes=0-1048575", path});
    QVERIFY2(part.exitCode == 0, part.describe());
    QVERIFY(readFile(path) == jobOutput.left(mib));
    QCOMPARE(part.json().value("contentRange").toString(),
             QStringLiteral("bytes 0-1048575/%1").arg(jobOutput.size()));
    QCOMPARE(part.json().value("checksum").toString(), treeHashHex(jobOutput.left(mib)));

    // 1000 bytes from 1 MiB: not aligned, so no checksum.
    const CliRun tail = m_cli->run({"get-job-output", "--vault-name", Vault, "--job-id", m_rangeJob,
                                    "--range", "bytes=100-1099", path});
    QVERIFY2(tail.exitCode == 0, tail.describe());
    QVERIFY(readFile(path) == jobOutput.mid(100, 1000));
    QVERIFY(!tail.json().contains("checksum"));
}

void TestCliJobOutput::inventory_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("JSON") << QStringLiteral("JSON");
    QTest::newRow("CSV") << QStringLiteral("CSV");
}

void TestCliJobOutput::inventory()
{
    QFETCH(QString, format);
    const QString jobId
        = m_cli->initiateJob(Vault, {{"Type", "inventory-retrieval"}, {"Format", format}});
    QVERIFY(!jobId.isEmpty());
    const QJsonObject job = m_cli->waitForJob(Vault, jobId);
    QCOMPARE(job.value("Completed").toBool(), true);
    const QString path = outfile(QStringLiteral("inventory.") + format.toLower());
    const CliRun run
        = m_cli->run({"get-job-output", "--vault-name", Vault, "--job-id", jobId, path});
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(run.json().value("status").toInt(), 200);
    const QByteArray body = readFile(path);
    QCOMPARE(qint64(body.size()), qint64(job.value("InventorySizeInBytes").toDouble()));
    if (format == QLatin1String("JSON")) {
        QCOMPARE(run.json().value("contentType").toString(), QStringLiteral("application/json"));
        const QJsonObject inventory = QJsonDocument::fromJson(body).object();
        QCOMPARE(inventory.value("VaultARN").toString(),
                 QStringLiteral("arn:aws:glacier:us-east-1:123456789012:vaults/") + Vault);
        const QJsonArray archives = inventory.value("ArchiveList").toArray();
        QCOMPARE(archives.size(), 1);
        const QJsonObject archive = archives.first().toObject();
        QCOMPARE(archive.value("ArchiveId").toString(), m_archiveId);
        QCOMPARE(qint64(archive.value("Size").toDouble()), Size);
        QCOMPARE(archive.value("SHA256TreeHash").toString(), treeHashHex(m_data));
    } else {
        QCOMPARE(run.json().value("contentType").toString(), QStringLiteral("text/csv"));
        const QList<QByteArray> lines = body.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).trimmed(),
                 QByteArray("ArchiveId,ArchiveDescription,CreationDate,Size,SHA256TreeHash"));
        QVERIFY2(lines.at(1).startsWith(m_archiveId.toLatin1() + ','), lines.at(1));
        QVERIFY2(lines.at(1).trimmed().endsWith(',' + QByteArray::number(Size) + ','
                                                + treeHashHex(m_data).toLatin1()),
                 lines.at(1));
    }
}

void TestCliJobOutput::errors_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("outfile");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrContains");

    QTest::newRow("unwritable outfile") << QStringList{} << QStringLiteral("/nonexistent/dir/out")
                                        << 3 << QStringLiteral("/nonexistent/dir/out");
    QTest::newRow("bad range") << QStringList{"--range", "0-100"} << QStringLiteral("out") << 2
                               << QStringLiteral("--range");
    QTest::newRow("reversed range") << QStringList{"--range", "bytes=100-0"}
                                    << QStringLiteral("out") << 2 << QStringLiteral("--range");
    QTest::newRow("no outfile") << QStringList{} << QString() << 2 << QStringLiteral("OUTFILE");
    QTest::newRow("unknown job")
        << QStringList{"--job-id", "no-such-job"} << QStringLiteral("out") << 4
        << QStringLiteral("An error occurred (ResourceNotFoundException) when calling the "
                          "GetJobOutput operation: ");
    QTest::newRow("unsatisfiable range")
        << QStringList{"--range", "bytes=" + QString::number(Size) + "-" + QString::number(Size)}
        << QStringLiteral("out") << 4 << QStringLiteral("GetJobOutput");
}

void TestCliJobOutput::errors()
{
    QFETCH(QStringList, options);
    QFETCH(QString, outfile);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrContains);

    QStringList arguments{"get-job-output", "--vault-name", Vault};
    if (!options.contains(QLatin1String("--job-id")))
        arguments << "--job-id" << m_archiveJob;
    arguments += options;
    if (!outfile.isEmpty())
        arguments << (outfile.startsWith(QLatin1Char('/')) ? outfile : this->outfile(outfile));
    QFile::remove(this->outfile(QStringLiteral("out")));
    const CliRun run = m_cli->run(arguments);
    QVERIFY2(run.exitCode == exitCode, run.describe());
    QVERIFY2(QString::fromUtf8(run.err).contains(stderrContains), run.describe());
    QVERIFY(run.out.isEmpty());
    QVERIFY(!QFile::exists(this->outfile(QStringLiteral("out"))));
}

QTEST_GUILESS_MAIN(TestCliJobOutput)
#include "tst_clijoboutput.moc"
