#pragma once

#include "chunkbook.h"
#include "core/glacier/glacierclient.h"
#include "downloadjournal.h"
#include "downloadtypes.h"
#include "fetchset.h"
#include "outputplan.h"
#include "partfile.h"
#include "ratelimiter.h"
#include "ratemeter.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace thaw::transfer {

class JournalSaver;

// Restores one job's output to a file: Describe Job for its size and hash, a plan of
// tree-hash-aligned chunks, `parallel` ranged GETs streamed into `<name>.part`, each chunk
// verified as it streams and fetched again alone when it fails, a journal of verified chunks so
// that running it again resumes, then the whole checked against the job's tree hash and renamed
// into place. pause() aborts the fetches in flight and resume() goes on in the same engine from
// the verified chunks. Emits finished() exactly once, from the event loop, with the result.
// The engine's thread only moves the body from the network into buffers: writing to the .part,
// hashing, syncing and saving the journal run on worker threads (see README.md).
class DownloadEngine final : public QObject
{
    Q_OBJECT

public:
    // The client is not owned and must outlive the engine.
    DownloadEngine(glacier::GlacierClient *client, DownloadOptions options,
                   QObject *parent = nullptr);
    ~DownloadEngine() override;

    void start();
    // Stops the fetches, keeps the journal; finished() follows with DownloadError::Interrupted.
    void cancel();
    // Starts no more fetches and aborts those in flight (their partial bytes are dropped, the
    // verified chunks stay in the journal); the state becomes Paused. False when the download
    // is not preparing or downloading.
    bool pause();
    // Goes on from the verified chunks, without a new Describe Job; kept chunks are re-hashed
    // first when the .part changed while paused. False when not paused.
    bool resume();

    DownloadState state() const { return m_state; }
    // finished() has been emitted (the engine decides earlier, and reports from the event loop):
    // so a queue that asks after one engine's finished() never counts another engine as
    // finished before that one's finished() has been delivered.
    bool isFinished() const { return m_finishReported; }
    const DownloadResult &result() const { return m_result; }
    DownloadProgress progress() const;

    static QString partPath(const QString &outputPath);
    static QString journalPath(const QString &outputPath);

Q_SIGNALS:
    void progressChanged(const thaw::transfer::DownloadProgress &progress); // at most 4 a second
    void stateChanged(thaw::transfer::DownloadState state);
    void finished(const thaw::transfer::DownloadResult &result);

private:
    using ChunkState = ChunkBook::State;

    void onJobDescribed(const glacier::Result<glacier::JobDescription> &job);
    bool prepare();          // false when it finished with an error
    void rehashKeptChunks(); // after the .part changed while paused
    void schedule();
    void startFetch(std::vector<int> chunks, bool ranged);
    void onFetchDrained(FetchSet::Fetch &fetch); // every byte of the fetch is written and hashed
    void retryChunks(const std::vector<int> &chunks, DownloadError kind, const QString &why);
    bool recordVerified();            // saveJournal(), stopping the download when it fails
    void recordVerifiedLater();       // the same off this thread; the stream waits for it
    bool saveJournal(QString *error); // sync the .part, then the journal, here and now
    void complete();
    void stop(DownloadError kind, const QString &message);
    void finishStopped();
    void finish(DownloadError kind, const QString &message);
    QString keptSummary() const;
    DownloadJournal journal() const;
    void setState(DownloadState state);
    void emitProgress();

    glacier::GlacierClient *m_client;
    DownloadOptions m_options;
    DownloadResult m_result;
    JobOutputTarget m_target;
    ChunkBook m_book;
    PartFile m_part;
    QThreadPool m_workers; // writes and hashes the bodies, one stream at a time each
    std::unique_ptr<JournalSaver> m_saver;
    FetchSet m_fetches;
    // Streams whose verified chunk waits for its journal save: each holds its place among the
    // `parallel` fetches, so a crash loses at most one chunk per stream.
    int m_awaitingJournal = 0;
    std::optional<RateLimiter> m_limiter;
    bool m_wholeBody = false; // the server ignored Range: fetch the rest in one GET
    bool m_described = false; // Describe Job has answered
    bool m_prepared = false;  // the plan is made and the .part open
    bool m_paused = false;
    qint64 m_journalPartMtimeNs = -1; // the .part's mtime in the journal last saved
    DownloadState m_state = DownloadState::Queued;
    bool m_stopping = false;
    bool m_finished = false;
    bool m_finishReported = false;
    DownloadError m_stopKind = DownloadError::None;
    QString m_stopMessage;
    QTimer m_progressTimer;
    RateMeter m_rate;
};

} // namespace thaw::transfer
