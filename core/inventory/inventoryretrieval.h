#pragma once

#include "cacheresult.h"
#include "core/glacier/glacierclient.h"
#include "core/glacier/jobdescription.h"
#include "inventorytypes.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>

namespace thaw::transfer {
class DownloadEngine;
struct DownloadResult;
} // namespace thaw::transfer

namespace thaw::inventory {

// What inventory to ask Glacier for (InventoryRetrievalJobInput).
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-InventoryRetrievalJobInput.html
struct InventoryRequest
{
    QString format = QStringLiteral("JSON"); // "JSON" or "CSV"
    std::optional<QDateTime> startDate;
    std::optional<QDateTime> endDate;
    std::optional<qint64> limit;
    std::optional<QString> marker; // continue a truncated listing
};

struct RetrievalOptions
{
    VaultKey vault;           // account/region for the cache key; vault.vault is the vault name
    QString cachePath;        // the SQLite cache
    QString workDirectory;    // where job outputs are downloaded (kept until imported)
    int pollIntervalMs = 60 * 1000; // Describe Job while the job runs
    // Start the next job with the Marker when a Limit truncated the listing, until done.
    bool followMarker = true;
    int maxParts = 1000;
};

// How a retrieval ended.
struct RetrievalResult
{
    std::optional<InventoryError> error; // nullopt: success
    std::optional<glacier::GlacierError> awsError;
    QStringList jobIds;          // every job used, in order
    std::optional<QString> nextMarker; // set when the listing is still truncated (followMarker off)
    InventorySummary inventory;  // the merged cached inventory
    bool ok() const { return !error; }
};

// Gets a vault's inventory into the cache: Initiate Job (inventory-retrieval), Describe Job
// until it completes, the output downloaded through transfer::DownloadEngine (verified against
// nothing — inventories carry no tree hash — but resumable), imported; when Limit truncated it
// (InventoryRetrievalParameters.Marker set), the next job starts at the marker and its archives
// are merged into the same cached inventory. start() for a new job, startWithJob() to pick up
// a job already running or done (thaw-cli inventory fetch). Emits finished() once.
class InventoryRetrieval final : public QObject
{
    Q_OBJECT

public:
    InventoryRetrieval(glacier::GlacierClient *client, RetrievalOptions options,
                       QObject *parent = nullptr);
    ~InventoryRetrieval() override;

    void start(const InventoryRequest &request);
    void startWithJob(const QString &jobId);
    void cancel();

    const RetrievalResult &result() const { return m_result; }

Q_SIGNALS:
    void statusChanged(const QString &status); // human-readable: "waiting for job …"
    void finished(const thaw::inventory::RetrievalResult &result);

private:
    void initiate();
    void describe();
    void onDescribed(const glacier::JobDescription &job);
    void download(const glacier::JobDescription &job);
    void onDownloaded(const glacier::JobDescription &job, const transfer::DownloadResult &result);
    void fail(InventoryError error);
    void failAws(const glacier::GlacierError &error);
    void succeed();

    glacier::GlacierClient *m_client;
    RetrievalOptions m_options;
    InventoryRequest m_request;
    RetrievalResult m_result;
    QString m_jobId;
    QString m_inventoryDate; // of the first part: the key all parts merge under
    int m_parts = 0;
    QTimer m_pollTimer;
    std::unique_ptr<transfer::DownloadEngine> m_engine;
    bool m_finished = false;
    bool m_cancelled = false;
};

} // namespace thaw::inventory
