#pragma once

#include "downloadtypes.h"
#include "fetchslots.h"
#include "ratelimiter.h"

#include <QList>
#include <QObject>

#include <memory>
#include <vector>

namespace thaw::glacier {
class GlacierClient;
}

namespace thaw::transfer {

class DownloadEngine;

// Runs several downloads at once under one limit of chunk fetches in flight over all of them
// (each download's own `parallel` still applies). Each download may use its own Glacier client
// (another account or region); the queue keeps a copy of it, which shares the original's
// context, so the caller's client may go away while the download runs.
//
// A download is addressed by the index add() returned; indexes are never reused. pause() and
// resume() act on the download's engine; resume() of a download that ended with an error or a
// cancel() starts a new engine with the same options, which picks up the verified chunks from
// the journal (core/transfer/README.md, "Resume").
//
// Every download also draws on one global bandwidth limit (a RateLimiter shared by all engines,
// besides each download's own `limitRate`); setBandwidthLimit() and setGlobalParallel() change
// the global limits for the downloads already running too. Emits downloadFinished() each time a
// download's engine ends and allFinished() when no download is running any more.
class DownloadQueue final : public QObject
{
    Q_OBJECT

public:
    // `client` is the client of add(options); it is not owned and must outlive the queue. It
    // may be null when every download is added with its own client.
    DownloadQueue(glacier::GlacierClient *client, int globalParallel, QObject *parent = nullptr);
    ~DownloadQueue() override;

    int add(DownloadOptions options); // its index; starts it at once with the queue's client
    // Starts a download with its own client (copied). With start false it waits, Queued, until
    // resume().
    int add(const glacier::GlacierClient &client, DownloadOptions options, bool start = true);

    // False when the index is unknown or the engine cannot pause (not preparing/downloading).
    bool pause(int index);
    // Goes on after pause(); starts a download added with start false; restarts a download that
    // ended with an error or a cancel from its journal. False when it is running or finished
    // successfully.
    bool resume(int index);
    // Stops the download, keeping its journal; downloadFinished() follows with Interrupted.
    // False when it is not running.
    bool cancel(int index);
    void cancelAll();
    // Changes the parallel fetches and bandwidth limit of a download from its next engine start
    // on (the start of a download added with start false, or a retry); a running engine keeps
    // the values it started with.
    void setLimits(int index, int parallel, qint64 limitRate);

    // Bytes per second over all downloads together; 0 (the default): unlimited. Takes effect at
    // once: each running stream sees the new rate at its next read (a pause already granted at
    // the old rate runs out first).
    void setBandwidthLimit(qint64 bytesPerSecond);
    qint64 bandwidthLimit() const { return m_bandwidth.bytesPerSecond(); }
    // The shared bucket itself: what it has charged, and a clock for tests.
    RateLimiter &bandwidth() { return m_bandwidth; }
    // Chunk fetches in flight over all downloads; a running fetch is never stopped, a lower
    // limit is reached as fetches end.
    void setGlobalParallel(int limit) { m_slots.setLimit(limit); }

    int size() const { return int(m_downloads.size()); }
    bool isFinished() const; // no download is running (or waiting to be started)
    bool isRunning(int index) const;
    DownloadState state(int index) const;
    DownloadProgress progress(int index) const;
    const DownloadOptions &options(int index) const;
    const DownloadResult &result(int index) const; // the last engine's
    const FetchSlots &slots() const { return m_slots; }

Q_SIGNALS:
    void stateChanged(int index, thaw::transfer::DownloadState state);
    void progressChanged(int index, const thaw::transfer::DownloadProgress &progress);
    void downloadFinished(int index, const thaw::transfer::DownloadResult &result);
    void allFinished();

private:
    struct Download;
    Download *find(int index) const;
    void startEngine(int index);

    glacier::GlacierClient *m_client;
    FetchSlots m_slots;
    RateLimiter m_bandwidth{0}; // before m_downloads: engines charge it until they go
    std::vector<std::unique_ptr<Download>> m_downloads;
};

} // namespace thaw::transfer
