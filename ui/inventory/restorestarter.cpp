#include "restorestarter.h"

#include "core/glacier/glacierclient.h"
#include "ui/clientprovider.h"

#include <QPointer>

namespace thaw::ui {

namespace {

// A job Description is at most 1,024 printable ASCII characters; the archive's own description
// (which lets the Jobs view show the decoded name) is passed when it fits.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-initiate-job-post.html
std::optional<QString> jobDescriptionFor(const QString &archiveDescription)
{
    if (archiveDescription.isEmpty() || archiveDescription.size() > 1024)
        return std::nullopt;
    for (const QChar c : archiveDescription) {
        if (c.unicode() < 32 || c.unicode() > 126)
            return std::nullopt;
    }
    return archiveDescription;
}

} // namespace

RestoreStarter::RestoreStarter(ClientProvider &clients, QueueDownload queueDownload,
                               QObject *parent)
    : QObject(parent)
    , m_clients(clients)
    , m_queueDownload(std::move(queueDownload))
{}

void RestoreStarter::start(const VaultRef &vault, const QList<RestoreItem> &items,
                           glacier::RetrievalTier tier, std::optional<ByteRange> range)
{
    if (isRunning() || items.isEmpty())
        return;
    m_vault = vault;
    m_items = items;
    m_tier = tier;
    m_range = items.size() == 1 ? range : std::nullopt;
    m_started = 0;
    m_failed = 0;
    startNext();
}

void RestoreStarter::startNext()
{
    if (m_items.isEmpty()) {
        Q_EMIT finished(m_started, m_failed);
        return;
    }
    const RestoreItem item = m_items.constFirst();
    glacier::GlacierClient *client = m_clients.client(m_vault.account, m_vault.region);
    if (!client) {
        const QString why = m_clients.errorString(m_vault.account, m_vault.region);
        for (const RestoreItem &left : std::as_const(m_items)) {
            ++m_failed;
            Q_EMIT jobFailed(left.archive.archiveId, why);
        }
        m_items.clear();
        Q_EMIT finished(m_started, m_failed);
        return;
    }
    glacier::ArchiveRetrievalParameters parameters;
    parameters.archiveId = item.archive.archiveId;
    parameters.tier = m_tier;
    if (m_range)
        parameters.retrievalByteRange = formatByteRange(*m_range);
    parameters.description = jobDescriptionFor(item.archive.description);
    QPointer<RestoreStarter> self(this);
    client->initiateJob(m_vault.vault, parameters,
                        [self, item](glacier::Result<glacier::InitiateJobResult> result) {
                            if (!self)
                                return;
                            self->m_items.removeFirst();
                            if (result.ok()) {
                                ++self->m_started;
                                self->m_queueDownload(self->m_vault, result->jobId, item.outPath);
                                Q_EMIT self->jobStarted(item.archive.archiveId, result->jobId);
                            } else {
                                ++self->m_failed;
                                Q_EMIT self->jobFailed(item.archive.archiveId,
                                                       result.error().userMessage());
                            }
                            self->startNext();
                        });
}

} // namespace thaw::ui
