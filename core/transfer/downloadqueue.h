#pragma once

#include "downloadtypes.h"
#include "fetchslots.h"

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
// (each download's own `parallel` still applies). Emits downloadFinished() per download and
// allFinished() once every one has ended.
class DownloadQueue final : public QObject
{
    Q_OBJECT

public:
    // The client is not owned and must outlive the queue.
    DownloadQueue(glacier::GlacierClient *client, int globalParallel, QObject *parent = nullptr);
    ~DownloadQueue() override;

    int add(DownloadOptions options); // its index; starts it at once
    void cancelAll();

    int size() const { return int(m_engines.size()); }
    bool isFinished() const { return m_finished == size(); }
    const DownloadResult &result(int index) const;
    const FetchSlots &slots() const { return m_slots; }

Q_SIGNALS:
    void downloadFinished(int index, const thaw::transfer::DownloadResult &result);
    void allFinished();

private:
    glacier::GlacierClient *m_client;
    FetchSlots m_slots;
    std::vector<std::unique_ptr<DownloadEngine>> m_engines;
    int m_finished = 0;
};

} // namespace thaw::transfer
