#pragma once

#include "core/inventory/inventoryexporter.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace thaw::ui {

// Runs one inventory export (core/inventory InventoryExporter) on a pool thread and reports
// its progress and end on the GUI thread; cancel() stops it, leaving no file.
class ExportRunner final : public QObject
{
    Q_OBJECT

public:
    explicit ExportRunner(QString databasePath, QObject *parent = nullptr);
    ~ExportRunner() override; // cancels and waits for a running export

    bool isRunning() const { return m_watcher.isRunning(); }
    void start(qint64 inventoryId, const QString &outputPath,
               const inventory::ExportOptions &options);
    void cancel();

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    // rows written, or an error message (empty when it worked; "cancelled" is an error too).
    void finished(bool ok, qint64 rows, const QString &error);

private:
    QString m_databasePath;
    std::shared_ptr<inventory::InventoryExporter> m_exporter;
    QFutureWatcher<inventory::CacheResult<qint64>> m_watcher;
};

} // namespace thaw::ui
