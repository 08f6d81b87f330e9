#include "downloadqueue.h"

#include "downloadengine.h"

namespace thaw::transfer {

DownloadQueue::DownloadQueue(glacier::GlacierClient *client, int globalParallel, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_slots(globalParallel)
{}

DownloadQueue::~DownloadQueue() = default;

int DownloadQueue::add(DownloadOptions options)
{
    const int index = size();
    options.slots = &m_slots;
    m_engines.push_back(std::make_unique<DownloadEngine>(m_client, std::move(options)));
    DownloadEngine *engine = m_engines.back().get();
    connect(engine, &DownloadEngine::finished, this, [this, index](const DownloadResult &result) {
        ++m_finished;
        Q_EMIT downloadFinished(index, result);
        if (isFinished())
            Q_EMIT allFinished();
    });
    engine->start();
    return index;
}

void DownloadQueue::cancelAll()
{
    for (const auto &engine : m_engines)
        engine->cancel();
}

const DownloadResult &DownloadQueue::result(int index) const
{
    return m_engines.at(std::size_t(index))->result();
}

} // namespace thaw::transfer
