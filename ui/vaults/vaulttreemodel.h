#pragma once

#include "ui/vaultref.h"

#include "core/glacier/glaciererror.h"
#include "core/glacier/glaciertypes.h"

#include <QAbstractItemModel>
#include <QPointer>

#include <memory>
#include <vector>

namespace thaw::ui {

class Session;

// The sidebar's tree: accounts → regions → vaults (archive count, size, last inventory date).
// Each region's vaults are listed asynchronously (every List Vaults page) through the session's
// Glacier client; while loading, and on an error (AWS code and a plain sentence), the region
// holds one message row. refresh() lists again.
class VaultTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, ArchivesColumn, SizeColumn, InventoryColumn, ColumnCount };
    enum class NodeKind { Account, Region, Vault, Message };
    enum Role {
        NodeKindRole = Qt::UserRole + 1, // NodeKind as int
        VaultRefRole,                    // VaultRef (account, region, vault), for every node
        RawValueRole,                    // the column's value for sorting (qint64, QDateTime)
        IsErrorRole,                     // a message row that reports an error
    };

    explicit VaultTreeModel(Session &session, QObject *parent = nullptr);
    ~VaultTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Lists the vaults again: of the region at `index`, of every region of the account at
    // `index`, or of everything for an invalid index.
    void refresh(const QModelIndex &index = {});

    QModelIndex accountIndex(const QString &account) const;
    QModelIndex regionIndex(const QString &account, const QString &region) const;
    QModelIndex vaultIndex(const VaultRef &vault) const;
    bool isLoading() const; // some region is being listed

    struct Node; // one row of the tree; defined in the .cpp

Q_SIGNALS:
    // A region finished listing (with an error message, or empty on success).
    void regionLoaded(const QString &account, const QString &region, const QString &error);

private:
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node, int column = 0) const;
    void rebuild();
    void updateAccount(const QString &name);
    void loadRegion(Node *region);
    void listPage(const QString &account, const QString &region, quint64 generation,
                  std::shared_ptr<QList<glacier::VaultDescription>> vaults,
                  std::optional<QString> marker);
    void finishRegion(const QString &account, const QString &region, quint64 generation,
                      const QList<glacier::VaultDescription> &vaults, const QString &error,
                      const QString &detail);
    void setChildren(Node *parent, std::vector<std::unique_ptr<Node>> children);
    Node *findRegion(const QString &account, const QString &region) const;

    Session &m_session;
    std::unique_ptr<Node> m_root;
    quint64 m_generation = 0;
};

} // namespace thaw::ui
