#pragma once

#include "core/glacier/glacierclient.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace thaw::transfer {

class ChunkSink;

// The GETs of one download in flight, each streaming into its own ChunkSink: started, counted,
// aborted together, and each handed back once its GET has ended *and* every byte it received is
// written and hashed, so that the caller never looks at a sink whose writer is still busy.
// (A QObject only so that late callbacks can tell it is gone.)
class FetchSet final : public QObject
{
public:
    struct Fetch
    {
        std::unique_ptr<ChunkSink> sink;
        QPointer<glacier::GlacierOperation> operation;
        std::vector<int> chunks; // indexes of its target chunks
        bool ranged = true;      // false: the whole output, after the server ignored Range
        bool paused = false;     // aborted by a pause: its end is no failure
        // The GET's outcome, set when it ended; the fetch ends once its sink has drained.
        std::optional<glacier::Result<glacier::JobOutputResult>> result;
    };
    // A fetch that ended and drained, already out of the set (result is set). It may start,
    // abort or clear fetches.
    using Drained = std::function<void(Fetch &fetch)>;

    // The client is not owned and must outlive the set.
    FetchSet(glacier::GlacierClient *client, QString vault, QString jobId, Drained drained);
    ~FetchSet() override;

    // Starts a Get Job Output into `sink` for the target chunks `chunks`: of `range`, or of the
    // whole output without one.
    void start(std::unique_ptr<ChunkSink> sink, std::vector<int> chunks,
               std::optional<glacier::GlacierClient::ByteRange> range);
    // Aborts every GET in flight; each still comes back through Drained. An abort may call back
    // at once: isAborting() is true meanwhile, so the callback knows that more are ending.
    void abortAll();
    bool isAborting() const { return m_aborting; }
    // Marks every fetch in flight as aborted by a pause (Fetch::paused).
    void markPaused();
    // Drops every fetch without a callback (each sink waits for its writer first).
    void clear();

    int size() const { return int(m_fetches.size()); }
    bool empty() const { return m_fetches.empty(); }
    qint64 received() const;      // bytes of the fetches' current attempts
    qint64 totalReceived() const; // over all their attempts

private:
    void onDone(int id, const glacier::Result<glacier::JobOutputResult> &result);
    void onDrained(int id);

    glacier::GlacierClient *m_client;
    QString m_vault;
    QString m_jobId;
    Drained m_drained;
    std::map<int, Fetch> m_fetches;
    int m_nextId = 0;
    bool m_aborting = false;
};

} // namespace thaw::transfer
