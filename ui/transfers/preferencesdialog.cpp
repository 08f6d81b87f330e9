#include "preferencesdialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace thaw::ui {

using namespace Qt::StringLiterals;

namespace {

constexpr double kMiB = 1024.0 * 1024.0;

} // namespace

PreferencesDialog::PreferencesDialog(const TransferSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_initial(settings)
    , m_folder(new QLineEdit(settings.downloadFolder, this))
    , m_parallel(new QSpinBox(this))
    , m_globalParallel(new QSpinBox(this))
    , m_limit(new QDoubleSpinBox(this))
    , m_assumed(new QDoubleSpinBox(this))
{
    setWindowTitle(tr("Download preferences"));
    m_folder->setObjectName(u"downloadFolder"_s);
    m_parallel->setObjectName(u"parallelChunks"_s);
    m_parallel->setRange(1, 32);
    m_parallel->setValue(settings.parallelChunks);
    m_parallel->setToolTip(tr("Ranged GETs in flight per download"));
    m_globalParallel->setObjectName(u"globalParallel"_s);
    m_globalParallel->setRange(1, 64);
    m_globalParallel->setValue(settings.globalParallel);
    m_globalParallel->setToolTip(tr("Ranged GETs in flight over all downloads; applies at once"));
    m_limit->setObjectName(u"bandwidthLimit"_s);
    m_limit->setRange(0, 100000);
    m_limit->setDecimals(1);
    m_limit->setSuffix(tr(" MiB/s"));
    m_limit->setSpecialValueText(tr("Unlimited"));
    m_limit->setValue(double(settings.limitRate) / kMiB);
    m_limit->setToolTip(tr("At most this rate over all downloads together. Applies at once, "
                           "to running downloads too."));
    m_assumed->setObjectName(u"assumedRate"_s);
    m_assumed->setRange(0.1, 100000);
    m_assumed->setDecimals(1);
    m_assumed->setSuffix(tr(" MiB/s"));
    m_assumed->setValue(double(settings.assumedRate) / kMiB);
    m_assumed->setToolTip(tr("Used to warn when a job's output would expire before its download "
                             "ends, until a rate has been measured"));

    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Download folder"),
                                                              m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    auto *form = new QFormLayout;
    // A row holding a layout gets no buddy from addRow(QString, ...): the '&' would show.
    auto *folderLabel = new QLabel(tr("Download &folder:"), this);
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    form->addRow(tr("&Parallel chunks per download:"), m_parallel);
    form->addRow(tr("Parallel chunks &in total:"), m_globalParallel);
    form->addRow(tr("&Bandwidth limit, all downloads:"), m_limit);
    form->addRow(tr("&Assumed rate for expiry warnings:"), m_assumed);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

TransferSettings PreferencesDialog::settings() const
{
    TransferSettings s = m_initial;
    s.downloadFolder = m_folder->text().trimmed();
    s.parallelChunks = m_parallel->value();
    s.globalParallel = m_globalParallel->value();
    s.limitRate = qint64(m_limit->value() * kMiB);
    s.assumedRate = std::max<qint64>(1, qint64(m_assumed->value() * kMiB));
    return s;
}

} // namespace thaw::ui
