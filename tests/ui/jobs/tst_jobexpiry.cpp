// The pure pieces of the Jobs view: the expiry countdown and "won't fit" estimate, output sizes,
// file names from hostile descriptions, the Initiate Job body that repeats a job, and the
// details pane's list of every Describe Job field.
#include "ui/jobs/jobexpiry.h"
#include "ui/jobs/jobfields.h"
#include "ui/jobs/jobname.h"
#include "ui/jobs/jobretry.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace thaw;
using namespace thaw::ui;
using namespace std::chrono;
using glacier::JobDescription;

Q_DECLARE_METATYPE(thaw::ui::ExpiryState)

namespace {

const QDateTime kCompleted(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
constexpr qint64 MiB = 1 << 20;

JobDescription succeeded(qint64 size)
{
    JobDescription job;
    job.jobId = QStringLiteral("JOB");
    job.action = glacier::JobAction::ArchiveRetrieval;
    job.actionText = QStringLiteral("ArchiveRetrieval");
    job.statusCode = glacier::JobStatus::Succeeded;
    job.completed = true;
    job.creationDate = kCompleted.addSecs(-3600);
    job.completionDate = kCompleted;
    job.archiveId = QStringLiteral("ARCHIVE-ID-0123456789");
    job.archiveSizeInBytes = size;
    return job;
}

} // namespace

class TestJobExpiry final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // now is given as seconds after CompletionDate; the window ends at 86400.
    void expiryStates_data()
    {
        QTest::addColumn<qint64>("secondsAfterCompletion");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("rate");
        QTest::addColumn<ExpiryState>("state");
        QTest::addColumn<qint64>("remainingSeconds"); // -1: none
        QTest::addColumn<qint64>("estimateSeconds");  // -1: none

        QTest::newRow("fresh") << 0LL << 100 * MiB << MiB << ExpiryState::Available << 86400LL
                               << 100LL;
        QTest::newRow("exactly 3 h left is not soon yet")
            << 86400LL - 10800 << MiB << MiB << ExpiryState::Available << 10800LL << 1LL;
        QTest::newRow("3 h - 1 s left") << 86400LL - 10799 << MiB << MiB
                                        << ExpiryState::ExpiringSoon << 10799LL << 1LL;
        QTest::newRow("1 s left") << 86399LL << 1LL << MiB << ExpiryState::ExpiringSoon << 1LL
                                  << 1LL;
        QTest::newRow("at the end") << 86400LL << MiB << MiB << ExpiryState::Expired << 0LL << 1LL;
        QTest::newRow("long after") << 90000LL << MiB << MiB << ExpiryState::Expired << 0LL << 1LL;
        // 10 GiB at 100 KiB/s takes ~29 h: more than the whole window.
        QTest::newRow("won't fit, fresh") << 0LL << 10240 * MiB << 100 * 1024LL
                                          << ExpiryState::WontFit << 86400LL << 104858LL;
        // 1 GiB at 1 MiB/s: 1024 s; fits with 1025 s left, not with 1023.
        QTest::newRow("fits by a second") << 86400LL - 1025 << 1024 * MiB << MiB
                                          << ExpiryState::ExpiringSoon << 1025LL << 1024LL;
        QTest::newRow("misses by a second") << 86400LL - 1023 << 1024 * MiB << MiB
                                            << ExpiryState::WontFit << 1023LL << 1024LL;
        QTest::newRow("no rate: no estimate") << 0LL << MiB << 0LL << ExpiryState::Available
                                              << 86400LL << -1LL;
        QTest::newRow("clock before completion") << -600LL << MiB << MiB
                                                 << ExpiryState::Available << 87000LL << 1LL;
    }
    void expiryStates()
    {
        QFETCH(qint64, secondsAfterCompletion);
        QFETCH(qint64, size);
        QFETCH(qint64, rate);
        QFETCH(ExpiryState, state);
        QFETCH(qint64, remainingSeconds);
        QFETCH(qint64, estimateSeconds);
        const ExpiryInfo info
            = evaluateExpiry(succeeded(size), kCompleted.addSecs(secondsAfterCompletion), rate);
        QCOMPARE(info.state, state);
        QVERIFY(info.remaining);
        QCOMPARE(duration_cast<seconds>(*info.remaining).count(), remainingSeconds);
        QCOMPARE(info.downloadEstimate ? info.downloadEstimate->count() : -1, estimateSeconds);
    }

    void noOutputWithoutWindow_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("withCompletion");
        QTest::newRow("in progress") << int(glacier::JobStatus::InProgress) << false;
        QTest::newRow("failed") << int(glacier::JobStatus::Failed) << true;
        QTest::newRow("succeeded without date") << int(glacier::JobStatus::Succeeded) << false;
        QTest::newRow("unknown") << int(glacier::JobStatus::Unknown) << true;
    }
    void noOutputWithoutWindow()
    {
        QFETCH(int, status);
        QFETCH(bool, withCompletion);
        JobDescription job = succeeded(MiB);
        job.statusCode = glacier::JobStatus(status);
        if (!withCompletion)
            job.completionDate.reset();
        const ExpiryInfo info = evaluateExpiry(job, kCompleted, MiB);
        QCOMPARE(info.state, ExpiryState::NoOutput);
        QVERIFY(!info.remaining);
    }

    void countdown_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("day") << 86400000LL << QStringLiteral("24:00:00");
        QTest::newRow("mixed") << 3723000LL << QStringLiteral("01:02:03");
        QTest::newRow("sub-second rounds down") << 59999LL << QStringLiteral("00:00:59");
        QTest::newRow("zero") << 0LL << QStringLiteral("expired");
        QTest::newRow("negative") << -5LL << QStringLiteral("expired");
    }
    void countdown()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(countdownText(milliseconds(ms)), text);
    }

    void outputSize_data()
    {
        QTest::addColumn<QString>("range");
        QTest::addColumn<qint64>("archiveSize");
        QTest::addColumn<qint64>("expected"); // -1: unknown
        QTest::newRow("whole archive") << QString() << 5 * MiB << 5 * MiB;
        QTest::newRow("range") << QStringLiteral("1048576-3145727") << 5 * MiB << 2 * MiB;
        QTest::newRow("one byte") << QStringLiteral("0-0") << 5 * MiB << 1LL;
        QTest::newRow("reversed") << QStringLiteral("10-2") << 5 * MiB << -1LL;
        QTest::newRow("garbage") << QStringLiteral("a-b") << 5 * MiB << -1LL;
        QTest::newRow("three parts") << QStringLiteral("1-2-3") << 5 * MiB << -1LL;
        QTest::newRow("negative") << QStringLiteral("-1-5") << 5 * MiB << -1LL;
    }
    void outputSize()
    {
        QFETCH(QString, range);
        QFETCH(qint64, archiveSize);
        QFETCH(qint64, expected);
        JobDescription job = succeeded(archiveSize);
        if (!range.isEmpty())
            job.retrievalByteRange = range;
        QCOMPARE(jobOutputSize(job).value_or(-1), expected);

        JobDescription inventory = succeeded(0);
        inventory.action = glacier::JobAction::InventoryRetrieval;
        inventory.archiveSizeInBytes.reset();
        inventory.inventorySizeInBytes = 1234;
        QCOMPARE(jobOutputSize(inventory).value_or(-1), 1234);
    }

    // A file name from any description stays one name inside the download folder.
    void fileNames_data()
    {
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain path") << QStringLiteral("photos/2019/img 1.jpg")
                                    << QStringLiteral("img 1.jpg");
        QTest::newRow("traversal") << QStringLiteral("../../etc/passwd")
                                   << QStringLiteral("passwd");
        QTest::newRow("dot dot only") << QStringLiteral("..") << QStringLiteral("archive-JOB");
        QTest::newRow("trailing slash") << QStringLiteral("dir/") << QStringLiteral("archive-JOB");
        QTest::newRow("windows") << QStringLiteral("C:\\Users\\me\\doc.txt")
                                 << QStringLiteral("doc.txt");
        QTest::newRow("control chars") << QStringLiteral("a\nb\tc\x01.txt")
                                       << QStringLiteral("a_b_c_.txt");
        QTest::newRow("reserved") << QStringLiteral("what?<>|*:\".txt")
                                  << QStringLiteral("what_______.txt");
        QTest::newRow("hidden") << QStringLiteral(".bashrc") << QStringLiteral("bashrc");
        QTest::newRow("empty") << QString() << QStringLiteral("archive-JOB");
        QTest::newRow("too long") << QString(300, u'x') << QStringLiteral("archive-JOB");
        QTest::newRow("mt-aws-glacier v2")
            << QStringLiteral("mt2 eyJmaWxlbmFtZSI6ImRpci9maWxlLnR4dCIsIm10aW1lIjoiMjAxMzAxMDFUMDAwMDAwWiJ9")
            << QStringLiteral("file.txt");
    }
    void fileNames()
    {
        QFETCH(QString, description);
        QFETCH(QString, expected);
        JobDescription job = succeeded(MiB);
        if (!description.isEmpty())
            job.jobDescription = description;
        const QString name = suggestedFileName(job);
        QCOMPARE(name, expected);
        QVERIFY(!name.contains(u'/'));
        QVERIFY(name != QStringLiteral(".") && name != QStringLiteral(".."));
    }

    void repeatArchiveRetrieval()
    {
        JobDescription job = succeeded(MiB);
        job.tier = glacier::RetrievalTier::Bulk;
        job.retrievalByteRange = QStringLiteral("0-1048575");
        job.jobDescription = QStringLiteral("again");
        job.snsTopic = QStringLiteral("arn:aws:sns:us-east-1:1:t");
        QString error;
        const auto parameters = repeatRetrieval(job, &error);
        QVERIFY2(parameters, qPrintable(error));
        // Checked as the JSON body Glacier receives.
        const QJsonObject body = glacier::toJson(*parameters);
        QCOMPARE(body.value(QStringLiteral("Type")).toString(), QStringLiteral("archive-retrieval"));
        QCOMPARE(body.value(QStringLiteral("ArchiveId")).toString(), *job.archiveId);
        QCOMPARE(body.value(QStringLiteral("Tier")).toString(), QStringLiteral("Bulk"));
        QCOMPARE(body.value(QStringLiteral("RetrievalByteRange")).toString(),
                 QStringLiteral("0-1048575"));
        QCOMPARE(body.value(QStringLiteral("Description")).toString(), QStringLiteral("again"));
        QCOMPARE(body.value(QStringLiteral("SNSTopic")).toString(), *job.snsTopic);
    }

    void repeatInventoryRetrieval()
    {
        JobDescription job = succeeded(0);
        job.action = glacier::JobAction::InventoryRetrieval;
        job.inventoryRetrievalParameters = glacier::InventoryRetrievalParameters{
            QStringLiteral("CSV"), std::nullopt, std::nullopt, QStringLiteral("100"),
            QStringLiteral("NEXT-MARKER")};
        QString error;
        const auto parameters = repeatRetrieval(job, &error);
        QVERIFY2(parameters, qPrintable(error));
        const QJsonObject body = glacier::toJson(*parameters);
        QCOMPARE(body.value(QStringLiteral("Type")).toString(),
                 QStringLiteral("inventory-retrieval"));
        const QJsonObject inner = body.value(QStringLiteral("InventoryRetrievalParameters")).toObject();
        QCOMPARE(body.value(QStringLiteral("Format")).toString()
                     + inner.value(QStringLiteral("Format")).toString(),
                 QStringLiteral("CSV"));
        // The job's Marker is where the *next* inventory starts: not repeated.
        QVERIFY(!QJsonDocument(body).toJson().contains("NEXT-MARKER"));
    }

    void cannotRepeat_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<bool>("withArchive");
        QTest::newRow("select") << int(glacier::JobAction::Select) << true;
        QTest::newRow("unknown") << int(glacier::JobAction::Unknown) << true;
        QTest::newRow("archive without id") << int(glacier::JobAction::ArchiveRetrieval) << false;
    }
    void cannotRepeat()
    {
        QFETCH(int, action);
        QFETCH(bool, withArchive);
        JobDescription job = succeeded(MiB);
        job.action = glacier::JobAction(action);
        if (!withArchive)
            job.archiveId.reset();
        QString error;
        QVERIFY(!repeatRetrieval(job, &error));
        QVERIFY(!error.isEmpty());
    }

    // Every field of GlacierJobDescription in the API model, once.
    void detailsListEveryField()
    {
        const QStringList apiFields{
            QStringLiteral("JobId"), QStringLiteral("JobDescription"), QStringLiteral("Action"),
            QStringLiteral("ArchiveId"), QStringLiteral("VaultARN"), QStringLiteral("CreationDate"),
            QStringLiteral("Completed"), QStringLiteral("StatusCode"),
            QStringLiteral("StatusMessage"), QStringLiteral("ArchiveSizeInBytes"),
            QStringLiteral("InventorySizeInBytes"), QStringLiteral("SNSTopic"),
            QStringLiteral("CompletionDate"), QStringLiteral("SHA256TreeHash"),
            QStringLiteral("ArchiveSHA256TreeHash"), QStringLiteral("RetrievalByteRange"),
            QStringLiteral("Tier"), QStringLiteral("InventoryRetrievalParameters"),
            QStringLiteral("JobOutputPath"), QStringLiteral("SelectParameters"),
            QStringLiteral("OutputLocation")};
        JobDescription job = succeeded(4 * MiB);
        job.sha256TreeHash = QStringLiteral("abc123");
        const auto fields = jobFields(job);
        QStringList names;
        for (const auto &field : fields)
            names.append(field.first);
        QCOMPARE(names.size(), apiFields.size());
        for (const QString &name : apiFields)
            QVERIFY2(names.contains(name), qPrintable(name));
        auto value = [&](const QString &name) {
            for (const auto &field : fields) {
                if (field.first == name)
                    return field.second;
            }
            return QString();
        };
        QCOMPARE(value(QStringLiteral("JobId")), QStringLiteral("JOB"));
        QCOMPARE(value(QStringLiteral("ArchiveSizeInBytes")), QStringLiteral("4194304"));
        QCOMPARE(value(QStringLiteral("SHA256TreeHash")), QStringLiteral("abc123"));
        QCOMPARE(value(QStringLiteral("CompletionDate")), QStringLiteral("2026-03-01T12:00:00.000Z"));
        QCOMPARE(value(QStringLiteral("SNSTopic")), QStringLiteral("—")); // null: shown as such
        QCOMPARE(value(QStringLiteral("Completed")), QStringLiteral("true"));
    }
};

QTEST_GUILESS_MAIN(TestJobExpiry)
#include "tst_jobexpiry.moc"
