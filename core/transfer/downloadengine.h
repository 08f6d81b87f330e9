#pragma once

#include "core/crypto/chunkplan.h"
#include "core/glacier/glacierclient.h"
#include "downloadjournal.h"
#include "downloadtypes.h"
#include "outputplan.h"
#include "partfile.h"
#include "ratelimiter.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace thaw::transfer {

class ChunkSink;

// Restores one job's output to a file: Describe Job for its size and hash, a plan of
// tree-hash-aligned chunks, `parallel` ranged GETs streamed into `<name>.part`, each chunk
// verified as it streams and fetched again alone when it fails, a journal of verified chunks so
// that running it again resumes, then the whole checked against the job's tree hash and renamed
// into place. Emits finished() exactly once, from the event loop, with the result.
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

    bool isFinished() const { return m_finished; }
    const DownloadResult &result() const { return m_result; }
    DownloadProgress progress() const;

    static QString partPath(const QString &outputPath);
    static QString journalPath(const QString &outputPath);

Q_SIGNALS:
    void progressChanged(const thaw::transfer::DownloadProgress &progress); // at most 4 a second
    void finished(const thaw::transfer::DownloadResult &result);

private:
    enum class ChunkState { Pending, Active, Verified };
    struct Fetch
    {
        std::unique_ptr<ChunkSink> sink;
        QPointer<glacier::GlacierOperation> operation;
        std::vector<int> chunks; // indexes of its target chunks
        bool ranged = true;      // false: the whole output, after the server ignored Range
    };

    void onJobDescribed(const glacier::Result<glacier::JobDescription> &job);
    bool prepare(); // false when it finished with an error
    bool loadJournal(const DownloadJournal &current);
    void rehashKeptChunks();
    void schedule();
    void startFetch(std::vector<int> chunks, bool ranged);
    void onFetchDone(int fetchId, const glacier::Result<glacier::JobOutputResult> &result);
    DownloadError acceptFetch(Fetch &fetch, QString *why); // None: verified and recorded
    void retryChunks(const std::vector<int> &chunks, DownloadError kind, const QString &why);
    bool recordVerified(); // sync the .part, then the journal
    void complete();
    void stop(DownloadError kind, const QString &message);
    void finishStopped();
    void finish(DownloadError kind, const QString &message);
    QString keptSummary() const;
    int verifiedCount() const;
    DownloadJournal journal() const;
    void emitProgress();

    glacier::GlacierClient *m_client;
    DownloadOptions m_options;
    DownloadResult m_result;
    JobOutputTarget m_target;
    std::vector<crypto::Chunk> m_chunks;
    std::vector<ChunkState> m_states;
    std::vector<JournalChunk> m_verified; // by chunk; meaningful when Verified
    std::vector<int> m_attempts;          // failed fetches per chunk
    std::map<int, Fetch> m_fetches;
    int m_nextFetchId = 0;
    PartFile m_part;
    std::optional<RateLimiter> m_limiter;
    std::optional<DownloadJournal> m_oldJournal;
    bool m_wholeBody = false; // the server ignored Range: fetch the rest in one GET
    bool m_described = false; // Describe Job has answered
    bool m_stopping = false;
    bool m_aborting = false;
    bool m_finished = false;
    DownloadError m_stopKind = DownloadError::None;
    QString m_stopMessage;
    QTimer m_progressTimer;
    QElapsedTimer m_rateClock;
    qint64 m_rateBytes = 0;
    qint64 m_rateMs = 0;
    qint64 m_bytesPerSecond = 0;
};

} // namespace thaw::transfer
