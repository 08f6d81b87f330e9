#pragma once

#include "jobstatussource.h"
#include "polltimer.h"

#include "core/glacier/jobdescription.h"

#include <QDateTime>
#include <QObject>
#include <QSet>
#include <QString>

#include <map>
#include <memory>
#include <optional>

namespace thaw::jobs {

// Follows Glacier jobs of one account and region until their output can be downloaded or they
// are gone: polls Describe Job (or List Jobs, for a vault with many watched jobs) on the tier's
// schedule (pollschedule.h) and at once on demand, reports changes, and reports a job expired
// when its 24-hour output window (outputwindow.h) ends or Glacier no longer knows it.
//
// Time comes only from the injected Clock; the injected PollTimer wakes the watcher at the next
// due poll or expiry. The timer is never armed for more than kMaxTimerSlice, so that a laptop
// that slept through a due time catches up soon after it wakes.
//
// Lifecycle of a watched job: InProgress (polled) → Succeeded (no more polls; kept until its
// output window ends, then jobExpired and dropped) or Failed (jobFailed, then dropped). A job
// Glacier answers "not found" for is dropped after pollFailed and jobExpired.
class JobWatcher final : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::minutes kMaxTimerSlice{15};

    // `source` must outlive the watcher. Without a timer, a QtPollTimer is used.
    explicit JobWatcher(JobStatusSource *source, Clock clock = systemClock,
                        std::unique_ptr<PollTimer> timer = {}, QObject *parent = nullptr);
    ~JobWatcher() override;

    // Starts watching `job` (at least its jobId; its tier and creationDate when known) in
    // `vault`. A job whose statusCode is Unknown (only the ID is known) is polled at once; any
    // other is polled on its tier's schedule from its creationDate (or from now, without one).
    // Watching a watched job again replaces it. A Succeeded job past its window is reported
    // expired at once.
    void watch(const QString &vault, const glacier::JobDescription &job);
    void unwatch(const QString &jobId);

    bool isWatching(const QString &jobId) const;
    QStringList watchedJobIds() const;
    // The latest description of a watched job; nullopt when not watched.
    std::optional<glacier::JobDescription> job(const QString &jobId) const;
    QString vault(const QString &jobId) const;
    // When the job is next polled on schedule; nullopt while a poll is in flight, for a finished
    // job, or when not watched.
    std::optional<QDateTime> nextPollAt(const QString &jobId) const;
    // When the watcher next has something to do (a poll or an expiry); nullopt when idle.
    std::optional<QDateTime> nextWakeAt() const;

    // Polls the job now, out of schedule; nothing when a poll covering it is already in flight.
    void refreshNow(const QString &jobId);
    // Polls every watched job now: one List Jobs per vault with kListJobsThreshold or more
    // watched jobs, else Describe Job per job; polls already in flight are not repeated.
    void refreshAll();
    // Reports every job whose output window has ended by now (without asking Glacier), then
    // drops it. The timer calls this; so may anyone who knows the clock moved.
    void reevaluateExpiry();
    // Polls every job due by now and re-evaluates expiry: what the timer does when it fires.
    void processDue();

Q_SIGNALS:
    // Any of StatusCode, Completed, CompletionDate or StatusMessage changed.
    void jobChanged(const thaw::glacier::JobDescription &job);
    // The job turned Succeeded: its output can be downloaded until outputWindowEnd(job).
    void jobCompleted(const thaw::glacier::JobDescription &job);
    // The job turned Failed; it is no longer watched.
    void jobFailed(const thaw::glacier::JobDescription &job);
    // The output can no longer be downloaded: the 24-hour window ended, or Glacier answered that
    // it does not know the job. Emitted once; the job is no longer watched.
    void jobExpired(const QString &jobId);
    // A poll covering the job failed; polling goes on (backing off) unless error.jobNotFound.
    void pollFailed(const QString &jobId, const thaw::jobs::LookupError &error);

private:
    struct Watched
    {
        QString vault;
        glacier::JobDescription job;
        QDateTime since;                   // creationDate, or when watching began
        std::optional<QDateTime> nextPoll; // nullopt: none scheduled
        int consecutiveErrors = 0;
        bool needsUser = false; // the last error was not retryable
        bool inFlight = false;
        quint64 serial = 0; // tells answers for an earlier watch() apart
    };
    struct Ticket
    {
        QString jobId;
        quint64 serial;
    };
    class Batch;

    Watched *find(const QString &jobId);
    Watched *find(const Ticket &ticket);
    int watchedInVault(const QString &vault) const;
    void describe(const QString &jobId);
    void list(const QString &vault);
    void onDescribed(const Ticket &ticket, const JobLookup &lookup);
    void onListed(const QString &vault, const QList<Ticket> &tickets, const JobListLookup &lookup);
    void applyDescription(const Ticket &ticket, const glacier::JobDescription &fresh);
    void applyError(const Ticket &ticket, const LookupError &error);
    void reschedule(Watched &w);
    void drop(const QString &jobId);
    void rearm();

    JobStatusSource *m_source;
    Clock m_clock;
    std::unique_ptr<PollTimer> m_timer;
    std::map<QString, Watched> m_jobs; // ordered, so polls go out in a stable order
    QSet<QString> m_listsInFlight;
    quint64 m_nextSerial = 1;
    int m_batchDepth = 0;
};

} // namespace thaw::jobs
