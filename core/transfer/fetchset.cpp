#include "fetchset.h"

#include "chunksink.h"

namespace thaw::transfer {

using glacier::JobOutputResult;
using glacier::Result;

FetchSet::FetchSet(glacier::GlacierClient *client, QString vault, QString jobId, Drained drained)
    : m_client(client)
    , m_vault(std::move(vault))
    , m_jobId(std::move(jobId))
    , m_drained(std::move(drained))
{}

FetchSet::~FetchSet() = default;

void FetchSet::start(std::unique_ptr<ChunkSink> sink, std::vector<int> chunks,
                     std::optional<glacier::GlacierClient::ByteRange> range)
{
    const int id = m_nextId++;
    ChunkSink *target = sink.get();
    Fetch fetch;
    fetch.sink = std::move(sink);
    fetch.chunks = std::move(chunks);
    fetch.ranged = range.has_value();
    m_fetches.emplace(id, std::move(fetch));
    QPointer<FetchSet> self(this);
    glacier::GlacierOperation *operation = m_client->getJobOutput(
        m_vault, m_jobId, range, target, [self, id](Result<JobOutputResult> result) {
            if (self)
                self->onDone(id, result);
        });
    auto it = m_fetches.find(id);
    if (it != m_fetches.end())
        it->second.operation = operation;
}

void FetchSet::onDone(int id, const Result<JobOutputResult> &result)
{
    auto it = m_fetches.find(id);
    if (it == m_fetches.end())
        return;
    it->second.result = result;
    // The last pieces may still be on their way to the .part: the fetch ends once they are in.
    QPointer<FetchSet> self(this);
    it->second.sink->whenDrained([self, id] {
        if (self)
            self->onDrained(id);
    });
}

void FetchSet::onDrained(int id)
{
    auto node = m_fetches.extract(id);
    if (node.empty())
        return;
    m_drained(node.mapped());
}

void FetchSet::abortAll()
{
    // Copied first: an abort may call back at once, and the callback edits m_fetches.
    m_aborting = true;
    std::vector<QPointer<glacier::GlacierOperation>> operations;
    for (auto &[id, fetch] : m_fetches)
        operations.push_back(fetch.operation);
    for (const auto &operation : operations) {
        if (operation)
            operation->abort();
    }
    m_aborting = false;
}

void FetchSet::markPaused()
{
    for (auto &[id, fetch] : m_fetches)
        fetch.paused = true;
}

void FetchSet::clear()
{
    m_fetches.clear();
}

qint64 FetchSet::received() const
{
    qint64 bytes = 0;
    for (const auto &[id, fetch] : m_fetches)
        bytes += fetch.sink->received();
    return bytes;
}

qint64 FetchSet::totalReceived() const
{
    qint64 bytes = 0;
    for (const auto &[id, fetch] : m_fetches)
        bytes += fetch.sink->totalReceived();
    return bytes;
}

} // namespace thaw::transfer
