#include "inventorydatasource.h"

#include <QCoreApplication>

namespace thaw::ui {

InventoryDataSource::InventoryDataSource(InventoryStoreFactory factory, QObject *parent)
    : QObject(parent)
    , m_store(std::make_shared<std::unique_ptr<InventoryStore>>())
    , m_factory(std::move(factory))
    , m_indexStore(std::make_shared<std::unique_ptr<InventoryStore>>())
    , m_stopIndexing(std::make_shared<std::atomic<bool>>(false))
{
    m_thread.setObjectName(QStringLiteral("InventoryQueries"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    m_indexThread.setObjectName(QStringLiteral("InventoryIndexer"));
    m_indexWorker = new QObject;
    m_indexWorker->moveToThread(&m_indexThread);
    connect(&m_indexThread, &QThread::finished, m_indexWorker, &QObject::deleteLater);
    m_indexThread.start();
}

InventoryDataSource::~InventoryDataSource()
{
    // A build in progress stops (rolled back: it starts again next time), queued ones are
    // skipped; each store is closed on its own thread.
    m_stopIndexing->store(true);
    QMetaObject::invokeMethod(
        m_indexWorker, [store = m_indexStore] { store->reset(); }, Qt::BlockingQueuedConnection);
    m_indexThread.quit();
    m_indexThread.wait();
    QMetaObject::invokeMethod(
        m_worker, [store = m_store] { store->reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void InventoryDataSource::prepareSearchIndex(qint64 inventoryId)
{
    if (inventoryId == 0 || m_indexing.contains(inventoryId))
        return;
    m_indexing.insert(inventoryId);
    QMetaObject::invokeMethod(
        m_indexWorker,
        [this, inventoryId, store = m_indexStore, stop = m_stopIndexing,
         factory = m_factory]() {
            if (stop->load())
                return;
            if (!*store)
                *store = factory();
            const Fetched<bool> built
                = *store ? (*store)->buildSearchIndex(inventoryId, [stop] { return stop->load(); })
                         : Fetched<bool>::failure(tr("The inventory cache cannot be opened."));
            if (stop->load())
                return; // the data source is going away
            // Back on the GUI thread; `this` outlives the indexer thread (see the destructor).
            QMetaObject::invokeMethod(
                this,
                [this, inventoryId, built] {
                    m_indexing.remove(inventoryId);
                    if (built.ok())
                        Q_EMIT searchIndexReady(inventoryId, *built.value);
                    else
                        Q_EMIT searchIndexFailed(inventoryId, built.error);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

template<typename T>
void InventoryDataSource::run(std::function<Fetched<T>(InventoryStore &)> work,
                              std::shared_ptr<const std::atomic<quint64>> latest,
                              quint64 generation, QObject *context, Done<T> done)
{
    ++m_pending;
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        m_worker,
        [this, work = std::move(work), latest = std::move(latest), generation, guard,
         done = std::move(done), store = m_store, factory = m_factory]() mutable {
            const auto stale = [&latest, generation] {
                return latest && latest->load() != generation;
            };
            std::optional<Fetched<T>> result;
            if (!stale()) {
                if (!*store) {
                    *store = factory();
                }
                if (*store) {
                    // A newer query of the same model stops this one where it is.
                    if (latest)
                        (*store)->setInterruptCheck(
                            [latest, generation] { return latest->load() != generation; });
                    result = work(**store);
                    if (latest)
                        (*store)->setInterruptCheck({});
                } else {
                    result = Fetched<T>::failure(tr("The inventory cache cannot be opened."));
                }
                if (stale())
                    result.reset(); // interrupted or outdated: never answered
            }
            // Back on the GUI thread; `this` outlives the worker thread (see the destructor).
            QMetaObject::invokeMethod(
                this,
                [this, guard, done = std::move(done), result = std::move(result)]() mutable {
                    if (result && guard)
                        done(std::move(*result));
                    finishOne();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void InventoryDataSource::finishOne()
{
    if (--m_pending == 0)
        Q_EMIT idle();
}

void InventoryDataSource::inventories(const VaultRef &vault, QObject *context,
                                      Done<QList<inventory::InventorySummary>> done)
{
    run<QList<inventory::InventorySummary>>(
        [vault](InventoryStore &store) { return store.inventories(vault); }, nullptr, 0, context,
        std::move(done));
}

void InventoryDataSource::count(const inventory::ArchiveQuery &query,
                                const QueryGeneration &generation, QObject *context,
                                Done<qint64> done)
{
    run<qint64>([query](InventoryStore &store) { return store.count(query); },
                generation.shared(), generation.current(), context, std::move(done));
}

void InventoryDataSource::page(const inventory::ArchiveQuery &query, qint64 offset, int limit,
                               const QueryGeneration &generation, QObject *context,
                               Done<QList<inventory::ArchiveRow>> done)
{
    run<QList<inventory::ArchiveRow>>(
        [query, offset, limit](InventoryStore &store) { return store.page(query, offset, limit); },
        generation.shared(), generation.current(), context, std::move(done));
}

void InventoryDataSource::folderFiles(qint64 inventoryId, const QString &folder,
                                      const std::optional<inventory::FolderCursor> &after,
                                      int limit, const QueryGeneration &generation,
                                      QObject *context, Done<inventory::FolderFiles> done)
{
    run<inventory::FolderFiles>(
        [inventoryId, folder, after, limit](InventoryStore &store) {
            return store.folderFiles(inventoryId, folder, after, limit);
        },
        generation.shared(), generation.current(), context, std::move(done));
}

void InventoryDataSource::subfolders(qint64 inventoryId, const QString &folder,
                                     const QueryGeneration &generation, QObject *context,
                                     Done<QList<inventory::FolderEntry>> done)
{
    run<QList<inventory::FolderEntry>>(
        [inventoryId, folder](InventoryStore &store) {
            return store.subfolders(inventoryId, folder);
        },
        generation.shared(), generation.current(), context, std::move(done));
}

} // namespace thaw::ui
