#include "vaultjobs.h"

#include "jobretry.h"
#include "jobwatchers.h"
#include "ui/clientprovider.h"

#include "core/glacier/glacierclient.h"

#include <QPointer>

namespace thaw::ui {

VaultJobs::VaultJobs(ClientProvider &clients, jobs::Clock clock, QObject *parent)
    : QObject(parent)
    , m_clients(clients)
    , m_watchers(new JobWatchers(clients, std::move(clock), this))
{
    connect(m_watchers, &JobWatchers::jobChanged, this, &VaultJobs::onJobChanged);
    connect(m_watchers, &JobWatchers::jobCompleted, this, &VaultJobs::jobCompleted);
    connect(m_watchers, &JobWatchers::jobFailed, this, &VaultJobs::jobFailed);
}

VaultJobs::~VaultJobs() = default;

int VaultJobs::indexOf(const QString &jobId) const
{
    for (int i = 0; i < m_jobs.size(); ++i) {
        if (m_jobs[i].jobId == jobId)
            return i;
    }
    return -1;
}

void VaultJobs::setVault(const VaultRef &vault)
{
    if (vault == m_vault && !m_jobs.isEmpty())
        return;
    setJobs(vault, {});
    refresh();
}

void VaultJobs::refresh()
{
    const quint64 generation = ++m_generation;
    m_watchers->refreshAll();
    if (m_vault.isEmpty()) {
        setLoading(false);
        return;
    }
    glacier::GlacierClient *client = m_clients.client(m_vault.account, m_vault.region);
    if (!client) {
        setLoading(false);
        setError(tr("Cannot list the jobs of %1: %2")
                     .arg(m_vault.vault, m_clients.errorString(m_vault.account, m_vault.region)));
        return;
    }
    setLoading(true);
    const VaultRef vault = m_vault;
    QPointer<VaultJobs> self(this);
    client->listAllJobs(vault.vault, glacier::ListJobsFilter{},
                        [self, vault, generation](glacier::Result<QList<glacier::JobDescription>> r) {
                            if (!self || self->m_generation != generation || self->m_vault != vault)
                                return; // a newer refresh or another vault
                            self->setLoading(false);
                            if (!r.ok()) {
                                self->setError(r.error().userMessage());
                                return;
                            }
                            self->setError({});
                            self->setJobs(vault, std::move(r).value());
                        });
}

void VaultJobs::setJobs(const VaultRef &vault, QList<glacier::JobDescription> jobs)
{
    Q_EMIT aboutToReset();
    m_vault = vault;
    m_jobs = std::move(jobs);
    Q_EMIT reset();
    for (const glacier::JobDescription &job : std::as_const(m_jobs)) {
        if (job.statusCode == glacier::JobStatus::InProgress
            && !m_watchers->isWatching(vault, job.jobId)) {
            QString error;
            if (!m_watchers->watch(vault, job, &error))
                setError(error);
        }
    }
}

void VaultJobs::onJobChanged(const VaultRef &vault, const glacier::JobDescription &job)
{
    if (vault != m_vault)
        return;
    const int row = indexOf(job.jobId);
    if (row < 0)
        return;
    m_jobs[row] = job;
    Q_EMIT jobUpdated(row);
}

bool VaultJobs::requestAgain(const glacier::JobDescription &job, QString *error)
{
    const std::optional<glacier::JobParameters> parameters = repeatRetrieval(job, error);
    if (!parameters)
        return false;
    glacier::GlacierClient *client = m_clients.client(m_vault.account, m_vault.region);
    if (!client) {
        *error = m_clients.errorString(m_vault.account, m_vault.region);
        return false;
    }
    const VaultRef vault = m_vault;
    QPointer<VaultJobs> self(this);
    client->initiateJob(vault.vault, *parameters,
                        [self, vault](glacier::Result<glacier::InitiateJobResult> r) {
                            if (!self)
                                return;
                            if (!r.ok()) {
                                self->setError(r.error().userMessage());
                                return;
                            }
                            Q_EMIT self->jobInitiated(vault, r->jobId);
                            if (self->m_vault == vault)
                                self->refresh();
                        });
    return true;
}

void VaultJobs::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void VaultJobs::setError(const QString &message)
{
    if (m_error == message)
        return;
    m_error = message;
    Q_EMIT errorOccurred(message);
}

} // namespace thaw::ui
