#include "transfersview.h"

#include "progressdelegate.h"
#include "transfermanager.h"
#include "transfersmodel.h"

#include <QDesktopServices>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace thaw::ui {

using namespace Qt::StringLiterals;

namespace {

QToolButton *toolButton(QWidget *parent, const QString &objectName, const QString &text,
                        const QString &icon, const QString &tip)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(text);
    button->setToolTip(tip);
    if (QFile::exists(icon))
        button->setIcon(QIcon(icon));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    return button;
}

} // namespace

TransfersView::TransfersView(TransferManager &manager, QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_model(new TransfersModel(manager, this))
    , m_table(new QTableView(this))
    , m_status(new QLabel(this))
    , m_openUrl([](const QUrl &url) { QDesktopServices::openUrl(url); })
{
    m_pause = toolButton(this, u"pauseButton"_s, tr("Pause"), u":/icons/paused.svg"_s,
                         tr("Pause the selected download; verified chunks are kept"));
    m_resume = toolButton(this, u"resumeButton"_s, tr("Resume"), u":/icons/download.svg"_s,
                          tr("Resume or retry the selected download from its verified chunks"));
    m_cancel = toolButton(this, u"cancelButton"_s, tr("Cancel"), u":/icons/cancel.svg"_s,
                          tr("Cancel the selected download and delete its partial file (Delete); "
                             "a finished one is only removed from the list"));
    m_openFolder = toolButton(this, u"openFolderButton"_s, tr("Open folder"), {},
                              tr("Open the folder the selected download writes to"));
    auto *preferences = toolButton(this, u"preferencesButton"_s, tr("Preferences…"), {},
                                   tr("Download folder, parallel chunks, bandwidth limit"));

    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(TransfersModel::RawRole);
    m_table->setObjectName(u"transfersTable"_s);
    m_table->setModel(proxy);
    m_table->setItemDelegateForColumn(TransfersModel::Progress, new ProgressDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the order they were added
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    setDefaultColumnWidths();

    m_status->setObjectName(u"transfersStatus"_s);
    m_status->setWordWrap(true);
    m_status->setStyleSheet(u"color: #b01e1e;"_s);
    m_status->hide();

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_pause);
    bar->addWidget(m_resume);
    bar->addWidget(m_cancel);
    bar->addWidget(m_openFolder);
    bar->addStretch();
    bar->addWidget(preferences);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);

    auto *del = new QShortcut(QKeySequence::Delete, m_table);
    del->setContext(Qt::WidgetWithChildrenShortcut);
    connect(del, &QShortcut::activated, this, &TransfersView::cancelSelected);
    connect(m_pause, &QToolButton::clicked, this, &TransfersView::pauseSelected);
    connect(m_resume, &QToolButton::clicked, this, &TransfersView::resumeSelected);
    connect(m_cancel, &QToolButton::clicked, this, &TransfersView::cancelSelected);
    connect(m_openFolder, &QToolButton::clicked, this, &TransfersView::openSelectedFolder);
    connect(preferences, &QToolButton::clicked, this, &TransfersView::preferencesRequested);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TransfersView::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TransfersView::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TransfersView::updateActions);
    connect(&manager, &TransferManager::errorOccurred, this, [this](const QString &message) {
        m_status->setText(message);
        m_status->show();
    });
    if (!manager.loadError().isEmpty()) {
        m_status->setText(manager.loadError());
        m_status->show();
    }
    updateActions();
}

void TransfersView::setDefaultColumnWidths()
{
    // Name used to stretch, but with nine columns wider than the tab it was squeezed to a few
    // letters. Every column now keeps its own width (the table scrolls instead): Name wide
    // enough for a typical path, the others fitted to their header and a typical value;
    // Destination, the last, takes what is left.
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    const QFontMetrics metrics(m_table->font());
    const auto fit = [&](int column, const QString &sample) {
        m_table->setColumnWidth(
            column, qMax(header->sectionSizeHint(column), metrics.horizontalAdvance(sample) + 16));
    };
    fit(TransfersModel::Name, u"photos/2019/holiday/IMG_0001-final.jpg"_s);
    m_table->setColumnWidth(TransfersModel::Progress, 140);
    fit(TransfersModel::State, u"Done, verified (job-hash)"_s);
    fit(TransfersModel::Rate, u"99.9 MiB/s"_s);
    fit(TransfersModel::Eta, u"99 h 59 min"_s);
    fit(TransfersModel::Chunks, u"9999 of 9999"_s);
    fit(TransfersModel::Size, u"999.99 GiB"_s);
    fit(TransfersModel::Vault, u"my-vault-name"_s);
}

QByteArray TransfersView::headerState() const
{
    return m_table->horizontalHeader()->saveState();
}

bool TransfersView::restoreHeaderState(const QByteArray &state)
{
    QHeaderView *header = m_table->horizontalHeader();
    if (state.isEmpty() || !header->restoreState(state)) {
        setDefaultColumnWidths();
        return false;
    }
    return true;
}

QString TransfersView::headerStateKey()
{
    return u"transfers/header"_s;
}

void TransfersView::setOpenUrl(std::function<void(const QUrl &)> openUrl)
{
    m_openUrl = std::move(openUrl);
}

QString TransfersView::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(TransfersModel::IdRole).toString();
}

void TransfersView::selectTransfer(const QString &id)
{
    const QAbstractItemModel *model = m_table->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(TransfersModel::IdRole).toString() == id) {
            m_table->selectRow(row);
            m_table->setCurrentIndex(index);
            return;
        }
    }
}

void TransfersView::updateActions()
{
    const int row = m_manager.rowOf(selectedId());
    const bool any = row >= 0;
    const TransferStatus status = any ? m_manager.at(row).status : TransferStatus::Done;
    const bool running = status == TransferStatus::Preparing
                         || status == TransferStatus::Downloading;
    m_pause->setEnabled(any && running);
    m_resume->setEnabled(any
                         && (status == TransferStatus::Paused
                             || (status == TransferStatus::Failed
                                 && m_manager.at(row).queueIndex >= 0)));
    m_cancel->setEnabled(any);
    m_openFolder->setEnabled(any);
}

void TransfersView::pauseSelected()
{
    m_manager.pause(selectedId());
}

void TransfersView::resumeSelected()
{
    m_manager.resume(selectedId());
}

void TransfersView::cancelSelected()
{
    m_manager.cancel(selectedId());
}

void TransfersView::openSelectedFolder()
{
    const int row = m_manager.rowOf(selectedId());
    if (row >= 0)
        m_openUrl(QUrl::fromLocalFile(QFileInfo(m_manager.at(row).outputPath).absolutePath()));
}

} // namespace thaw::ui
