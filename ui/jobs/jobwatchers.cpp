#include "jobwatchers.h"

#include "ui/clientprovider.h"

#include "core/glacier/glacierclient.h"
#include "core/jobs/glacierjobstatussource.h"
#include "core/jobs/jobwatcher.h"

namespace thaw::ui {

struct JobWatchers::Watch
{
    QString account;
    QString region;
    // Declared before the watcher, destroyed after it: the watcher uses it until its end.
    std::unique_ptr<jobs::GlacierJobStatusSource> source;
    std::unique_ptr<jobs::JobWatcher> watcher;
    // The vault of each job, kept here because the watcher forgets a job before it reports it
    // failed or expired.
    std::map<QString, QString> vaults;

    VaultRef vaultOf(const QString &jobId) const
    {
        const auto it = vaults.find(jobId);
        return VaultRef{account, region, it == vaults.end() ? QString() : it->second};
    }
};

JobWatchers::JobWatchers(ClientProvider &clients, jobs::Clock clock, QObject *parent)
    : QObject(parent)
    , m_clients(clients)
    , m_clock(std::move(clock))
{}

JobWatchers::~JobWatchers() = default;

JobWatchers::Watch *JobWatchers::watcherFor(const QString &account, const QString &region,
                                            QString *error)
{
    const Key key{account, region};
    const auto it = m_watches.find(key);
    if (it != m_watches.end())
        return it->second.get();
    glacier::GlacierClient *client = m_clients.client(account, region);
    if (!client) {
        if (error)
            *error = m_clients.errorString(account, region);
        return nullptr;
    }
    auto watch = std::make_unique<Watch>();
    Watch *w = watch.get();
    w->account = account;
    w->region = region;
    w->source = std::make_unique<jobs::GlacierJobStatusSource>(*client);
    w->watcher = std::make_unique<jobs::JobWatcher>(w->source.get(), m_clock);
    jobs::JobWatcher *watcher = w->watcher.get();
    connect(watcher, &jobs::JobWatcher::jobChanged, this,
            [this, w](const glacier::JobDescription &job) {
                Q_EMIT jobChanged(w->vaultOf(job.jobId), job);
            });
    connect(watcher, &jobs::JobWatcher::jobCompleted, this,
            [this, w](const glacier::JobDescription &job) {
                Q_EMIT jobCompleted(w->vaultOf(job.jobId), job);
            });
    connect(watcher, &jobs::JobWatcher::jobFailed, this,
            [this, w](const glacier::JobDescription &job) {
                const VaultRef vault = w->vaultOf(job.jobId);
                w->vaults.erase(job.jobId);
                Q_EMIT jobFailed(vault, job);
            });
    connect(watcher, &jobs::JobWatcher::jobExpired, this, [this, w](const QString &jobId) {
        const VaultRef vault = w->vaultOf(jobId);
        w->vaults.erase(jobId);
        Q_EMIT jobExpired(vault, jobId);
    });
    connect(watcher, &jobs::JobWatcher::pollFailed, this,
            [this, w](const QString &jobId, const jobs::LookupError &lookupError) {
                Q_EMIT pollFailed(w->vaultOf(jobId), jobId, lookupError.toString());
            });
    m_watches.emplace(key, std::move(watch));
    return w;
}

bool JobWatchers::watch(const VaultRef &vault, const glacier::JobDescription &job, QString *error)
{
    Watch *w = watcherFor(vault.account, vault.region, error);
    if (!w)
        return false;
    w->vaults[job.jobId] = vault.vault;
    w->watcher->watch(vault.vault, job);
    return true;
}

void JobWatchers::unwatch(const VaultRef &vault, const QString &jobId)
{
    const auto it = m_watches.find(Key{vault.account, vault.region});
    if (it == m_watches.end())
        return;
    it->second->watcher->unwatch(jobId);
    it->second->vaults.erase(jobId);
}

bool JobWatchers::isWatching(const VaultRef &vault, const QString &jobId) const
{
    const auto it = m_watches.find(Key{vault.account, vault.region});
    return it != m_watches.end() && it->second->watcher->isWatching(jobId)
           && it->second->watcher->vault(jobId) == vault.vault;
}

void JobWatchers::refreshAll()
{
    for (const auto &[key, watch] : m_watches)
        watch->watcher->refreshAll();
}

void JobWatchers::forgetAccount(const QString &account)
{
    std::erase_if(m_watches, [&](const auto &entry) { return entry.first.first == account; });
}

} // namespace thaw::ui
