#include "jobdetailspane.h"

#include "jobfields.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace thaw::ui {

using namespace Qt::StringLiterals;

JobDetailsPane::JobDetailsPane(QWidget *parent)
    : QWidget(parent)
    , m_fields(new QTableWidget(0, 2, this))
    , m_download(new QPushButton(tr("&Download"), this))
    , m_copyId(new QPushButton(tr("Copy job &ID"), this))
    , m_requestAgain(new QPushButton(tr("Request &again"), this))
{
    m_fields->setObjectName(u"jobDetails"_s);
    m_fields->setHorizontalHeaderLabels({tr("Field"), tr("Value")});
    m_fields->horizontalHeader()->setStretchLastSection(true);
    m_fields->verticalHeader()->hide();
    m_fields->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fields->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fields->setWordWrap(true);
    m_download->setObjectName(u"downloadButton"_s);
    m_copyId->setObjectName(u"copyJobIdButton"_s);
    m_requestAgain->setObjectName(u"requestAgainButton"_s);
    m_requestAgain->setToolTip(tr("The output has expired: start the same retrieval again."));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_download);
    buttons->addWidget(m_copyId);
    buttons->addWidget(m_requestAgain);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fields);
    layout->addLayout(buttons);

    connect(m_download, &QPushButton::clicked, this, &JobDetailsPane::downloadRequested);
    connect(m_copyId, &QPushButton::clicked, this, &JobDetailsPane::copyJobIdRequested);
    connect(m_requestAgain, &QPushButton::clicked, this, &JobDetailsPane::requestAgainRequested);
    setJob(std::nullopt);
}

void JobDetailsPane::setJob(const std::optional<glacier::JobDescription> &job)
{
    const QList<QPair<QString, QString>> fields = job ? jobFields(*job)
                                                      : QList<QPair<QString, QString>>();
    m_fields->setRowCount(int(fields.size()));
    for (int row = 0; row < fields.size(); ++row) {
        auto *name = new QTableWidgetItem(fields[row].first);
        auto *value = new QTableWidgetItem(fields[row].second);
        value->setToolTip(fields[row].second);
        m_fields->setItem(row, 0, name);
        m_fields->setItem(row, 1, value);
    }
    m_fields->resizeColumnToContents(0);
    m_copyId->setEnabled(job.has_value());
    if (!job)
        setActions(false, false);
}

void JobDetailsPane::setActions(bool canDownload, bool canRequestAgain)
{
    m_download->setEnabled(canDownload);
    m_requestAgain->setEnabled(canRequestAgain);
}

} // namespace thaw::ui
