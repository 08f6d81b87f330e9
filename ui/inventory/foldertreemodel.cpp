#include "foldertreemodel.h"

#include <QLocale>

namespace thaw::ui {

struct FolderTreeModel::Node
{
    Node *parent = nullptr;
    int row = 0;
    bool isFolder = true;
    inventory::FolderEntry folder; // for folders; the root has path ""
    inventory::ArchiveRow file;    // for files
    std::vector<std::unique_ptr<Node>> children;
    bool subfoldersRequested = false;
    bool subfoldersLoaded = false;
    qint64 filesTotal = -1; // unknown until counted
    qint64 filesLoaded = 0;
    bool filesLoading = false;

    bool mayHaveChildren() const { return isFolder && (parent == nullptr || folder.fileCount > 0); }
    bool moreToFetch() const
    {
        if (!isFolder)
            return false;
        if (!subfoldersRequested)
            return true;
        return subfoldersLoaded && !filesLoading && filesTotal > filesLoaded;
    }
};

FolderTreeModel::FolderTreeModel(InventoryDataSource &source, QObject *parent)
    : QAbstractItemModel(parent)
    , m_source(source)
    , m_root(std::make_unique<Node>())
{
    m_root->subfoldersRequested = true; // nothing to fetch without an inventory
    m_root->subfoldersLoaded = true;
    m_root->filesTotal = 0;
}

FolderTreeModel::~FolderTreeModel() = default;

FolderTreeModel::Node *FolderTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex FolderTreeModel::indexFor(Node *node) const
{
    if (node == m_root.get() || node == nullptr)
        return {};
    return createIndex(node->row, 0, node);
}

QModelIndex FolderTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *node = nodeFor(parent);
    return createIndex(row, column, node->children[std::size_t(row)].get());
}

QModelIndex FolderTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(static_cast<Node *>(child.internalPointer())->parent);
}

int FolderTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int FolderTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool FolderTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeFor(parent);
    return !node->children.empty() || (node->mayHaveChildren() && node->moreToFetch());
}

bool FolderTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    return nodeFor(parent)->moreToFetch();
}

void FolderTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    Node *node = nodeFor(parent);
    if (node->subfoldersRequested) {
        requestFiles(node);
        return;
    }
    node->subfoldersRequested = true;
    ++m_loading;
    const quint64 generation = m_generation.current();
    const QString path = node->folder.path;
    m_source.subfolders(
        m_inventoryId, path, m_generation, this,
        [this, node, generation](Fetched<QList<inventory::FolderEntry>> folders) {
            if (!m_generation.isCurrent(generation))
                return; // `node` belonged to a tree that is gone
            --m_loading;
            node->subfoldersLoaded = true;
            if (!folders.ok()) {
                Q_EMIT errorOccurred(folders.error);
                return;
            }
            std::vector<std::unique_ptr<Node>> children;
            children.reserve(std::size_t(folders.value->size()));
            for (inventory::FolderEntry &entry : *folders.value) {
                auto child = std::make_unique<Node>();
                child->folder = std::move(entry);
                children.push_back(std::move(child));
            }
            appendChildren(node, std::move(children));
            requestFiles(node);
        });
}

void FolderTreeModel::requestFiles(Node *folder)
{
    if (folder->filesLoading)
        return;
    folder->filesLoading = true;
    const quint64 generation = m_generation.current();
    inventory::ArchiveQuery query;
    query.inventoryId = m_inventoryId;
    query.folder = folder->folder.path;
    if (folder->filesTotal < 0) {
        ++m_loading;
        m_source.count(query, m_generation, this,
                       [this, folder, generation](Fetched<qint64> total) {
                           if (!m_generation.isCurrent(generation))
                               return;
                           --m_loading;
                           if (!total.ok()) {
                               Q_EMIT errorOccurred(total.error);
                               return;
                           }
                           folder->filesTotal = *total.value;
                       });
    }
    ++m_loading;
    m_source.page(
        query, folder->filesLoaded, FileBatch, m_generation, this,
        [this, folder, generation](Fetched<QList<inventory::ArchiveRow>> rows) {
            if (!m_generation.isCurrent(generation))
                return;
            --m_loading;
            folder->filesLoading = false;
            if (!rows.ok()) {
                folder->filesTotal = folder->filesLoaded; // stop asking
                Q_EMIT errorOccurred(rows.error);
                return;
            }
            folder->filesLoaded += rows.value->size();
            if (rows.value->size() < FileBatch)
                folder->filesTotal = folder->filesLoaded;
            std::vector<std::unique_ptr<Node>> children;
            children.reserve(std::size_t(rows.value->size()));
            for (inventory::ArchiveRow &row : *rows.value) {
                auto child = std::make_unique<Node>();
                child->isFolder = false;
                child->file = std::move(row);
                children.push_back(std::move(child));
            }
            appendChildren(folder, std::move(children));
        });
}

void FolderTreeModel::appendChildren(Node *folder, std::vector<std::unique_ptr<Node>> children)
{
    const QModelIndex parentIndex = indexFor(folder);
    if (!children.empty()) {
        const int first = int(folder->children.size());
        beginInsertRows(parentIndex, first, first + int(children.size()) - 1);
        for (auto &child : children) {
            child->parent = folder;
            child->row = int(folder->children.size());
            folder->children.push_back(std::move(child));
        }
        endInsertRows();
    }
    Q_EMIT loaded(parentIndex);
}

QVariant FolderTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    if (role == IsFolderRole)
        return node->isFolder;
    if (role == PathRole)
        return node->isFolder ? node->folder.path : node->file.path;
    if (role == Qt::ToolTipRole && !node->isFolder)
        return tr("%1\nDescription: %2\nArchive id: %3")
            .arg(node->file.path, node->file.description, node->file.archiveId);
    if (role == Qt::TextAlignmentRole && (index.column() == Size || index.column() == Archives))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != RawValueRole)
        return {};
    const bool raw = role == RawValueRole;
    switch (index.column()) {
    case Name:
        if (node->isFolder)
            return node->folder.name;
        return node->file.fileName.isEmpty() ? node->file.archiveId : node->file.fileName;
    case Size: {
        const qint64 size = node->isFolder ? node->folder.totalSize : node->file.size;
        return raw ? QVariant(size) : QVariant(QLocale().formattedDataSize(size));
    }
    case Archives:
        if (!node->isFolder)
            return {};
        return raw ? QVariant(node->folder.fileCount)
                   : QVariant(QLocale().toString(node->folder.fileCount));
    case Created:
        if (node->isFolder)
            return {};
        return raw ? QVariant(node->file.creationDateTime)
                   : QVariant(QLocale().toString(node->file.creationDateTime.toLocalTime(),
                                                 QLocale::ShortFormat));
    }
    return {};
}

QVariant FolderTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Size:
        return tr("Size");
    case Archives:
        return tr("Archives");
    case Created:
        return tr("Uploaded");
    }
    return {};
}

void FolderTreeModel::setInventory(qint64 inventoryId)
{
    m_generation.advance();
    beginResetModel();
    m_inventoryId = inventoryId;
    m_root = std::make_unique<Node>();
    if (inventoryId == 0) {
        m_root->subfoldersRequested = true;
        m_root->subfoldersLoaded = true;
        m_root->filesTotal = 0;
    }
    m_loading = 0; // answers for the old tree are dropped by generation
    endResetModel();
}

std::optional<inventory::ArchiveRow> FolderTreeModel::archiveAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return std::nullopt;
    const Node *node = nodeFor(index);
    if (node->isFolder)
        return std::nullopt;
    return node->file;
}

} // namespace thaw::ui
