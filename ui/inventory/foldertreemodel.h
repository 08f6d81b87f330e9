#pragma once

#include "inventorydatasource.h"

#include <QAbstractItemModel>

#include <memory>
#include <optional>
#include <vector>

namespace thaw::ui {

// The archives of one cached inventory as a folder tree built from their decoded paths.
// Loaded lazily (canFetchMore/fetchMore): a folder's subfolders and the first files at its
// level when it is expanded, further files in batches as the view scrolls. Every query runs on
// the data source's worker thread.
class FolderTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { Name, Size, Archives, Created, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1,
        IsFolderRole,
        PathRole, // a folder's path ("a/b") or a file's decoded path
    };
    static constexpr int FileBatch = 500;

    explicit FolderTreeModel(InventoryDataSource &source, QObject *parent = nullptr);
    ~FolderTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setInventory(qint64 inventoryId);
    std::optional<inventory::ArchiveRow> archiveAt(const QModelIndex &index) const;
    // No folder is waiting for an answer.
    bool isIdle() const { return m_loading == 0; }

Q_SIGNALS:
    void loaded(const QModelIndex &folder); // a folder's subfolders or a batch of files arrived
    void errorOccurred(const QString &message);

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(Node *node) const;
    void requestFiles(Node *folder);
    void appendChildren(Node *folder, std::vector<std::unique_ptr<Node>> children);

    InventoryDataSource &m_source;
    QueryGeneration m_generation;
    qint64 m_inventoryId = 0;
    std::unique_ptr<Node> m_root;
    int m_loading = 0;
};

} // namespace thaw::ui
