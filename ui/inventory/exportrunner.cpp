#include "exportrunner.h"

#include <QtConcurrent>

namespace thaw::ui {

ExportRunner::ExportRunner(QString databasePath, QObject *parent)
    : QObject(parent)
    , m_databasePath(std::move(databasePath))
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        const inventory::CacheResult<qint64> result = m_watcher.result();
        m_exporter.reset();
        if (result.ok())
            Q_EMIT finished(true, result.value(), {});
        else
            Q_EMIT finished(false, 0, result.error().message);
    });
}

ExportRunner::~ExportRunner()
{
    cancel();
    m_watcher.waitForFinished();
}

void ExportRunner::start(qint64 inventoryId, const QString &outputPath,
                         const inventory::ExportOptions &options)
{
    if (isRunning())
        return;
    m_exporter = std::make_shared<inventory::InventoryExporter>(m_databasePath);
    m_exporter->setProgressCallback([this](qint64 done, qint64 total) {
        // On the exporting thread: hand over to the GUI thread.
        QMetaObject::invokeMethod(
            this, [this, done, total] { Q_EMIT progress(done, total); }, Qt::QueuedConnection);
    });
    m_watcher.setFuture(QtConcurrent::run([exporter = m_exporter, inventoryId, outputPath,
                                           options] {
        return exporter->exportInventory(inventoryId, outputPath, options);
    }));
}

void ExportRunner::cancel()
{
    if (m_exporter)
        m_exporter->cancel();
}

} // namespace thaw::ui
