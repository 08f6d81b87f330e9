// JobWatcher driven by a fake clock, a fake timer and an in-memory Glacier (fakejobs.h): whole
// days of polling run in milliseconds and nothing sleeps. Expected poll times and counts are
// worked out by hand from the schedule table in pollschedule.h.

#include "fakejobs.h"

#include "core/jobs/jobwatcher.h"
#include "core/jobs/outputwindow.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;
using thaw::glacier::JobDescription;
using thaw::glacier::JobStatus;
using thaw::glacier::RetrievalTier;
using thaw::jobs::JobWatcher;
using thaw::jobs::LookupError;
using thaw::jobs::test::FakeClock;
using thaw::jobs::test::FakeGlacier;
using thaw::jobs::test::FakeTimer;

namespace {

const QString kVault = QStringLiteral("photos");

JobDescription inProgressJob(const QString &id, RetrievalTier tier, const QDateTime &created)
{
    JobDescription job;
    job.jobId = id;
    job.action = thaw::glacier::JobAction::ArchiveRetrieval;
    job.actionText = QStringLiteral("ArchiveRetrieval");
    job.statusCode = JobStatus::InProgress;
    job.statusMessage = QStringLiteral("Operation in progress.");
    job.tier = tier;
    job.creationDate = created;
    return job;
}

// One watcher on fakes, with spies on every signal.
struct Rig
{
    FakeClock clock;
    FakeGlacier glacier{&clock};
    FakeTimer *timer = nullptr;
    std::unique_ptr<JobWatcher> watcher;
    std::unique_ptr<QSignalSpy> changed, completed, failed, expired, pollFailed;
    const QDateTime t0 = clock.now;

    Rig()
    {
        auto fakeTimer = std::make_unique<FakeTimer>(&clock);
        timer = fakeTimer.get();
        watcher = std::make_unique<JobWatcher>(&glacier, clock.clock(), std::move(fakeTimer));
        changed = std::make_unique<QSignalSpy>(watcher.get(), &JobWatcher::jobChanged);
        completed = std::make_unique<QSignalSpy>(watcher.get(), &JobWatcher::jobCompleted);
        failed = std::make_unique<QSignalSpy>(watcher.get(), &JobWatcher::jobFailed);
        expired = std::make_unique<QSignalSpy>(watcher.get(), &JobWatcher::jobExpired);
        pollFailed = std::make_unique<QSignalSpy>(watcher.get(), &JobWatcher::pollFailed);
    }

    bool runUntil(std::chrono::milliseconds sinceT0)
    {
        return thaw::jobs::test::runUntil(clock, *timer, t0.addDuration(sinceT0));
    }

    QList<qint64> describeMinutes() const
    {
        QList<qint64> minutes;
        for (const QDateTime &t : glacier.describeTimes)
            minutes.append(t0.secsTo(t) / 60);
        return minutes;
    }
};

} // namespace

class TestJobWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signalsOnAnswer_data();
    void signalsOnAnswer();
    void standardJobSucceeds();
    void failedJobStopsWatching();
    void expiryBoundary_data();
    void expiryBoundary();
    void expiryFiresFromTimerWithoutPoll();
    void expiredAtWatch();
    void refreshNowPollsAtOnceAndCoalesces();
    void retryableErrorsBackOff();
    void nonRetryableErrorWaitsAnHour();
    void notFoundStopsWatching();
    void listJobsForManyJobsInOneVault_data();
    void listJobsForManyJobsInOneVault();
    void jobMissingFromListIsDescribed();
    void listFailureCountsForEveryJob();
    void pollsOverTwelveHours_data();
    void pollsOverTwelveHours();
    void expeditedPolledMoreOftenThanBulk();
    void lateAnswersAreIgnored();
    void timerNeverArmedBeyondSlice();
};

// What one answer does, as a table: watched state → Glacier's answer → signals. Each row then
// asks again with nothing changed, which must not signal anything more.
void TestJobWatcher::signalsOnAnswer_data()
{
    QTest::addColumn<JobStatus>("watchedStatus");
    QTest::addColumn<QString>("watchedMessage");
    QTest::addColumn<JobStatus>("answerStatus");
    QTest::addColumn<QString>("answerMessage");
    QTest::addColumn<int>("expectedCalls");
    QTest::addColumn<int>("changedCount");
    QTest::addColumn<int>("completedCount");
    QTest::addColumn<int>("failedCount");
    QTest::addColumn<bool>("stillWatched");

    const QString running = QStringLiteral("Operation in progress.");
    const QString queued = QStringLiteral("Queued");
    const QString done = QStringLiteral("Succeeded");
    const QString broken = QStringLiteral("Failed: the archive could not be read");

    QTest::newRow("in progress, unchanged")
        << JobStatus::InProgress << running << JobStatus::InProgress << running << 1 << 0 << 0 << 0
        << true;
    QTest::newRow("in progress, message changed")
        << JobStatus::InProgress << queued << JobStatus::InProgress << running << 1 << 1 << 0 << 0
        << true;
    QTest::newRow("in progress to succeeded")
        << JobStatus::InProgress << running << JobStatus::Succeeded << done << 1 << 1 << 1 << 0
        << true;
    QTest::newRow("in progress to failed") << JobStatus::InProgress << running << JobStatus::Failed
                                           << broken << 1 << 1 << 0 << 1 << false;
    QTest::newRow("only the ID known: polled at watch")
        << JobStatus::Unknown << QString() << JobStatus::InProgress << running << 2 << 1 << 0 << 0
        << true;
    QTest::newRow("only the ID known, already done")
        << JobStatus::Unknown << QString() << JobStatus::Succeeded << done << 2 << 1 << 1 << 0
        << true;
}

void TestJobWatcher::signalsOnAnswer()
{
    QFETCH(JobStatus, watchedStatus);
    QFETCH(QString, watchedMessage);
    QFETCH(JobStatus, answerStatus);
    QFETCH(QString, answerMessage);
    QFETCH(int, expectedCalls);
    QFETCH(int, changedCount);
    QFETCH(int, completedCount);
    QFETCH(int, failedCount);
    QFETCH(bool, stillWatched);

    Rig rig;
    const QString id = QStringLiteral("job-1");
    JobDescription server = inProgressJob(id, RetrievalTier::Standard, rig.t0.addSecs(-4 * 3600));
    server.statusCode = answerStatus;
    server.statusMessage = answerMessage;
    server.completed = answerStatus != JobStatus::InProgress;
    if (server.completed)
        server.completionDate = rig.t0.addSecs(-60);
    rig.glacier.add(kVault, server);

    JobDescription watched = inProgressJob(id, RetrievalTier::Standard, rig.t0.addSecs(-4 * 3600));
    watched.statusCode = watchedStatus;
    watched.statusMessage
        = watchedMessage.isNull() ? std::nullopt : std::optional<QString>(watchedMessage);
    if (watchedStatus == JobStatus::Unknown) {
        watched = JobDescription();
        watched.jobId = id;
    }
    rig.watcher->watch(kVault, watched);
    rig.watcher->refreshNow(id);

    QCOMPARE(rig.glacier.totalDescribe, expectedCalls);
    QCOMPARE(rig.changed->count(), changedCount);
    QCOMPARE(rig.completed->count(), completedCount);
    QCOMPARE(rig.failed->count(), failedCount);
    QCOMPARE(rig.expired->count(), 0);
    QCOMPARE(rig.pollFailed->count(), 0);
    QCOMPARE(rig.watcher->isWatching(id), stillWatched);
    if (changedCount > 0) {
        const auto job = rig.changed->last().at(0).value<JobDescription>();
        QCOMPARE(job.jobId, id);
        QCOMPARE(job.statusCode, answerStatus);
        QCOMPARE(job.statusMessage, std::optional<QString>(answerMessage));
        QCOMPARE(job.tier, std::optional<RetrievalTier>(RetrievalTier::Standard));
    }

    // Nothing changed on the server: asking again signals nothing.
    rig.watcher->refreshNow(id);
    rig.watcher->refreshAll();
    QCOMPARE(rig.changed->count(), changedCount);
    QCOMPARE(rig.completed->count(), completedCount);
    QCOMPARE(rig.failed->count(), failedCount);
}

// Standard, finishing 3 h 20 min after creation: polled at 3:00, 3:15, 3:30, then never again;
// its output window closes at 3:20 + 24 h.
void TestJobWatcher::standardJobSucceeds()
{
    Rig rig;
    const QString id = QStringLiteral("standard-1");
    const JobDescription job = inProgressJob(id, RetrievalTier::Standard, rig.t0);
    const QDateTime finishes = rig.t0.addSecs(3 * 3600 + 20 * 60);
    rig.glacier.add(kVault, job, finishes);
    rig.watcher->watch(kVault, job);
    QCOMPARE(rig.watcher->nextPollAt(id), std::optional<QDateTime>(rig.t0.addSecs(3 * 3600)));

    QVERIFY(rig.runUntil(3h + 29min));
    QCOMPARE(rig.describeMinutes(), (QList<qint64>{180, 195}));
    QCOMPARE(rig.changed->count(), 0);

    QVERIFY(rig.runUntil(20h));
    QCOMPARE(rig.describeMinutes(), (QList<qint64>{180, 195, 210}));
    QCOMPARE(rig.changed->count(), 1);
    QCOMPARE(rig.completed->count(), 1);
    QCOMPARE(rig.failed->count(), 0);
    const auto done = rig.completed->at(0).at(0).value<JobDescription>();
    QCOMPARE(done.statusCode, JobStatus::Succeeded);
    QCOMPARE(done.completionDate, std::optional<QDateTime>(finishes));
    QCOMPARE(thaw::jobs::remainingOutputWindow(done, rig.t0.addSecs(20 * 3600)),
             std::optional<std::chrono::milliseconds>(7h + 20min));
    QVERIFY(rig.watcher->isWatching(id));
    QCOMPARE(rig.watcher->nextPollAt(id), std::optional<QDateTime>());
    QCOMPARE(rig.watcher->nextWakeAt(), std::optional<QDateTime>(finishes.addSecs(24 * 3600)));

    QVERIFY(rig.runUntil(27h + 19min + 59s));
    QCOMPARE(rig.expired->count(), 0);
    QVERIFY(rig.runUntil(27h + 20min));
    QCOMPARE(rig.expired->count(), 1);
    QCOMPARE(rig.expired->at(0).at(0).toString(), id);
    QVERIFY(!rig.watcher->isWatching(id));
    QVERIFY(!rig.timer->active);

    QVERIFY(rig.runUntil(72h));
    QCOMPARE(rig.glacier.totalDescribe, 3);
    QCOMPARE(rig.expired->count(), 1);
    QCOMPARE(rig.completed->count(), 1);
}

// Bulk failing at 6 h: polled at 5:00, 5:30, 6:00; jobFailed once; dropped.
void TestJobWatcher::failedJobStopsWatching()
{
    Rig rig;
    const QString id = QStringLiteral("bulk-1");
    const JobDescription job = inProgressJob(id, RetrievalTier::Bulk, rig.t0);
    rig.glacier.add(kVault, job, rig.t0.addSecs(6 * 3600), JobStatus::Failed);
    rig.watcher->watch(kVault, job);

    QVERIFY(rig.runUntil(48h));
    QCOMPARE(rig.describeMinutes(), (QList<qint64>{300, 330, 360}));
    QCOMPARE(rig.changed->count(), 1);
    QCOMPARE(rig.failed->count(), 1);
    QCOMPARE(rig.failed->at(0).at(0).value<JobDescription>().statusCode, JobStatus::Failed);
    QCOMPARE(rig.completed->count(), 0);
    QCOMPARE(rig.expired->count(), 0);
    QVERIFY(!rig.watcher->isWatching(id));
    QVERIFY(!rig.timer->active);
}

void TestJobWatcher::expiryBoundary_data()
{
    QTest::addColumn<qint64>("msAfterCompletion");
    QTest::addColumn<bool>("expired");

    QTest::newRow("23 h") << qint64(23 * 3600 * 1000) << false;
    QTest::newRow("a second before 24 h") << qint64(24 * 3600 * 1000 - 1000) << false;
    QTest::newRow("a millisecond before 24 h") << qint64(24 * 3600 * 1000 - 1) << false;
    QTest::newRow("exactly 24 h") << qint64(24 * 3600 * 1000) << true;
    QTest::newRow("24 h and a second") << qint64(24 * 3600 * 1000 + 1000) << true;
}

// Re-evaluating expiry after the clock moved, with no poll and no timer.
void TestJobWatcher::expiryBoundary()
{
    QFETCH(qint64, msAfterCompletion);
    QFETCH(bool, expired);

    Rig rig;
    const QString id = QStringLiteral("done-1");
    JobDescription job = inProgressJob(id, RetrievalTier::Expedited, rig.t0.addSecs(-300));
    job.statusCode = JobStatus::Succeeded;
    job.completed = true;
    job.completionDate = rig.t0;
    rig.watcher->watch(kVault, job);
    QVERIFY(rig.watcher->isWatching(id));

    rig.clock.now = rig.t0.addMSecs(msAfterCompletion);
    rig.watcher->reevaluateExpiry();
    QCOMPARE(rig.expired->count(), expired ? 1 : 0);
    QCOMPARE(rig.watcher->isWatching(id), !expired);
    rig.watcher->reevaluateExpiry();
    rig.watcher->processDue();
    QCOMPARE(rig.expired->count(), expired ? 1 : 0);
    QCOMPARE(rig.glacier.totalDescribe, 0);
}

void TestJobWatcher::expiryFiresFromTimerWithoutPoll()
{
    Rig rig;
    const QString id = QStringLiteral("done-2");
    JobDescription job = inProgressJob(id, RetrievalTier::Bulk, rig.t0.addSecs(-8 * 3600));
    job.statusCode = JobStatus::Succeeded;
    job.completed = true;
    job.completionDate = rig.t0.addSecs(-3600);
    rig.watcher->watch(kVault, job);

    QDateTime firedAt;
    connect(rig.watcher.get(), &JobWatcher::jobExpired, this,
            [&firedAt, &rig] { firedAt = rig.clock.now; });
    QVERIFY(rig.runUntil(48h));
    QCOMPARE(rig.expired->count(), 1);
    QCOMPARE(firedAt, rig.t0.addSecs(23 * 3600));
    QCOMPARE(rig.glacier.totalDescribe, 0);
}

void TestJobWatcher::expiredAtWatch()
{
    Rig rig;
    JobDescription job
        = inProgressJob(QStringLiteral("old"), RetrievalTier::Bulk, rig.t0.addSecs(-40 * 3600));
    job.statusCode = JobStatus::Succeeded;
    job.completed = true;
    job.completionDate = rig.t0.addSecs(-30 * 3600);
    rig.watcher->watch(kVault, job);
    QCOMPARE(rig.expired->count(), 1);
    QVERIFY(!rig.watcher->isWatching(job.jobId));
    QVERIFY(!rig.timer->active);
}

void TestJobWatcher::refreshNowPollsAtOnceAndCoalesces()
{
    Rig rig;
    const QString id = QStringLiteral("standard-2");
    const JobDescription job = inProgressJob(id, RetrievalTier::Standard, rig.t0);
    rig.glacier.add(kVault, job);
    rig.glacier.hold = true;
    rig.watcher->watch(kVault, job);
    QCOMPARE(rig.glacier.totalDescribe, 0);

    rig.watcher->refreshNow(id);
    QCOMPARE(rig.glacier.totalDescribe, 1);
    QCOMPARE(rig.glacier.describeTimes.at(0), rig.t0);
    QCOMPARE(rig.watcher->nextPollAt(id), std::optional<QDateTime>());

    rig.watcher->refreshNow(id);
    rig.watcher->refreshNow(id);
    rig.watcher->refreshAll();
    QCOMPARE(rig.glacier.totalDescribe, 1);
    QCOMPARE(rig.glacier.pendingCount(), 1);

    rig.clock.now = rig.t0.addSecs(10);
    rig.glacier.release();
    QCOMPARE(rig.changed->count(), 0);
    QCOMPARE(rig.watcher->nextPollAt(id), std::optional<QDateTime>(rig.t0.addSecs(3 * 3600)));

    rig.watcher->refreshNow(id);
    QCOMPARE(rig.glacier.totalDescribe, 2);
}

// Expedited, every call throttled: polls at 1, 2, 4, 8, 16, 32, 64, 124 minutes (back-off
// doubling from 1 min, capped at 1 h); after recovery, the tier's 5-minute step again.
void TestJobWatcher::retryableErrorsBackOff()
{
    Rig rig;
    const QString id = QStringLiteral("expedited-1");
    const JobDescription job = inProgressJob(id, RetrievalTier::Expedited, rig.t0);
    rig.glacier.add(kVault, job);
    rig.glacier.failAll = LookupError{400, QStringLiteral("ThrottlingException"),
                                      QStringLiteral("Rate exceeded"), true, false};
    rig.watcher->watch(kVault, job);

    QVERIFY(rig.runUntil(150min));
    QCOMPARE(rig.describeMinutes(), (QList<qint64>{1, 2, 4, 8, 16, 32, 64, 124}));
    QCOMPARE(rig.pollFailed->count(), 8);
    const auto error = rig.pollFailed->at(0).at(1).value<LookupError>();
    QCOMPARE(error.awsCode, QStringLiteral("ThrottlingException"));
    QVERIFY(rig.watcher->isWatching(id));
    QCOMPARE(rig.watcher->nextPollAt(id), std::optional<QDateTime>(rig.t0.addSecs(184 * 60)));

    rig.glacier.failAll.reset();
    QVERIFY(rig.runUntil(184min));
    QCOMPARE(rig.glacier.totalDescribe, 9);
    QCOMPARE(rig.pollFailed->count(), 8);
    QCOMPARE(rig.watcher->nextPollAt(id), std::optional<QDateTime>(rig.t0.addSecs(189 * 60)));
}

void TestJobWatcher::nonRetryableErrorWaitsAnHour()
{
    Rig rig;
    const QString id = QStringLiteral("expedited-2");
    const JobDescription job = inProgressJob(id, RetrievalTier::Expedited, rig.t0);
    rig.glacier.add(kVault, job);
    rig.glacier.failAll = LookupError{403, QStringLiteral("AccessDeniedException"),
                                      QStringLiteral("Access denied"), false, false};
    rig.watcher->watch(kVault, job);

    QVERIFY(rig.runUntil(2h));
    QCOMPARE(rig.describeMinutes(), (QList<qint64>{1, 61}));
    QCOMPARE(rig.pollFailed->count(), 2);
    QVERIFY(rig.watcher->isWatching(id));
}

void TestJobWatcher::notFoundStopsWatching()
{
    Rig rig;
    const QString id = QStringLiteral("gone-1");
    rig.watcher->watch(kVault, inProgressJob(id, RetrievalTier::Standard, rig.t0));

    QVERIFY(rig.runUntil(12h));
    QCOMPARE(rig.describeMinutes(), (QList<qint64>{180}));
    QCOMPARE(rig.pollFailed->count(), 1);
    QVERIFY(rig.pollFailed->at(0).at(1).value<LookupError>().jobNotFound);
    QCOMPARE(rig.expired->count(), 1);
    QCOMPARE(rig.expired->at(0).at(0).toString(), id);
    QVERIFY(!rig.watcher->isWatching(id));
    QVERIFY(!rig.timer->active);
}

// n Standard jobs in "photos" and one in "music", all due at 3 h, then a refreshAll().
void TestJobWatcher::listJobsForManyJobsInOneVault_data()
{
    QTest::addColumn<int>("jobsInVault");
    QTest::addColumn<int>("listCalls");
    QTest::addColumn<int>("describeCalls");

    QTest::newRow("1 job") << 1 << 0 << 2;
    QTest::newRow("2 jobs") << 2 << 0 << 3;
    QTest::newRow("3 jobs: List Jobs") << 3 << 1 << 1;
    QTest::newRow("7 jobs: List Jobs") << 7 << 1 << 1;
}

void TestJobWatcher::listJobsForManyJobsInOneVault()
{
    QFETCH(int, jobsInVault);
    QFETCH(int, listCalls);
    QFETCH(int, describeCalls);

    Rig rig;
    const QString music = QStringLiteral("music");
    for (int i = 0; i < jobsInVault; ++i) {
        const JobDescription job
            = inProgressJob(QStringLiteral("p%1").arg(i), RetrievalTier::Standard, rig.t0);
        rig.glacier.add(kVault, job, rig.t0.addSecs(3 * 3600));
        rig.watcher->watch(kVault, job);
    }
    const JobDescription other
        = inProgressJob(QStringLiteral("m0"), RetrievalTier::Standard, rig.t0);
    rig.glacier.add(music, other);
    rig.watcher->watch(music, other);

    QVERIFY(rig.runUntil(3h));
    QCOMPARE(rig.glacier.listCalls.value(kVault), listCalls);
    QCOMPARE(rig.glacier.listCalls.value(music), 0);
    QCOMPARE(rig.glacier.totalDescribe, describeCalls);
    QCOMPARE(rig.completed->count(), jobsInVault);

    rig.watcher->refreshAll();
    QCOMPARE(rig.glacier.listCalls.value(kVault), 2 * listCalls);
    QCOMPARE(rig.glacier.totalDescribe, 2 * describeCalls);
    QCOMPARE(rig.completed->count(), jobsInVault);
    QCOMPARE(rig.changed->count(), jobsInVault);
}

void TestJobWatcher::jobMissingFromListIsDescribed()
{
    Rig rig;
    for (const char *id : {"a", "b", "c"}) {
        const JobDescription job
            = inProgressJob(QString::fromLatin1(id), RetrievalTier::Bulk, rig.t0);
        rig.glacier.add(kVault, job);
        rig.watcher->watch(kVault, job);
    }
    rig.glacier.remove(QStringLiteral("b"));

    rig.watcher->refreshAll();
    QCOMPARE(rig.glacier.totalList, 1);
    QCOMPARE(rig.glacier.describeCalls, (QHash<QString, int>{{QStringLiteral("b"), 1}}));
    QCOMPARE(rig.expired->count(), 1);
    QCOMPARE(rig.expired->at(0).at(0).toString(), QStringLiteral("b"));
    QCOMPARE(rig.watcher->watchedJobIds(), (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
}

void TestJobWatcher::listFailureCountsForEveryJob()
{
    Rig rig;
    for (const char *id : {"a", "b", "c"}) {
        const JobDescription job
            = inProgressJob(QString::fromLatin1(id), RetrievalTier::Standard, rig.t0);
        rig.glacier.add(kVault, job);
        rig.watcher->watch(kVault, job);
    }
    rig.glacier.failAll = LookupError{500, QStringLiteral("ServiceUnavailableException"),
                                      QStringLiteral("Try again"), true, false};
    QVERIFY(rig.runUntil(3h));
    QCOMPARE(rig.glacier.totalList, 1);
    QCOMPARE(rig.glacier.totalDescribe, 0);
    QCOMPARE(rig.pollFailed->count(), 3);
    QCOMPARE(rig.watcher->watchedJobIds().size(), 3);
    // 3 h is the first step: 15 min, longer than the first back-off.
    QCOMPARE(rig.watcher->nextPollAt(QStringLiteral("a")),
             std::optional<QDateTime>(rig.t0.addSecs(3 * 3600 + 15 * 60)));
}

// Jobs that never finish, polled from creation to 12 h (inclusive):
//   Expedited: 1..5 min each minute (5), 7..31 min every 2 (13), 36..716 min every 5 (137)
//   Standard:  3:00..4:45 every 15 min (8), 5:00..12:00 every 30 min (15)
//   Bulk:      5:00..12:00 every 30 min (15)
void TestJobWatcher::pollsOverTwelveHours_data()
{
    QTest::addColumn<RetrievalTier>("tier");
    QTest::addColumn<int>("calls");

    QTest::newRow("expedited") << RetrievalTier::Expedited << 155;
    QTest::newRow("standard") << RetrievalTier::Standard << 23;
    QTest::newRow("bulk") << RetrievalTier::Bulk << 15;
}

void TestJobWatcher::pollsOverTwelveHours()
{
    QFETCH(RetrievalTier, tier);
    QFETCH(int, calls);

    Rig rig;
    const JobDescription job = inProgressJob(QStringLiteral("slow"), tier, rig.t0);
    rig.glacier.add(kVault, job);
    rig.watcher->watch(kVault, job);
    QVERIFY(rig.runUntil(12h));
    QCOMPARE(rig.glacier.totalDescribe, calls);
    QCOMPARE(rig.changed->count(), 0);
}

void TestJobWatcher::expeditedPolledMoreOftenThanBulk()
{
    Rig rig;
    const JobDescription fast
        = inProgressJob(QStringLiteral("fast"), RetrievalTier::Expedited, rig.t0);
    const JobDescription slow = inProgressJob(QStringLiteral("slow"), RetrievalTier::Bulk, rig.t0);
    rig.glacier.add(QStringLiteral("v1"), fast);
    rig.glacier.add(QStringLiteral("v2"), slow);
    rig.watcher->watch(QStringLiteral("v1"), fast);
    rig.watcher->watch(QStringLiteral("v2"), slow);

    QVERIFY(rig.runUntil(12h));
    const int fastCalls = rig.glacier.describeCalls.value(QStringLiteral("fast"));
    const int slowCalls = rig.glacier.describeCalls.value(QStringLiteral("slow"));
    QVERIFY2(fastCalls > 5 * slowCalls,
             qPrintable(QStringLiteral("expedited %1, bulk %2").arg(fastCalls).arg(slowCalls)));
}

// Answers for an unwatched job, or for a watcher already destroyed, change nothing.
void TestJobWatcher::lateAnswersAreIgnored()
{
    Rig rig;
    const QString id = QStringLiteral("late");
    JobDescription job = inProgressJob(id, RetrievalTier::Expedited, rig.t0);
    rig.glacier.add(kVault, job, rig.t0);
    rig.glacier.hold = true;
    rig.watcher->watch(kVault, job);
    rig.watcher->refreshNow(id);
    rig.watcher->unwatch(id);
    rig.glacier.release();
    QCOMPARE(rig.changed->count(), 0);
    QCOMPARE(rig.completed->count(), 0);
    QVERIFY(!rig.watcher->isWatching(id));

    // Watched anew while the first answer is out: only the new watch's answer counts.
    rig.watcher->watch(kVault, job);
    rig.watcher->refreshNow(id);
    rig.watcher->unwatch(id);
    rig.watcher->watch(kVault, job);
    rig.glacier.release();
    QCOMPARE(rig.completed->count(), 0);
    rig.watcher->refreshNow(id);
    rig.glacier.release();
    QCOMPARE(rig.completed->count(), 1);

    // Destroyed with a call out.
    rig.watcher->watch(kVault, inProgressJob(QStringLiteral("other"), RetrievalTier::Bulk, rig.t0));
    rig.glacier.add(kVault, inProgressJob(QStringLiteral("other"), RetrievalTier::Bulk, rig.t0));
    rig.watcher->refreshNow(QStringLiteral("other"));
    QCOMPARE(rig.glacier.pendingCount(), 1);
    rig.changed.reset();
    rig.completed.reset();
    rig.failed.reset();
    rig.expired.reset();
    rig.pollFailed.reset();
    rig.watcher.reset();
    rig.glacier.release();
}

void TestJobWatcher::timerNeverArmedBeyondSlice()
{
    Rig rig;
    const JobDescription job = inProgressJob(QStringLiteral("bulk"), RetrievalTier::Bulk, rig.t0);
    rig.glacier.add(kVault, job);
    rig.watcher->watch(kVault, job);
    QCOMPARE(rig.watcher->nextWakeAt(), std::optional<QDateTime>(rig.t0.addSecs(5 * 3600)));
    QVERIFY(rig.timer->active);
    QCOMPARE(rig.timer->interval, std::chrono::milliseconds(JobWatcher::kMaxTimerSlice));

    QVERIFY(rig.runUntil(5h));
    QCOMPARE(rig.glacier.totalDescribe, 1);
    QCOMPARE(rig.timer->longest, std::chrono::milliseconds(JobWatcher::kMaxTimerSlice));
}

QTEST_GUILESS_MAIN(TestJobWatcher)
#include "tst_jobwatcher.moc"
