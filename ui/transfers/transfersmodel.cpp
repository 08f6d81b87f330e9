#include "transfersmodel.h"

#include "transfermanager.h"
#include "ui/jobs/jobexpiry.h"
#include "ui/jobs/statusicons.h"

#include <QDir>
#include <QLocale>

namespace thaw::ui {

using namespace Qt::StringLiterals;

namespace {

QIcon iconFor(const Transfer &t)
{
    switch (t.status) {
    case TransferStatus::WaitingForJob:
        return statusIcon(StatusIcon::InProgress);
    case TransferStatus::Queued:
    case TransferStatus::Preparing:
        return statusIcon(StatusIcon::Waiting);
    case TransferStatus::Downloading:
    case TransferStatus::Verifying:
        return statusIcon(StatusIcon::Downloading);
    case TransferStatus::Paused:
        return statusIcon(StatusIcon::Paused);
    case TransferStatus::Done:
        return statusIcon(t.verified ? StatusIcon::Verified : StatusIcon::Warning);
    case TransferStatus::Failed:
        break;
    }
    return statusIcon(StatusIcon::Failed);
}

QString stateText(const Transfer &t)
{
    if (t.status == TransferStatus::Done)
        return t.verified ? TransfersModel::tr("Done, verified (%1)")
                                .arg(transfer::verifiedByName(t.verifiedBy))
                          : TransfersModel::tr("Done, NOT verified");
    if (t.status == TransferStatus::Failed && !t.error.isEmpty())
        return TransfersModel::tr("Failed: %1").arg(t.error.section(u'\n', 0, 0));
    return transferStatusText(t.status);
}

double fraction(const Transfer &t)
{
    if (t.status == TransferStatus::Done)
        return 1.0;
    if (t.progress.totalBytes <= 0)
        return -1.0;
    return std::clamp(double(t.progress.doneBytes) / double(t.progress.totalBytes), 0.0, 1.0);
}

bool moving(const Transfer &t)
{
    return t.status == TransferStatus::Downloading;
}

} // namespace

TransfersModel::TransfersModel(TransferManager &manager, QObject *parent)
    : QAbstractTableModel(parent)
    , m_manager(manager)
{
    connect(&manager, &TransferManager::transferAboutToBeInserted, this,
            [this](int row) { beginInsertRows({}, row, row); });
    connect(&manager, &TransferManager::transferInserted, this, [this] { endInsertRows(); });
    connect(&manager, &TransferManager::transferAboutToBeRemoved, this,
            [this](int row) { beginRemoveRows({}, row, row); });
    connect(&manager, &TransferManager::transferRemoved, this, [this] { endRemoveRows(); });
    connect(&manager, &TransferManager::transferChanged, this, [this](int row) {
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
}

int TransfersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_manager.count();
}

int TransfersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransfersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Transfer &t = m_manager.at(index.row());
    const transfer::DownloadProgress &p = t.progress;
    switch (role) {
    case IdRole:
        return t.id;
    case StatusRole:
        return int(t.status);
    case ProgressRole:
        return fraction(t);
    case Qt::DecorationRole:
        return index.column() == Name ? QVariant(iconFor(t)) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == State && !t.error.isEmpty())
            return t.error;
        if (index.column() == Destination || index.column() == Name)
            return QDir::toNativeSeparators(t.outputPath);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Rate || index.column() == Eta || index.column() == Chunks
            || index.column() == Size)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
    case RawRole:
        break;
    default:
        return {};
    }
    const bool raw = role == RawRole;
    const QLocale locale;
    switch (Column(index.column())) {
    case Name:
        return t.label;
    case Progress:
        if (raw)
            return fraction(t);
        return fraction(t) < 0 ? QString() : u"%1%"_s.arg(int(fraction(t) * 100));
    case State:
        return raw ? QVariant(int(t.status)) : QVariant(stateText(t));
    case Rate:
        if (raw)
            return moving(t) ? p.bytesPerSecond : 0;
        return moving(t) && p.bytesPerSecond > 0
                   ? tr("%1/s").arg(locale.formattedDataSize(p.bytesPerSecond))
                   : QString();
    case Eta:
        if (raw)
            return moving(t) ? p.etaSeconds : -1;
        return moving(t) && p.etaSeconds >= 0
                   ? durationText(std::chrono::seconds(p.etaSeconds))
                   : QString();
    case Chunks:
        if (raw)
            return p.chunksVerified;
        return p.chunkCount > 0 ? tr("%1 of %2").arg(p.chunksVerified).arg(p.chunkCount)
                                : QString();
    case Size:
        if (raw)
            return p.totalBytes;
        return p.totalBytes > 0 ? locale.formattedDataSize(p.totalBytes) : QString();
    case Vault:
        return t.vault.vault;
    case Destination:
        return QDir::toNativeSeparators(t.outputPath);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant TransfersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == Chunks)
        return tr("Chunks whose SHA-256 tree hash was verified, of all chunks");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("Name");
    case Progress:
        return tr("Progress");
    case State:
        return tr("State");
    case Rate:
        return tr("Rate");
    case Eta:
        return tr("Time left");
    case Chunks:
        return tr("Verified");
    case Size:
        return tr("Size");
    case Vault:
        return tr("Vault");
    case Destination:
        return tr("Destination");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace thaw::ui
