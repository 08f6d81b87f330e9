#include "downloadqueue.h"

#include "core/glacier/glacierclient.h"
#include "downloadengine.h"

namespace thaw::transfer {

struct DownloadQueue::Download
{
    std::unique_ptr<glacier::GlacierClient> client; // null: the queue's client
    DownloadOptions options;
    std::unique_ptr<DownloadEngine> engine; // null until started
    DownloadResult emptyResult;
    bool waiting = false; // added with start false, not started yet
};

DownloadQueue::DownloadQueue(glacier::GlacierClient *client, int globalParallel, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_slots(globalParallel)
{}

DownloadQueue::~DownloadQueue()
{
    // Engines first: their fetches release slots of m_slots.
    for (const auto &download : m_downloads)
        download->engine.reset();
}

int DownloadQueue::add(DownloadOptions options)
{
    auto download = std::make_unique<Download>();
    download->options = std::move(options);
    download->options.slots = &m_slots;
    download->options.sharedLimiter = &m_bandwidth;
    m_downloads.push_back(std::move(download));
    const int index = size() - 1;
    startEngine(index);
    return index;
}

int DownloadQueue::add(const glacier::GlacierClient &client, DownloadOptions options, bool start)
{
    auto download = std::make_unique<Download>();
    download->client = std::make_unique<glacier::GlacierClient>(client);
    download->options = std::move(options);
    download->options.slots = &m_slots;
    download->options.sharedLimiter = &m_bandwidth;
    download->waiting = !start;
    m_downloads.push_back(std::move(download));
    const int index = size() - 1;
    if (start)
        startEngine(index);
    return index;
}

DownloadQueue::Download *DownloadQueue::find(int index) const
{
    if (index < 0 || index >= size())
        return nullptr;
    return m_downloads[std::size_t(index)].get();
}

void DownloadQueue::startEngine(int index)
{
    Download *download = find(index);
    glacier::GlacierClient *client = download->client ? download->client.get() : m_client;
    // A finished engine may still be delivering its last queued signal: let it go later.
    if (download->engine) {
        download->engine->disconnect(this);
        download->engine.release()->deleteLater();
    }
    download->waiting = false;
    download->engine = std::make_unique<DownloadEngine>(client, download->options);
    DownloadEngine *engine = download->engine.get();
    connect(engine, &DownloadEngine::stateChanged, this,
            [this, index](DownloadState state) { Q_EMIT stateChanged(index, state); });
    connect(engine, &DownloadEngine::progressChanged, this,
            [this, index](const DownloadProgress &progress) {
                Q_EMIT progressChanged(index, progress);
            });
    connect(engine, &DownloadEngine::finished, this, [this, index](const DownloadResult &result) {
        Q_EMIT downloadFinished(index, result);
        if (isFinished())
            Q_EMIT allFinished();
    });
    engine->start();
}

bool DownloadQueue::pause(int index)
{
    Download *download = find(index);
    return download && download->engine && download->engine->pause();
}

bool DownloadQueue::resume(int index)
{
    Download *download = find(index);
    if (!download)
        return false;
    if (download->waiting) {
        startEngine(index);
        return true;
    }
    if (!download->engine)
        return false;
    if (download->engine->state() == DownloadState::Paused)
        return download->engine->resume();
    if (download->engine->isFinished() && !download->engine->result().ok()) {
        startEngine(index);
        return true;
    }
    return false;
}

bool DownloadQueue::cancel(int index)
{
    Download *download = find(index);
    if (!download || !isRunning(index))
        return false;
    if (download->waiting) {
        // Never started: end it as a cancelled engine would, from the event loop.
        download->waiting = false;
        download->emptyResult.error = DownloadError::Interrupted;
        download->emptyResult.outputPath = download->options.outputPath;
        download->emptyResult.message = tr("Cancelled before it started.");
        QMetaObject::invokeMethod(
            this,
            [this, index] {
                Q_EMIT downloadFinished(index, result(index));
                if (isFinished())
                    Q_EMIT allFinished();
            },
            Qt::QueuedConnection);
        return true;
    }
    download->engine->cancel();
    return true;
}

void DownloadQueue::cancelAll()
{
    for (int i = 0; i < size(); ++i)
        cancel(i);
}

void DownloadQueue::setLimits(int index, int parallel, qint64 limitRate)
{
    if (Download *download = find(index)) {
        download->options.parallel = std::max(1, parallel);
        download->options.limitRate = std::max<qint64>(0, limitRate);
    }
}

void DownloadQueue::setBandwidthLimit(qint64 bytesPerSecond)
{
    m_bandwidth.setBytesPerSecond(bytesPerSecond);
}

bool DownloadQueue::isRunning(int index) const
{
    const Download *download = find(index);
    return download && (download->waiting || (download->engine && !download->engine->isFinished()));
}

bool DownloadQueue::isFinished() const
{
    for (int i = 0; i < size(); ++i) {
        if (isRunning(i))
            return false;
    }
    return true;
}

DownloadState DownloadQueue::state(int index) const
{
    const Download *download = find(index);
    if (!download || !download->engine)
        return download && !download->waiting ? DownloadState::Failed : DownloadState::Queued;
    return download->engine->state();
}

DownloadProgress DownloadQueue::progress(int index) const
{
    const Download *download = find(index);
    return download && download->engine ? download->engine->progress() : DownloadProgress{};
}

const DownloadOptions &DownloadQueue::options(int index) const
{
    return m_downloads.at(std::size_t(index))->options;
}

const DownloadResult &DownloadQueue::result(int index) const
{
    const Download &download = *m_downloads.at(std::size_t(index));
    return download.engine ? download.engine->result() : download.emptyResult;
}

} // namespace thaw::transfer
