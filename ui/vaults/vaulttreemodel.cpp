#include "vaulttreemodel.h"

#include "ui/session/session.h"

#include "core/glacier/glacierclient.h"

#include <QIcon>
#include <QLocale>

namespace thaw::ui {

struct VaultTreeModel::Node
{
    NodeKind kind = NodeKind::Message;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    QString account;
    QString region;
    glacier::VaultDescription vault;
    QString text;   // message rows: what to show
    QString detail; // tooltip: the full error, the account's warning
    bool isError = false;
    bool loading = false;
    quint64 generation = 0;

    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this)
                return int(i);
        }
        return 0;
    }
};

namespace {

std::unique_ptr<VaultTreeModel::Node> makeNode(VaultTreeModel::NodeKind kind,
                                               const QString &account, const QString &region = {})
{
    auto node = std::make_unique<VaultTreeModel::Node>();
    node->kind = kind;
    node->account = account;
    node->region = region;
    return node;
}

QString shortDate(const std::optional<QDateTime> &date)
{
    if (!date)
        return VaultTreeModel::tr("never");
    return QLocale().toString(date->toLocalTime().date(), QLocale::ShortFormat);
}

QString longDate(const std::optional<QDateTime> &date)
{
    if (!date)
        return VaultTreeModel::tr("never");
    return QLocale().toString(date->toLocalTime(), QLocale::LongFormat);
}

} // namespace

VaultTreeModel::VaultTreeModel(Session &session, QObject *parent)
    : QAbstractItemModel(parent)
    , m_session(session)
    , m_root(std::make_unique<Node>())
{
    connect(&session, &Session::accountsChanged, this, &VaultTreeModel::rebuild);
    connect(&session, &Session::accountChanged, this, &VaultTreeModel::updateAccount);
    rebuild();
}

VaultTreeModel::~VaultTreeModel() = default;

VaultTreeModel::Node *VaultTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex VaultTreeModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), column, const_cast<Node *>(node));
}

QModelIndex VaultTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeOf(parent)->children[size_t(row)].get());
}

QModelIndex VaultTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int VaultTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int VaultTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant VaultTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ArchivesColumn:
        return tr("Archives");
    case SizeColumn:
        return tr("Size");
    case InventoryColumn:
        return tr("Last inventory");
    }
    return {};
}

QVariant VaultTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeOf(index);
    const int column = index.column();
    if (role == NodeKindRole)
        return int(node->kind);
    if (role == VaultRefRole)
        return QVariant::fromValue(VaultRef{node->account, node->region, node->vault.vaultName});
    if (role == IsErrorRole)
        return node->isError;

    switch (node->kind) {
    case NodeKind::Account: {
        if (column != NameColumn)
            return {};
        const auto account = m_session.account(node->account);
        const bool demo = account && account->kind == SessionAccount::Kind::Demo;
        const bool warn = account
                          && (account->kind == SessionAccount::Kind::SessionOnly
                              || account->state == SessionAccount::State::Failed);
        if (role == Qt::DisplayRole && demo)
            return tr("%1 (not saved)").arg(node->account);
        if (role == Qt::DisplayRole || role == RawValueRole)
            return node->account;
        if (role == Qt::DecorationRole)
            return QIcon(warn   ? QStringLiteral(":/icons/warning.svg")
                         : demo ? QStringLiteral(":/icons/demo.svg")
                                : QStringLiteral(":/icons/account.svg"));
        if (role == Qt::ToolTipRole) {
            if (!account)
                return {};
            QString tip = demo ? tr("Demo: a local thaw-emulator with sample vaults. Nothing is "
                                    "saved, nothing leaves this computer.")
                          : !account->account.profile.isEmpty()
                              ? tr("Keys from the AWS CLI profile %1").arg(account->account.profile)
                              : tr("Access key ID %1").arg(account->account.accessKeyId);
            if (!account->account.endpointUrl.isEmpty())
                tip += QLatin1Char('\n') + tr("Endpoint %1").arg(account->account.endpointUrl);
            if (!account->message.isEmpty())
                tip += QLatin1Char('\n') + account->message;
            return tip;
        }
        return {};
    }
    case NodeKind::Region:
        if (column != NameColumn)
            return {};
        if (role == Qt::DisplayRole || role == RawValueRole)
            return node->region;
        if (role == Qt::DecorationRole)
            return QIcon(QStringLiteral(":/icons/region.svg"));
        if (role == Qt::ToolTipRole)
            return node->loading ? tr("Listing the vaults of %1…").arg(node->region)
                                 : tr("%n vault(s) in %1", nullptr, int(node->children.size()))
                                       .arg(node->region);
        return {};
    case NodeKind::Vault: {
        const glacier::VaultDescription &v = node->vault;
        if (role == Qt::DisplayRole) {
            switch (column) {
            case NameColumn:
                return v.vaultName;
            case ArchivesColumn:
                return QLocale().toString(v.numberOfArchives);
            case SizeColumn:
                return QLocale().formattedDataSize(v.sizeInBytes);
            case InventoryColumn:
                return shortDate(v.lastInventoryDate);
            }
        }
        if (role == RawValueRole) {
            switch (column) {
            case NameColumn:
                return v.vaultName;
            case ArchivesColumn:
                return v.numberOfArchives;
            case SizeColumn:
                return v.sizeInBytes;
            case InventoryColumn:
                return v.lastInventoryDate ? QVariant(*v.lastInventoryDate) : QVariant();
            }
        }
        if (role == Qt::DecorationRole && column == NameColumn)
            return QIcon(QStringLiteral(":/icons/vault.svg"));
        if (role == Qt::TextAlignmentRole && (column == ArchivesColumn || column == SizeColumn))
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole)
            return tr("%1\n%2 archives, %3\nLast inventory: %4\nCreated: %5")
                .arg(v.vaultArn)
                .arg(QLocale().toString(v.numberOfArchives),
                     QLocale().formattedDataSize(v.sizeInBytes), longDate(v.lastInventoryDate),
                     longDate(v.creationDate));
        return {};
    }
    case NodeKind::Message:
        if (column != NameColumn)
            return {};
        if (role == Qt::DisplayRole || role == RawValueRole)
            return node->text;
        if (role == Qt::ToolTipRole)
            return node->detail.isEmpty() ? node->text : node->detail;
        if (role == Qt::DecorationRole)
            return node->isError   ? QIcon(QStringLiteral(":/icons/error.svg"))
                   : node->loading ? QIcon(QStringLiteral(":/icons/in-progress.svg"))
                                   : QVariant();
        if (role == Qt::ForegroundRole && !node->isError)
            return QVariant(); // the view's colour; the text itself says it is a message
        return {};
    }
    return {};
}

void VaultTreeModel::rebuild()
{
    beginResetModel();
    ++m_generation; // answers for the old tree are dropped
    m_root->children.clear();
    for (const SessionAccount &account : m_session.accounts()) {
        auto node = makeNode(NodeKind::Account, account.account.name);
        node->parent = m_root.get();
        m_root->children.push_back(std::move(node));
    }
    endResetModel();
    for (const auto &account : m_root->children)
        updateAccount(account->account);
}

// The account's children: its regions when its key is usable, else one message row.
void VaultTreeModel::updateAccount(const QString &name)
{
    const QModelIndex index = accountIndex(name);
    if (!index.isValid())
        return;
    Node *node = nodeOf(index);
    const auto account = m_session.account(name);
    std::vector<std::unique_ptr<Node>> children;
    std::vector<Node *> toLoad;
    if (account && account->state == SessionAccount::State::Ready) {
        for (const QString &region : m_session.regions(name)) {
            auto child = makeNode(NodeKind::Region, name, region);
            toLoad.push_back(child.get());
            children.push_back(std::move(child));
        }
        if (children.empty()) {
            auto message = makeNode(NodeKind::Message, name);
            message->text = tr("No region: edit the account to choose one");
            children.push_back(std::move(message));
        }
    } else if (account) {
        auto message = makeNode(NodeKind::Message, name);
        message->text = account->state == SessionAccount::State::Loading ? account->message
                                                                         : tr("Key unavailable");
        message->detail = account->message;
        message->isError = account->state == SessionAccount::State::Failed;
        message->loading = account->state == SessionAccount::State::Loading;
        children.push_back(std::move(message));
    }
    setChildren(node, std::move(children));
    Q_EMIT dataChanged(index, index.siblingAtColumn(ColumnCount - 1));
    for (Node *region : toLoad)
        loadRegion(region);
}

void VaultTreeModel::setChildren(Node *parent, std::vector<std::unique_ptr<Node>> children)
{
    const QModelIndex parentIndex = indexOf(parent);
    if (!parent->children.empty()) {
        beginRemoveRows(parentIndex, 0, int(parent->children.size()) - 1);
        parent->children.clear();
        endRemoveRows();
    }
    if (!children.empty()) {
        beginInsertRows(parentIndex, 0, int(children.size()) - 1);
        for (auto &child : children) {
            child->parent = parent;
            parent->children.push_back(std::move(child));
        }
        endInsertRows();
    }
}

void VaultTreeModel::refresh(const QModelIndex &index)
{
    Node *node = nodeOf(index);
    if (!index.isValid()) {
        for (const auto &account : m_root->children)
            updateAccount(account->account);
        return;
    }
    while (node && node->kind != NodeKind::Region && node->kind != NodeKind::Account)
        node = node->parent;
    if (!node)
        return;
    if (node->kind == NodeKind::Account)
        updateAccount(node->account);
    else
        loadRegion(node);
}

void VaultTreeModel::loadRegion(Node *region)
{
    region->generation = ++m_generation;
    region->loading = true;
    auto message = makeNode(NodeKind::Message, region->account, region->region);
    message->text = tr("Loading vaults…");
    message->loading = true;
    std::vector<std::unique_ptr<Node>> children;
    children.push_back(std::move(message));
    setChildren(region, std::move(children));
    listPage(region->account, region->region, region->generation,
             std::make_shared<QList<glacier::VaultDescription>>(), std::nullopt);
}

void VaultTreeModel::listPage(const QString &account, const QString &region, quint64 generation,
                              std::shared_ptr<QList<glacier::VaultDescription>> vaults,
                              std::optional<QString> marker)
{
    glacier::GlacierClient *client = m_session.client(account, region);
    if (!client) {
        const QString why = m_session.errorString(account, region);
        QMetaObject::invokeMethod(
            this, [=, this] { finishRegion(account, region, generation, {}, why, why); },
            Qt::QueuedConnection);
        return;
    }
    QPointer<VaultTreeModel> self(this);
    client->listVaults(std::nullopt, marker,
                       [self, account, region, generation,
                        vaults](glacier::Result<glacier::ListVaultsPage> result) {
                           if (!self)
                               return;
                           if (!result) {
                               const glacier::GlacierError &e = result.error();
                               const QString code
                                   = e.code.isEmpty() ? QString::number(e.httpStatus) : e.code;
                               self->finishRegion(account, region, generation, {},
                                                  tr("Error: %1").arg(code), e.userMessage());
                               return;
                           }
                           vaults->append(result->vaultList);
                           if (result->marker && !result->marker->isEmpty())
                               self->listPage(account, region, generation, vaults, result->marker);
                           else
                               self->finishRegion(account, region, generation, *vaults, {}, {});
                       });
}

VaultTreeModel::Node *VaultTreeModel::findRegion(const QString &account,
                                                 const QString &region) const
{
    const QModelIndex index = regionIndex(account, region);
    return index.isValid() ? nodeOf(index) : nullptr;
}

void VaultTreeModel::finishRegion(const QString &account, const QString &region, quint64 generation,
                                  const QList<glacier::VaultDescription> &vaults,
                                  const QString &error, const QString &detail)
{
    Node *node = findRegion(account, region);
    if (!node || node->generation != generation)
        return; // refreshed or removed meanwhile
    node->loading = false;
    std::vector<std::unique_ptr<Node>> children;
    if (!error.isEmpty()) {
        auto message = makeNode(NodeKind::Message, account, region);
        message->text = error;
        message->detail = detail;
        message->isError = true;
        children.push_back(std::move(message));
    } else if (vaults.isEmpty()) {
        auto message = makeNode(NodeKind::Message, account, region);
        message->text = tr("No vaults in %1").arg(region);
        children.push_back(std::move(message));
    }
    for (const glacier::VaultDescription &vault : vaults) {
        auto child = makeNode(NodeKind::Vault, account, region);
        child->vault = vault;
        children.push_back(std::move(child));
    }
    setChildren(node, std::move(children));
    const QModelIndex index = indexOf(node);
    Q_EMIT dataChanged(index, index);
    Q_EMIT regionLoaded(account, region, detail);
}

QModelIndex VaultTreeModel::accountIndex(const QString &account) const
{
    for (const auto &node : m_root->children) {
        if (node->account == account)
            return indexOf(node.get());
    }
    return {};
}

QModelIndex VaultTreeModel::regionIndex(const QString &account, const QString &region) const
{
    const QModelIndex parent = accountIndex(account);
    if (!parent.isValid())
        return {};
    for (const auto &node : nodeOf(parent)->children) {
        if (node->kind == NodeKind::Region && node->region == region)
            return indexOf(node.get());
    }
    return {};
}

QModelIndex VaultTreeModel::vaultIndex(const VaultRef &vault) const
{
    const QModelIndex parent = regionIndex(vault.account, vault.region);
    if (!parent.isValid())
        return {};
    for (const auto &node : nodeOf(parent)->children) {
        if (node->kind == NodeKind::Vault && node->vault.vaultName == vault.vault)
            return indexOf(node.get());
    }
    return {};
}

bool VaultTreeModel::isLoading() const
{
    for (const auto &account : m_root->children) {
        for (const auto &region : account->children) {
            if (region->loading)
                return true;
        }
    }
    return false;
}

} // namespace thaw::ui
