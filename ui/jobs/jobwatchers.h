#pragma once

#include "ui/vaultref.h"

#include "core/glacier/jobdescription.h"
#include "core/jobs/polltimer.h"

#include <QObject>
#include <QString>

#include <map>
#include <memory>
#include <utility>

namespace thaw::jobs {
class GlacierJobStatusSource;
class JobWatcher;
} // namespace thaw::jobs

namespace thaw::ui {

class ClientProvider;

// A core JobWatcher per account and region, made on demand from the ClientProvider's client
// (copied, so it stays valid when the provider replaces its own), with the vault added to every
// report. The views use it to follow jobs of any vault they have shown.
class JobWatchers final : public QObject
{
    Q_OBJECT

public:
    explicit JobWatchers(ClientProvider &clients, jobs::Clock clock = jobs::systemClock,
                         QObject *parent = nullptr);
    ~JobWatchers() override;

    // False with *error when the account has no usable client.
    bool watch(const VaultRef &vault, const glacier::JobDescription &job, QString *error);
    void unwatch(const VaultRef &vault, const QString &jobId);
    bool isWatching(const VaultRef &vault, const QString &jobId) const;
    // Polls every watched job now (F5).
    void refreshAll();
    // Forgets the watchers of an account (it was edited or removed).
    void forgetAccount(const QString &account);

Q_SIGNALS:
    void jobChanged(const thaw::ui::VaultRef &vault, const thaw::glacier::JobDescription &job);
    void jobCompleted(const thaw::ui::VaultRef &vault, const thaw::glacier::JobDescription &job);
    void jobFailed(const thaw::ui::VaultRef &vault, const thaw::glacier::JobDescription &job);
    void jobExpired(const thaw::ui::VaultRef &vault, const QString &jobId);
    void pollFailed(const thaw::ui::VaultRef &vault, const QString &jobId, const QString &message);

private:
    struct Watch;
    using Key = std::pair<QString, QString>; // account, region
    Watch *watcherFor(const QString &account, const QString &region, QString *error);

    ClientProvider &m_clients;
    jobs::Clock m_clock;
    std::map<Key, std::unique_ptr<Watch>> m_watches;
};

} // namespace thaw::ui
