#pragma once

#include "ui/vaultref.h"

#include "core/glacier/jobdescription.h"
#include "core/jobs/polltimer.h"

#include <QList>
#include <QObject>

namespace thaw::ui {

class ClientProvider;
class JobWatchers;

// The jobs of the selected vault, the data source of JobsModel: every page of List Jobs on
// setVault() and refresh(), then each in-progress job followed by a job watcher, so rows change
// as Glacier reports. Jobs of vaults shown earlier stay watched, so their completion is still
// reported (jobCompleted / jobFailed) after the user moved on. Answers for a vault no longer
// selected, or older than the latest refresh, are dropped.
class VaultJobs final : public QObject
{
    Q_OBJECT

public:
    explicit VaultJobs(ClientProvider &clients, jobs::Clock clock = jobs::systemClock,
                       QObject *parent = nullptr);
    ~VaultJobs() override;

    const VaultRef &vault() const { return m_vault; }
    void setVault(const VaultRef &vault); // lists its jobs
    void refresh();                       // lists again; polls every watched job

    const QList<glacier::JobDescription> &jobs() const { return m_jobs; }
    int indexOf(const QString &jobId) const;
    bool isLoading() const { return m_loading; }
    QString errorString() const { return m_error; }

    // Replaces the list (what a List Jobs answer does) and watches the in-progress jobs.
    void setJobs(const VaultRef &vault, QList<glacier::JobDescription> jobs);

    // Initiates the same retrieval as `job` (after its output expired); lists again once
    // Glacier accepted it. False with *error when the job cannot be repeated.
    bool requestAgain(const glacier::JobDescription &job, QString *error);

Q_SIGNALS:
    void aboutToReset();
    void reset();
    void jobUpdated(int row);
    void loadingChanged(bool loading);
    void errorOccurred(const QString &message); // empty: the error is gone
    void jobCompleted(const thaw::ui::VaultRef &vault, const thaw::glacier::JobDescription &job);
    void jobFailed(const thaw::ui::VaultRef &vault, const thaw::glacier::JobDescription &job);
    void jobInitiated(const thaw::ui::VaultRef &vault, const QString &jobId);

private:
    void setLoading(bool loading);
    void setError(const QString &message);
    void onJobChanged(const VaultRef &vault, const glacier::JobDescription &job);

    ClientProvider &m_clients;
    JobWatchers *m_watchers;
    VaultRef m_vault;
    QList<glacier::JobDescription> m_jobs;
    quint64 m_generation = 0;
    bool m_loading = false;
    QString m_error;
};

} // namespace thaw::ui
