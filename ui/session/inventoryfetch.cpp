#include "inventoryfetch.h"

#include "ui/clientprovider.h"

#include "core/glacier/glacierclient.h"
#include "core/glacier/joboutputsink.h"
#include "core/inventory/inventoryimporter.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QTemporaryFile>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace thaw::ui {

InventoryFetch::InventoryFetch(ClientProvider &clients, QString cachePath, QObject *parent)
    : QObject(parent)
    , m_clients(clients)
    , m_cachePath(std::move(cachePath))
{}

void InventoryFetch::fetchLatest(const VaultRef &vault)
{
    glacier::GlacierClient *client = m_clients.client(vault.account, vault.region);
    if (!client) {
        const QString why = m_clients.errorString(vault.account, vault.region);
        QMetaObject::invokeMethod(
            this, [this, vault, why] { Q_EMIT finished(vault, why); }, Qt::QueuedConnection);
        return;
    }
    glacier::ListJobsFilter filter;
    filter.statusCode = QStringLiteral("Succeeded");
    QPointer<InventoryFetch> self(this);
    client->listAllJobs(vault.vault, filter,
                        [self, vault](glacier::Result<QList<glacier::JobDescription>> jobs) {
                            if (!self)
                                return;
                            if (!jobs) {
                                Q_EMIT self->finished(vault, jobs.error().userMessage());
                                return;
                            }
                            const glacier::JobDescription *newest = nullptr;
                            const QDateTime window = QDateTime::currentDateTimeUtc().addDays(-1);
                            for (const glacier::JobDescription &job : jobs.value()) {
                                if (job.action != glacier::JobAction::InventoryRetrieval
                                    || !job.completionDate || *job.completionDate < window)
                                    continue;
                                if (!newest || *job.completionDate > *newest->completionDate)
                                    newest = &job;
                            }
                            if (!newest) {
                                Q_EMIT self->finished(vault, tr("No completed inventory job."));
                                return;
                            }
                            self->fetchJob(vault, *newest);
                        });
}

void InventoryFetch::fetchJob(const VaultRef &vault, const glacier::JobDescription &job)
{
    if (job.action != glacier::JobAction::InventoryRetrieval || !job.completionDate) {
        QMetaObject::invokeMethod(
            this, [this, vault] { Q_EMIT finished(vault, tr("Not a completed inventory job.")); },
            Qt::QueuedConnection);
        return;
    }
    glacier::GlacierClient *client = m_clients.client(vault.account, vault.region);
    auto file = std::make_shared<QTemporaryFile>();
    if (!client || !file->open()) {
        Q_EMIT finished(vault, client ? file->errorString()
                                      : m_clients.errorString(vault.account, vault.region));
        return;
    }
    auto sink = std::make_shared<glacier::DeviceSink>(file.get());
    const QString date = job.completionDate->toUTC().toString(Qt::ISODate);
    QPointer<InventoryFetch> self(this);
    client->getJobOutput(
        vault.vault, job.jobId, std::nullopt, sink.get(),
        [self, vault, file, sink, date](glacier::Result<glacier::JobOutputResult> result) {
            if (!self)
                return;
            if (!result) {
                Q_EMIT self->finished(vault, result.error().userMessage());
                return;
            }
            if (!file->flush()) {
                Q_EMIT self->finished(vault, file->errorString());
                return;
            }
            auto *watcher = new QFutureWatcher<QString>(self);
            connect(watcher, &QFutureWatcherBase::finished, self, [self, watcher, vault] {
                watcher->deleteLater();
                Q_EMIT self->finished(vault, watcher->result());
            });
            // SQLite and parsing off the UI thread.
            watcher->setFuture(QtConcurrent::run([cache = self->m_cachePath,
                                                  path = file->fileName(), file, vault,
                                                  date]() -> QString {
                inventory::ImportOptions options;
                options.vault = inventory::VaultKey{vault.account, vault.region, vault.vault};
                options.inventoryDate = date;
                const auto imported = inventory::InventoryImporter(cache).importFile(path, options);
                return imported ? QString() : imported.error().message;
            }));
        });
}

} // namespace thaw::ui
