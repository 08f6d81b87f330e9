#include "jobwatcher.h"

#include "jobslogging.h"
#include "outputwindow.h"
#include "pollschedule.h"

#include <QHash>
#include <QPointer>

#include <algorithm>

namespace thaw::jobs {

using glacier::JobDescription;
using glacier::JobStatus;

namespace {

bool isFinal(JobStatus status)
{
    return status == JobStatus::Succeeded || status == JobStatus::Failed;
}

const char *statusName(JobStatus status)
{
    switch (status) {
    case JobStatus::InProgress:
        return "InProgress";
    case JobStatus::Succeeded:
        return "Succeeded";
    case JobStatus::Failed:
        return "Failed";
    case JobStatus::Unknown:
        break;
    }
    return "unknown status";
}

bool statusDiffers(const JobDescription &a, const JobDescription &b)
{
    return a.statusCode != b.statusCode || a.completed != b.completed
           || a.completionDate != b.completionDate || a.statusMessage != b.statusMessage;
}

} // namespace

// Defers re-arming the timer until the outermost public call or answer is done, however often
// an answer that arrives synchronously re-enters the watcher.
class JobWatcher::Batch
{
public:
    explicit Batch(JobWatcher *watcher)
        : m_watcher(watcher)
    {
        ++m_watcher->m_batchDepth;
    }
    ~Batch()
    {
        if (--m_watcher->m_batchDepth == 0)
            m_watcher->rearm();
    }
    Batch(const Batch &) = delete;
    Batch &operator=(const Batch &) = delete;

private:
    JobWatcher *m_watcher;
};

JobWatcher::JobWatcher(JobStatusSource *source, Clock clock, std::unique_ptr<PollTimer> timer,
                       QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_clock(std::move(clock))
    , m_timer(timer ? std::move(timer) : std::make_unique<QtPollTimer>())
{
    Q_ASSERT(m_source);
    Q_ASSERT(m_clock);
    m_timer->setTimeoutHandler([this] { processDue(); });
}

JobWatcher::~JobWatcher()
{
    m_timer->stop();
}

void JobWatcher::watch(const QString &vault, const JobDescription &job)
{
    if (job.jobId.isEmpty())
        return;
    if (job.statusCode == JobStatus::Failed) {
        qCDebug(lcThawJobs) << "not watching failed job" << job.jobId;
        unwatch(job.jobId);
        return;
    }
    Batch batch(this);
    const QDateTime now = m_clock();
    Watched w;
    w.vault = vault;
    w.job = job;
    w.since = job.creationDate && job.creationDate->isValid() ? *job.creationDate : now;
    w.serial = m_nextSerial++;
    m_jobs.insert_or_assign(job.jobId, std::move(w));
    qCDebug(lcThawJobs) << "watching" << job.jobId << "in vault" << vault;

    if (job.statusCode == JobStatus::Unknown)
        describe(job.jobId);
    else
        reschedule(m_jobs.at(job.jobId));
    reevaluateExpiry();
}

void JobWatcher::unwatch(const QString &jobId)
{
    Batch batch(this);
    m_jobs.erase(jobId);
}

bool JobWatcher::isWatching(const QString &jobId) const
{
    return m_jobs.find(jobId) != m_jobs.end();
}

QStringList JobWatcher::watchedJobIds() const
{
    QStringList ids;
    for (const auto &[id, w] : m_jobs)
        ids.append(id);
    return ids;
}

std::optional<JobDescription> JobWatcher::job(const QString &jobId) const
{
    const auto it = m_jobs.find(jobId);
    if (it == m_jobs.end())
        return std::nullopt;
    return it->second.job;
}

QString JobWatcher::vault(const QString &jobId) const
{
    const auto it = m_jobs.find(jobId);
    return it == m_jobs.end() ? QString() : it->second.vault;
}

std::optional<QDateTime> JobWatcher::nextPollAt(const QString &jobId) const
{
    const auto it = m_jobs.find(jobId);
    if (it == m_jobs.end())
        return std::nullopt;
    return it->second.nextPoll;
}

std::optional<QDateTime> JobWatcher::nextWakeAt() const
{
    std::optional<QDateTime> next;
    const auto consider = [&next](const std::optional<QDateTime> &t) {
        if (t && (!next || *t < *next))
            next = t;
    };
    for (const auto &[id, w] : m_jobs) {
        consider(w.nextPoll);
        consider(outputWindowEnd(w.job));
    }
    return next;
}

void JobWatcher::refreshNow(const QString &jobId)
{
    Batch batch(this);
    const Watched *w = find(jobId);
    if (!w)
        return;
    if (w->inFlight) {
        qCDebug(lcThawJobs) << "refresh of" << jobId << "joins the poll in flight";
        return;
    }
    describe(jobId);
}

void JobWatcher::refreshAll()
{
    Batch batch(this);
    QStringList vaults;
    for (const auto &[id, w] : m_jobs) {
        if (!vaults.contains(w.vault))
            vaults.append(w.vault);
    }
    for (const QString &vault : vaults) {
        if (watchedInVault(vault) >= schedule::kListJobsThreshold) {
            list(vault);
            continue;
        }
        QStringList ids;
        for (const auto &[id, w] : m_jobs) {
            if (w.vault == vault && !w.inFlight)
                ids.append(id);
        }
        for (const QString &id : ids)
            describe(id);
    }
}

void JobWatcher::reevaluateExpiry()
{
    Batch batch(this);
    const QDateTime now = m_clock();
    QStringList expired;
    for (const auto &[id, w] : m_jobs) {
        if (isExpired(w.job, now))
            expired.append(id);
    }
    for (const QString &id : expired) {
        qCInfo(lcThawJobs) << "output window of job" << id << "ended";
        drop(id);
        Q_EMIT jobExpired(id);
    }
}

void JobWatcher::processDue()
{
    Batch batch(this);
    reevaluateExpiry();

    const QDateTime now = m_clock();
    QStringList due;
    for (const auto &[id, w] : m_jobs) {
        if (!w.inFlight && w.nextPoll && *w.nextPoll <= now)
            due.append(id);
    }
    for (const QString &id : due) {
        // Skip what an earlier List Jobs of this round covered, however fast it was answered.
        const Watched *w = find(id);
        if (!w || w->inFlight || !w->nextPoll || *w->nextPoll > now)
            continue;
        if (watchedInVault(w->vault) >= schedule::kListJobsThreshold)
            list(w->vault);
        else
            describe(id);
    }
}

JobWatcher::Watched *JobWatcher::find(const QString &jobId)
{
    const auto it = m_jobs.find(jobId);
    return it == m_jobs.end() ? nullptr : &it->second;
}

JobWatcher::Watched *JobWatcher::find(const Ticket &ticket)
{
    Watched *w = find(ticket.jobId);
    return w && w->serial == ticket.serial ? w : nullptr;
}

int JobWatcher::watchedInVault(const QString &vault) const
{
    return int(std::count_if(m_jobs.begin(), m_jobs.end(),
                             [&vault](const auto &entry) { return entry.second.vault == vault; }));
}

void JobWatcher::describe(const QString &jobId)
{
    Watched *w = find(jobId);
    if (!w || w->inFlight)
        return;
    w->inFlight = true;
    w->nextPoll.reset();
    const Ticket ticket{jobId, w->serial};
    const QString vault = w->vault; // `w` may be gone once describeJob returns
    qCDebug(lcThawJobs) << "DescribeJob" << jobId << "in vault" << vault;
    QPointer<JobWatcher> self(this);
    m_source->describeJob(vault, jobId, [self, ticket](JobLookup lookup) {
        if (self)
            self->onDescribed(ticket, lookup);
    });
}

void JobWatcher::list(const QString &vault)
{
    if (m_listsInFlight.contains(vault))
        return;
    QList<Ticket> tickets;
    for (auto &[id, w] : m_jobs) {
        if (w.vault != vault)
            continue;
        w.inFlight = true;
        w.nextPoll.reset();
        tickets.append({id, w.serial});
    }
    m_listsInFlight.insert(vault);
    qCDebug(lcThawJobs) << "ListJobs in vault" << vault << "for" << tickets.size() << "jobs";
    QPointer<JobWatcher> self(this);
    m_source->listJobs(vault, [self, vault, tickets](JobListLookup lookup) {
        if (self)
            self->onListed(vault, tickets, lookup);
    });
}

void JobWatcher::onDescribed(const Ticket &ticket, const JobLookup &lookup)
{
    Batch batch(this);
    Watched *w = find(ticket);
    if (!w)
        return; // unwatched, or watched anew, while the call was out
    w->inFlight = false;
    if (lookup.ok())
        applyDescription(ticket, lookup.job());
    else
        applyError(ticket, lookup.error());
    reevaluateExpiry();
}

void JobWatcher::onListed(const QString &vault, const QList<Ticket> &tickets,
                          const JobListLookup &lookup)
{
    Batch batch(this);
    m_listsInFlight.remove(vault);
    for (const Ticket &ticket : tickets) {
        if (Watched *w = find(ticket))
            w->inFlight = false;
    }
    if (!lookup.ok()) {
        for (const Ticket &ticket : tickets)
            applyError(ticket, lookup.error());
        reevaluateExpiry();
        return;
    }

    QHash<QString, const JobDescription *> listed;
    for (const JobDescription &job : lookup.jobs())
        listed.insert(job.jobId, &job);
    QStringList missing;
    for (const Ticket &ticket : tickets) {
        if (!find(ticket))
            continue;
        if (const JobDescription *fresh = listed.value(ticket.jobId))
            applyDescription(ticket, *fresh);
        else
            missing.append(ticket.jobId);
    }
    // Not listed: ask for each alone, whose answer (the job, or "not found") is authoritative.
    for (const QString &id : missing)
        describe(id);
    reevaluateExpiry();
}

void JobWatcher::applyDescription(const Ticket &ticket, const JobDescription &answer)
{
    Watched *w = find(ticket);
    if (!w)
        return;
    JobDescription fresh = answer;
    if (fresh.jobId.isEmpty())
        fresh.jobId = ticket.jobId;
    if (!fresh.tier)
        fresh.tier = w->job.tier;
    if (!fresh.creationDate)
        fresh.creationDate = w->job.creationDate;

    w->consecutiveErrors = 0;
    w->needsUser = false;
    const JobDescription old = w->job;
    if (isFinal(old.statusCode) && fresh.statusCode != old.statusCode) {
        // An answer sent before the job finished, arriving after one sent later.
        qCDebug(lcThawJobs) << "ignoring stale status of" << ticket.jobId;
        reschedule(*w);
        return;
    }
    w->job = fresh;
    if (fresh.creationDate && fresh.creationDate->isValid())
        w->since = *fresh.creationDate;
    reschedule(*w);

    if (!statusDiffers(old, fresh))
        return;
    qCInfo(lcThawJobs) << "job" << ticket.jobId << "is now" << statusName(fresh.statusCode)
                       << fresh.statusMessage.value_or(QString());
    Q_EMIT jobChanged(fresh);
    if (fresh.statusCode == JobStatus::Succeeded && old.statusCode != JobStatus::Succeeded)
        Q_EMIT jobCompleted(fresh);
    if (fresh.statusCode == JobStatus::Failed && old.statusCode != JobStatus::Failed) {
        if (find(ticket)) // a slot may have unwatched it already
            drop(ticket.jobId);
        Q_EMIT jobFailed(fresh);
    }
}

void JobWatcher::applyError(const Ticket &ticket, const LookupError &error)
{
    Watched *w = find(ticket);
    if (!w)
        return;
    if (error.jobNotFound) {
        qCInfo(lcThawJobs) << "job" << ticket.jobId << "is gone:" << error.toString();
        Q_EMIT pollFailed(ticket.jobId, error);
        if (find(ticket)) {
            drop(ticket.jobId);
            Q_EMIT jobExpired(ticket.jobId);
        }
        return;
    }
    ++w->consecutiveErrors;
    w->needsUser = !error.retryable;
    reschedule(*w);
    qCWarning(lcThawJobs) << "poll of job" << ticket.jobId << "failed"
                          << (error.retryable ? "(will retry):" : "(needs the user):")
                          << error.toString();
    Q_EMIT pollFailed(ticket.jobId, error);
}

void JobWatcher::reschedule(Watched &w)
{
    if (isFinal(w.job.statusCode) || w.inFlight) {
        w.nextPoll.reset();
        return;
    }
    const QDateTime now = m_clock();
    const std::chrono::seconds age(w.since.secsTo(now));
    std::chrono::seconds delay = nextPollDelay(w.job.tier, age, w.consecutiveErrors);
    if (w.needsUser)
        delay = std::max(delay, schedule::kErrorBackoffCap);
    w.nextPoll = now.addDuration(delay);
}

void JobWatcher::drop(const QString &jobId)
{
    m_jobs.erase(jobId);
}

void JobWatcher::rearm()
{
    const std::optional<QDateTime> next = nextWakeAt();
    if (!next) {
        m_timer->stop();
        return;
    }
    const qint64 ms = std::clamp<qint64>(m_clock().msecsTo(*next), 0,
                                         std::chrono::milliseconds(kMaxTimerSlice).count());
    m_timer->start(std::chrono::milliseconds(ms));
}

} // namespace thaw::jobs
