#pragma once

#include "rangeadvice.h"
#include "restoreplan.h"

#include "core/glacier/jobdescription.h"
#include "ui/vaultref.h"

#include <QObject>

#include <functional>
#include <optional>

namespace thaw::ui {

class ClientProvider;

// Hands a just-initiated retrieval job to whatever downloads it once it succeeds (the
// TransferManager's queueWhenReady in the app).
using QueueDownload
    = std::function<void(const VaultRef &vault, const QString &jobId, const QString &outPath)>;

// Starts the archive-retrieval jobs of a restore, one Initiate Job after another (a duplicate
// job costs money, so nothing is retried here beyond what GlacierClient does), and queues each
// job's download as soon as Glacier has accepted it.
class RestoreStarter final : public QObject
{
    Q_OBJECT

public:
    RestoreStarter(ClientProvider &clients, QueueDownload queueDownload, QObject *parent = nullptr);

    // range: only for a single archive.
    void start(const VaultRef &vault, const QList<RestoreItem> &items, glacier::RetrievalTier tier,
               std::optional<ByteRange> range);
    bool isRunning() const { return !m_items.isEmpty(); }

Q_SIGNALS:
    void jobStarted(const QString &archiveId, const QString &jobId);
    void jobFailed(const QString &archiveId, const QString &message);
    void finished(int started, int failed);

private:
    void startNext();

    ClientProvider &m_clients;
    QueueDownload m_queueDownload;
    VaultRef m_vault;
    QList<RestoreItem> m_items;
    glacier::RetrievalTier m_tier = glacier::RetrievalTier::Standard;
    std::optional<ByteRange> m_range;
    int m_started = 0;
    int m_failed = 0;
};

} // namespace thaw::ui
