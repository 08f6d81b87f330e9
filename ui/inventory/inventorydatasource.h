#pragma once

#include "inventorystore.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace thaw::ui {

// Counts query generations for one model: every new sort or search takes the next number; a
// request made under an older number is skipped by the worker (if it has not started), stopped
// (if it is running: the store's interrupt check) and never answered, so only the latest query
// costs time.
class QueryGeneration final
{
public:
    quint64 advance() { return ++*m_current; }
    quint64 current() const { return m_current->load(); }
    bool isCurrent(quint64 generation) const { return m_current->load() == generation; }
    std::shared_ptr<const std::atomic<quint64>> shared() const { return m_current; }

private:
    std::shared_ptr<std::atomic<quint64>> m_current = std::make_shared<std::atomic<quint64>>(0);
};

// Runs InventoryStore queries on one worker thread (the store is created there and never
// leaves it) and hands answers back on the GUI thread, to a callback guarded by a context
// object: no disk work on the UI thread. Requests run in the order they were made. Search
// indexes are built on a second thread with a store of its own, so that queries go on
// meanwhile (the store answers from a plain scan until the index is there).
class InventoryDataSource final : public QObject
{
    Q_OBJECT

public:
    explicit InventoryDataSource(InventoryStoreFactory factory, QObject *parent = nullptr);
    ~InventoryDataSource() override;

    template<typename T>
    using Done = std::function<void(Fetched<T>)>;

    // With a generation: skipped if the generation has moved on when the request's turn comes,
    // interrupted if it moves on while the request runs, and never answered then.
    void inventories(const VaultRef &vault, QObject *context,
                     Done<QList<inventory::InventorySummary>> done);
    void count(const inventory::ArchiveQuery &query, const QueryGeneration &generation,
               QObject *context, Done<qint64> done);
    void page(const inventory::ArchiveQuery &query, qint64 offset, int limit,
              const QueryGeneration &generation, QObject *context,
              Done<QList<inventory::ArchiveRow>> done);
    void subfolders(qint64 inventoryId, const QString &folder, const QueryGeneration &generation,
                    QObject *context, Done<QList<inventory::FolderEntry>> done);
    void folderFiles(qint64 inventoryId, const QString &folder,
                     const std::optional<inventory::FolderCursor> &after, int limit,
                     const QueryGeneration &generation, QObject *context,
                     Done<inventory::FolderFiles> done);

    // Builds the inventory's search index in the background, once (a quick no-op when it is
    // there): searchIndexReady or searchIndexFailed follows. Asking again while it is queued
    // or building does nothing.
    void prepareSearchIndex(qint64 inventoryId);
    bool isSearchIndexPending(qint64 inventoryId) const { return m_indexing.contains(inventoryId); }

    // Requests queued or running on the worker (for tests and busy indicators).
    int pending() const { return m_pending.load(); }

Q_SIGNALS:
    void idle(); // the last pending request has been answered (or skipped)
    // builtNow: false when the index was there already.
    void searchIndexReady(qint64 inventoryId, bool builtNow);
    void searchIndexFailed(qint64 inventoryId, const QString &message);

private:
    template<typename T>
    void run(std::function<Fetched<T>(InventoryStore &)> work,
             std::shared_ptr<const std::atomic<quint64>> latest, quint64 generation,
             QObject *context, Done<T> done);
    void finishOne();

    QThread m_thread;
    QObject *m_worker = nullptr; // lives in m_thread
    std::shared_ptr<std::unique_ptr<InventoryStore>> m_store;
    InventoryStoreFactory m_factory;
    std::atomic<int> m_pending{0};

    QThread m_indexThread;
    QObject *m_indexWorker = nullptr; // lives in m_indexThread
    std::shared_ptr<std::unique_ptr<InventoryStore>> m_indexStore;
    std::shared_ptr<std::atomic<bool>> m_stopIndexing;
    QSet<qint64> m_indexing; // queued or building (GUI thread)
};

} // namespace thaw::ui
