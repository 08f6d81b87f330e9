#pragma once

// Fakes for JobWatcher tests: a clock and a timer moved by hand, and an in-memory Glacier whose
// jobs finish at set times of the fake clock. Nothing here sleeps or touches the network.

#include "core/jobs/jobstatussource.h"
#include "core/jobs/polltimer.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace thaw::jobs::test {

struct FakeClock
{
    QDateTime now = QDateTime(QDate(2025, 3, 1), QTime(8, 0), Qt::UTC);
    Clock clock()
    {
        return [this] {
            return now;
        };
    }
};

// Remembers when it was started, on the fake clock, so it is due at start + interval.
class FakeTimer final : public PollTimer
{
public:
    explicit FakeTimer(const FakeClock *clock)
        : m_clock(clock)
    {}

    void setTimeoutHandler(std::function<void()> handler) override
    {
        m_handler = std::move(handler);
    }
    void start(std::chrono::milliseconds interval) override
    {
        active = true;
        this->interval = interval;
        dueAt = m_clock->now.addDuration(interval);
        longest = std::max(longest, interval);
    }
    void stop() override { active = false; }
    void fire()
    {
        active = false;
        m_handler();
    }

    bool active = false;
    std::chrono::milliseconds interval{0};
    QDateTime dueAt;
    std::chrono::milliseconds longest{0};

private:
    const FakeClock *m_clock;
    std::function<void()> m_handler;
};

// Moves the fake clock to each time the timer is due, fires it, and stops at `end` (inclusive).
// Returns false if the watcher never settles (the timer re-armed at the same instant forever).
inline bool runUntil(FakeClock &clock, FakeTimer &timer, const QDateTime &end)
{
    for (int guard = 0; guard < 100000; ++guard) {
        if (!timer.active)
            break;
        const QDateTime due = timer.dueAt;
        if (due > end)
            break;
        clock.now = due;
        timer.fire();
        if (guard == 99999)
            return false;
    }
    clock.now = end;
    return true;
}

// A Glacier that knows some jobs, each finishing (Succeeded or Failed) at a fixed time.
class FakeGlacier final : public JobStatusSource
{
public:
    explicit FakeGlacier(FakeClock *clock)
        : m_clock(clock)
    {}

    void add(const QString &vault, const glacier::JobDescription &job,
             std::optional<QDateTime> finishesAt = std::nullopt,
             glacier::JobStatus outcome = glacier::JobStatus::Succeeded)
    {
        m_jobs.insert_or_assign(job.jobId, ServerJob{vault, job, finishesAt, outcome});
    }
    void remove(const QString &jobId) { m_jobs.erase(jobId); }

    // The job as Glacier would describe it now.
    glacier::JobDescription current(const QString &jobId) const
    {
        const ServerJob &s = m_jobs.at(jobId);
        glacier::JobDescription job = s.job;
        if (s.finishesAt && m_clock->now >= *s.finishesAt) {
            job.statusCode = s.outcome;
            job.completed = true;
            job.completionDate = *s.finishesAt;
            job.statusMessage = s.outcome == glacier::JobStatus::Succeeded
                                    ? QStringLiteral("Succeeded")
                                    : QStringLiteral("Failed: the archive could not be read");
        }
        return job;
    }

    void describeJob(const QString &vault, const QString &jobId,
                     std::function<void(JobLookup)> done) override
    {
        ++describeCalls[jobId];
        ++totalDescribe;
        describeTimes.append(m_clock->now);
        JobLookup lookup;
        if (failAll) {
            lookup = JobLookup::fromError(*failAll);
        } else {
            const auto it = m_jobs.find(jobId);
            if (it == m_jobs.end() || it->second.vault != vault)
                lookup = JobLookup::fromError(notFound());
            else
                lookup = JobLookup::fromJob(current(jobId));
        }
        answer([done, lookup] { done(lookup); });
    }

    void listJobs(const QString &vault, std::function<void(JobListLookup)> done) override
    {
        ++listCalls[vault];
        ++totalList;
        JobListLookup lookup;
        if (failAll) {
            lookup = JobListLookup::fromError(*failAll);
        } else {
            QList<glacier::JobDescription> jobs;
            for (const auto &[id, s] : m_jobs) {
                if (s.vault == vault)
                    jobs.append(current(id));
            }
            lookup = JobListLookup::fromJobs(jobs);
        }
        answer([done, lookup] { done(lookup); });
    }

    // Answers held back (hold == true) are given, in order, by release().
    void release()
    {
        auto pending = std::move(m_pending);
        m_pending.clear();
        for (auto &reply : pending)
            reply();
    }
    int pendingCount() const { return int(m_pending.size()); }

    static LookupError notFound()
    {
        return {404, QStringLiteral("ResourceNotFoundException"),
                QStringLiteral("The job ID was not found"), false, true};
    }

    bool hold = false;                  // keep answers until release()
    std::optional<LookupError> failAll; // every call fails with this
    QHash<QString, int> describeCalls;  // per job ID
    QHash<QString, int> listCalls;      // per vault
    int totalDescribe = 0;
    int totalList = 0;
    QList<QDateTime> describeTimes;

private:
    struct ServerJob
    {
        QString vault;
        glacier::JobDescription job;
        std::optional<QDateTime> finishesAt;
        glacier::JobStatus outcome;
    };

    void answer(std::function<void()> reply)
    {
        if (hold)
            m_pending.push_back(std::move(reply));
        else
            reply(); // synchronously: the harder case for the watcher's re-entrancy
    }

    FakeClock *m_clock;
    std::map<QString, ServerJob> m_jobs;
    std::vector<std::function<void()>> m_pending;
};

} // namespace thaw::jobs::test
