#pragma once

#include "registrysaver.h"
#include "transferstatus.h"
#include "transfersettings.h"
#include "ui/vaultref.h"

#include "core/glacier/jobdescription.h"
#include "core/transfer/downloadregistry.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>

namespace thaw::transfer {
class DownloadQueue;
}

namespace thaw::ui {

class ClientProvider;
class JobWatchers;

// Owns every download of the desktop application: starts them on a DownloadQueue (one global
// limit of fetches in flight, each download with the client of its own account and region),
// follows just-initiated jobs and queues their download when they succeed, and remembers the
// unfinished ones in a DownloadRegistry so that after a restart they come back and resume from
// their journals. Downloads are listed in the order they were added; the row of a download
// changes only when one before it is removed.
class TransferManager final : public QObject
{
    Q_OBJECT

public:
    // Restores the registry's downloads at once: running ones start again (resuming from their
    // journal), paused and failed ones wait for resume(), waiting ones are watched again.
    TransferManager(ClientProvider &clients, TransferSettings settings, QString registryPath,
                    QObject *parent = nullptr);
    ~TransferManager() override;

    // Why the registry could not be read on construction, or which of its downloads could not
    // be restored (their account has no client now; they stay registered for the next start).
    // Empty when all went well.
    QString loadError() const { return m_loadError; }

    int count() const { return int(m_transfers.size()); }
    const Transfer &at(int row) const { return *m_transfers.at(std::size_t(row)); }
    int rowOf(const QString &id) const; // -1 when unknown
    int rowOfJob(const QString &jobId) const;

    // Starts downloading a succeeded job's output to outPath (an absolute file path). Returns
    // its id, or an empty string with *error (no client for the account, a download to the same
    // file already listed, the registry cannot be written).
    QString download(const VaultRef &vault, const glacier::JobDescription &job,
                     const QString &outPath, QString *error = nullptr);
    // A job just initiated (e.g. by the Restore dialog): watches it and starts its download when
    // it succeeds; a failed or expired job turns the row Failed.
    QString queueWhenReady(const VaultRef &vault, const QString &jobId, const QString &outPath,
                           QString *error = nullptr);

    bool pause(const QString &id);
    // Goes on after pause(), or tries a failed download again from its journal.
    bool resume(const QString &id);
    // Stops the download, deletes its .part and journal and removes its row. A finished row is
    // only removed from the list (its file stays).
    bool cancel(const QString &id);

    // Polls the jobs waiting to be downloaded now (F5).
    void refreshWaiting();

    // Changes to the registry are saved off the GUI thread by a RegistrySaver: at once after a
    // quiet moment, else together with the others of a burst (queueing thousands of restores
    // would otherwise rewrite and fsync the whole file per download), and at the latest on
    // destruction or when the application quits. This saves what is pending now, waiting for a
    // save under way; false with *error when the file cannot be written.
    bool flushRegistry(QString *error = nullptr);
    const transfer::DownloadRegistry &registry() const { return m_registry; }
    const RegistrySaver &registrySaver() const { return m_saver; }

    const TransferSettings &settings() const { return m_settings; }
    // The bandwidth limit (over all downloads together) and the global limit of fetches in
    // flight take effect at once, running downloads included. Parallel chunks per download
    // reach new downloads and every unfinished one from its next engine start (a retry, a
    // waiting or restored-paused download starting, the next run of the application): the
    // engine has no way to change them while it runs.
    void setSettings(const TransferSettings &settings);

    // Bytes per second over all running downloads, or the last rate measured while something
    // ran; 0 before any download ran. The Jobs view's expiry estimate uses it.
    qint64 measuredRate() const;
    // The bandwidth limit the running downloads share (bytes/s; 0: unlimited).
    qint64 bandwidthLimit() const;

Q_SIGNALS:
    void transferAboutToBeInserted(int row);
    void transferInserted(int row);
    void transferChanged(int row);
    void transferAboutToBeRemoved(int row);
    void transferRemoved(int row);
    // A download ended (done or failed); row as at emission.
    void transferFinished(int row);
    // Something went wrong outside a row (the registry cannot be written, an account unknown).
    void errorOccurred(const QString &message);

private:

    Transfer *find(const QString &id);
    QString add(const transfer::RegisteredDownload &entry, TransferStatus status, QString *error);
    bool startOnQueue(Transfer &t, const transfer::RegisteredDownload &entry, bool start,
                      QString *error);
    void restore();
    void onStateChanged(int queueIndex, transfer::DownloadState state);
    void onProgress(int queueIndex, const transfer::DownloadProgress &progress);
    void onFinished(int queueIndex, const transfer::DownloadResult &result);
    void onJobReady(const QString &jobId, const glacier::JobDescription &job);
    void onJobGone(const QString &jobId, const QString &why);
    void removeRow(int row);
    void updateRegistry(const QString &id, const std::function<void(transfer::RegisteredDownload &)> &change);
    int rowOfQueueIndex(int queueIndex) const;
    void changed(const Transfer &t);
    void setQueueIndex(Transfer &t, int queueIndex);
    void markDone(Transfer &t);

    ClientProvider &m_clients;
    TransferSettings m_settings;
    transfer::DownloadRegistry m_registry;
    RegistrySaver m_saver; // of m_registry
    QString m_loadError;
    std::vector<std::unique_ptr<Transfer>> m_transfers;
    QHash<QString, int> m_rowOfId;        // Transfer::id → row
    QHash<int, QString> m_idOfQueueIndex; // DownloadQueue index → Transfer::id
    // Output paths of the rows not Done (row count per path): add() refuses a second download
    // to one of them without scanning every row.
    QHash<QString, int> m_activePaths;
    bool m_restoring = false; // restore() runs: waiting jobs are polled together at its end
    std::map<int, QString> m_cancelling; // queue index → id of a cancel() under way
    mutable qint64 m_lastRate = 0;
    std::unique_ptr<transfer::DownloadQueue> m_queue;
    std::unique_ptr<JobWatchers> m_watchers;
};

} // namespace thaw::ui
