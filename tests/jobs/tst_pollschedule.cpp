// The polling policy and the output window as truth tables. Expected values are worked out by
// hand from the table in pollschedule.h and AWS's 24-hour rule, never from the code under test.

#include "core/jobs/outputwindow.h"
#include "core/jobs/pollschedule.h"

#include <QTest>

#include <chrono>
#include <optional>

using namespace std::chrono_literals;
using thaw::glacier::JobDescription;
using thaw::glacier::JobStatus;
using thaw::glacier::RetrievalTier;

using OptionalTier = std::optional<RetrievalTier>;
using OptionalMs = std::optional<std::chrono::milliseconds>;

class TestPollSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nextPollDelay_data();
    void nextPollDelay();
    void errorBackoff_data();
    void errorBackoff();
    void outputWindow_data();
    void outputWindow();
};

void TestPollSchedule::nextPollDelay_data()
{
    QTest::addColumn<OptionalTier>("tier");
    QTest::addColumn<qint64>("elapsedSeconds");
    QTest::addColumn<int>("errors");
    QTest::addColumn<qint64>("expectedSeconds");

    const OptionalTier expedited = RetrievalTier::Expedited;
    const OptionalTier standard = RetrievalTier::Standard;
    const OptionalTier bulk = RetrievalTier::Bulk;
    const qint64 m = 60;
    const qint64 h = 3600;

    // Expedited: 1–5 minutes typical
    QTest::newRow("expedited, just created") << expedited << 0LL << 0 << 1 * m;
    QTest::newRow("expedited, 30 s old") << expedited << 30LL << 0 << 30LL;
    QTest::newRow("expedited, first check") << expedited << 1 * m << 0 << 1 * m;
    QTest::newRow("expedited, 4 min") << expedited << 4 * m << 0 << 1 * m;
    QTest::newRow("expedited, 4:59") << expedited << 5 * m - 1 << 0 << 1 * m;
    QTest::newRow("expedited, 5 min") << expedited << 5 * m << 0 << 2 * m;
    QTest::newRow("expedited, 29 min") << expedited << 29 * m << 0 << 2 * m;
    QTest::newRow("expedited, 30 min") << expedited << 30 * m << 0 << 5 * m;
    QTest::newRow("expedited, 11 h") << expedited << 11 * h << 0 << 5 * m;

    // Standard: 3–5 hours typical; never every minute
    QTest::newRow("standard, just created") << standard << 0LL << 0 << 3 * h;
    QTest::newRow("standard, 1 h") << standard << 1 * h << 0 << 2 * h;
    QTest::newRow("standard, 2:59:59") << standard << 3 * h - 1 << 0 << 1LL;
    QTest::newRow("standard, 3 h") << standard << 3 * h << 0 << 15 * m;
    QTest::newRow("standard, 4:59") << standard << 5 * h - m << 0 << 15 * m;
    QTest::newRow("standard, 5 h") << standard << 5 * h << 0 << 30 * m;
    QTest::newRow("standard, 20 h") << standard << 20 * h << 0 << 30 * m;
    QTest::newRow("no tier is standard") << OptionalTier() << 0LL << 0 << 3 * h;
    QTest::newRow("no tier, 3 h") << OptionalTier() << 3 * h << 0 << 15 * m;

    // Bulk: 5–12 hours typical
    QTest::newRow("bulk, just created") << bulk << 0LL << 0 << 5 * h;
    QTest::newRow("bulk, 4 h") << bulk << 4 * h << 0 << 1 * h;
    QTest::newRow("bulk, 5 h") << bulk << 5 * h << 0 << 30 * m;
    QTest::newRow("bulk, 11:59") << bulk << 12 * h - m << 0 << 30 * m;
    QTest::newRow("bulk, 12 h") << bulk << 12 * h << 0 << 1 * h;

    // A creation date ahead of our clock counts as just created.
    QTest::newRow("expedited, skewed clock") << expedited << -300LL << 0 << 1 * m;
    QTest::newRow("standard, skewed clock") << standard << -300LL << 0 << 3 * h;

    // Errors stretch the schedule, never shorten it.
    QTest::newRow("expedited, 4 min, 1 error") << expedited << 4 * m << 1 << 1 * m;
    QTest::newRow("expedited, 4 min, 2 errors") << expedited << 4 * m << 2 << 2 * m;
    QTest::newRow("expedited, 4 min, 3 errors") << expedited << 4 * m << 3 << 4 * m;
    QTest::newRow("expedited, 4 min, 6 errors") << expedited << 4 * m << 6 << 32 * m;
    QTest::newRow("expedited, 4 min, 7 errors: cap") << expedited << 4 * m << 7 << 1 * h;
    QTest::newRow("expedited, 4 min, 1000 errors") << expedited << 4 * m << 1000 << 1 * h;
    QTest::newRow("standard, 1 h, 1 error: schedule wins") << standard << 1 * h << 1 << 2 * h;
    QTest::newRow("standard, 4 h, 4 errors") << standard << 4 * h << 4 << 15 * m;
    QTest::newRow("standard, 4 h, 5 errors") << standard << 4 * h << 5 << 16 * m;
    QTest::newRow("bulk, 6 h, 6 errors") << bulk << 6 * h << 6 << 32 * m;
    QTest::newRow("bulk, 13 h, 6 errors: schedule wins") << bulk << 13 * h << 6 << 1 * h;
}

void TestPollSchedule::nextPollDelay()
{
    QFETCH(OptionalTier, tier);
    QFETCH(qint64, elapsedSeconds);
    QFETCH(int, errors);
    QFETCH(qint64, expectedSeconds);

    const std::chrono::seconds delay
        = thaw::jobs::nextPollDelay(tier, std::chrono::seconds(elapsedSeconds), errors);
    QCOMPARE(delay.count(), expectedSeconds);
}

void TestPollSchedule::errorBackoff_data()
{
    QTest::addColumn<int>("errors");
    QTest::addColumn<qint64>("expectedSeconds");

    QTest::newRow("none") << 0 << 0LL;
    QTest::newRow("negative") << -1 << 0LL;
    QTest::newRow("1") << 1 << 60LL;
    QTest::newRow("2") << 2 << 120LL;
    QTest::newRow("3") << 3 << 240LL;
    QTest::newRow("6") << 6 << 1920LL;
    QTest::newRow("7: capped at an hour") << 7 << 3600LL;
    QTest::newRow("64: no overflow") << 64 << 3600LL;
    QTest::newRow("INT_MAX") << std::numeric_limits<int>::max() << 3600LL;
}

void TestPollSchedule::errorBackoff()
{
    QFETCH(int, errors);
    QFETCH(qint64, expectedSeconds);
    QCOMPARE(thaw::jobs::errorBackoff(errors).count(), expectedSeconds);
}

void TestPollSchedule::outputWindow_data()
{
    QTest::addColumn<JobStatus>("status");
    QTest::addColumn<bool>("hasCompletionDate");
    QTest::addColumn<qint64>("nowAfterCompletionMs");
    QTest::addColumn<bool>("hasWindow");
    QTest::addColumn<bool>("expired");
    QTest::addColumn<qint64>("remainingMs");

    const qint64 s = 1000;
    const qint64 h = 3600 * s;

    QTest::newRow("just completed")
        << JobStatus::Succeeded << true << 0LL << true << false << 24 * h;
    QTest::newRow("before completion date (skew)")
        << JobStatus::Succeeded << true << -h << true << false << 25 * h;
    QTest::newRow("23 h later") << JobStatus::Succeeded << true << 23 * h << true << false << h;
    QTest::newRow("a second before 24 h")
        << JobStatus::Succeeded << true << 24 * h - s << true << false << s;
    QTest::newRow("a millisecond before 24 h")
        << JobStatus::Succeeded << true << 24 * h - 1 << true << false << 1LL;
    QTest::newRow("exactly 24 h") << JobStatus::Succeeded << true << 24 * h << true << true << 0LL;
    QTest::newRow("a second after 24 h")
        << JobStatus::Succeeded << true << 24 * h + s << true << true << 0LL;
    QTest::newRow("a week later") << JobStatus::Succeeded << true << 168 * h << true << true << 0LL;
    QTest::newRow("succeeded without completion date")
        << JobStatus::Succeeded << false << 48 * h << false << false << -1LL;
    QTest::newRow("in progress") << JobStatus::InProgress << false << 48 * h << false << false
                                 << -1LL;
    QTest::newRow("failed: no output")
        << JobStatus::Failed << true << 48 * h << false << false << -1LL;
    QTest::newRow("unknown status")
        << JobStatus::Unknown << true << 48 * h << false << false << -1LL;
}

void TestPollSchedule::outputWindow()
{
    QFETCH(JobStatus, status);
    QFETCH(bool, hasCompletionDate);
    QFETCH(qint64, nowAfterCompletionMs);
    QFETCH(bool, hasWindow);
    QFETCH(bool, expired);
    QFETCH(qint64, remainingMs);

    const QDateTime completion(QDate(2025, 3, 1), QTime(11, 20, 5), Qt::UTC);
    JobDescription job;
    job.jobId = QStringLiteral("job");
    job.statusCode = status;
    job.completed = status != JobStatus::InProgress;
    if (hasCompletionDate)
        job.completionDate = completion;
    const QDateTime now = completion.addMSecs(nowAfterCompletionMs);

    const std::optional<QDateTime> end = thaw::jobs::outputWindowEnd(job);
    QCOMPARE(end.has_value(), hasWindow);
    if (hasWindow)
        QCOMPARE(*end, QDateTime(QDate(2025, 3, 2), QTime(11, 20, 5), Qt::UTC));
    QCOMPARE(thaw::jobs::isExpired(job, now), expired);
    const OptionalMs remaining = thaw::jobs::remainingOutputWindow(job, now);
    QCOMPARE(remaining.has_value(), hasWindow);
    if (hasWindow)
        QCOMPARE(remaining->count(), remainingMs);
}

QTEST_GUILESS_MAIN(TestPollSchedule)
#include "tst_pollschedule.moc"
