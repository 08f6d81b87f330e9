#include "restoredialog.h"

#include "retrievalestimate.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace thaw::ui {

namespace {

constexpr int PreviewLines = 6;
// From this many archives on the dialog says what a restore of that size means.
constexpr int LargeRestore = 1000;

} // namespace

RestoreDialog::RestoreDialog(QList<inventory::ArchiveRow> archives, QString destination,
                             QWidget *parent, Clock clock)
    : QDialog(parent)
    , m_archives(std::move(archives))
    , m_clock(clock ? std::move(clock) : Clock(&QDateTime::currentDateTime))
{
    setWindowTitle(tr("Restore"));
    setMinimumWidth(640); // the explanations wrap; narrower, they would be cut
    qint64 total = 0;
    qint64 largest = 0;
    for (const inventory::ArchiveRow &archive : std::as_const(m_archives)) {
        total += archive.size;
        largest = std::max(largest, archive.size);
    }

    auto *layout = new QVBoxLayout(this);
    auto *summary = new QLabel(m_archives.size() == 1
                                   ? tr("Restore <b>%1</b> (%2).")
                                         .arg(m_archives.constFirst().path.toHtmlEscaped(),
                                              QLocale().formattedDataSize(total))
                                   : tr("Restore %1 archives, %2 in all.")
                                         .arg(QLocale().toString(qint64(m_archives.size())),
                                              QLocale().formattedDataSize(total)),
                               this);
    summary->setObjectName(QStringLiteral("summaryLabel"));
    summary->setWordWrap(true);
    layout->addWidget(summary);
    if (m_archives.size() >= LargeRestore) {
        // Glacier documents no limit on the number of retrieval jobs (throttling is retried),
        // but each one is a billed request and its output stays for 24 hours only.
        auto *note = new QLabel(
            tr("Thaw makes %1 Initiate Job requests, one after another (Glacier bills each "
               "retrieval request), and queues each download as its job succeeds. Every job's "
               "output can be downloaded for 24 hours after it completes: at the rate you "
               "download, %2 must fit in that time.")
                .arg(QLocale().toString(qint64(m_archives.size())),
                     QLocale().formattedDataSize(total)),
            this);
        note->setObjectName(QStringLiteral("largeRestoreNote"));
        note->setWordWrap(true);
        layout->addWidget(note);
    }

    auto *tierBox = new QGroupBox(tr("Retrieval tier"), this);
    auto *tierLayout = new QVBoxLayout(tierBox);
    m_tiers = new QButtonGroup(this);
    const QDateTime now = m_clock();
    for (const auto tier : {glacier::RetrievalTier::Expedited, glacier::RetrievalTier::Standard,
                            glacier::RetrievalTier::Bulk}) {
        const RetrievalEstimate estimate = estimateRetrieval(tier, largest, now);
        auto *button = new QRadioButton(
            tr("%1 — typically %2").arg(tierName(tier), durationText(estimate)), tierBox);
        button->setObjectName(QStringLiteral("tier") + tierName(tier));
        m_tiers->addButton(button, int(tier));
        tierLayout->addWidget(button);
    }
    m_estimate = new QLabel(tierBox);
    m_estimate->setObjectName(QStringLiteral("estimateLabel"));
    m_estimate->setWordWrap(true);
    tierLayout->addWidget(m_estimate);
    layout->addWidget(tierBox);

    auto *form = new QFormLayout;
    m_range = new QLineEdit(this);
    m_range->setObjectName(QStringLiteral("rangeEdit"));
    m_range->setPlaceholderText(tr("whole archive — or first-last byte, e.g. 0-1048575"));
    m_range->setEnabled(m_archives.size() == 1);
    if (m_archives.size() != 1)
        m_range->setToolTip(tr("A byte range can be chosen when one archive is selected."));
    form->addRow(tr("Byte &range:"), m_range);
    auto *adviceRow = new QHBoxLayout;
    m_rangeAdvice = new QLabel(this);
    m_rangeAdvice->setObjectName(QStringLiteral("rangeAdvice"));
    m_rangeAdvice->setWordWrap(true);
    m_useSuggestion = new QPushButton(this);
    m_useSuggestion->setObjectName(QStringLiteral("useSuggestion"));
    m_useSuggestion->hide();
    // The explanation gets a row of its own: a word-wrapped label beside a button is given
    // too little height by the form layout.
    form->addRow(m_rangeAdvice);
    adviceRow->addWidget(m_useSuggestion);
    adviceRow->addStretch();
    form->addRow(QString(), adviceRow);

    auto *destinationRow = new QHBoxLayout;
    m_destination = new QLineEdit(destination, this);
    m_destination->setObjectName(QStringLiteral("destinationEdit"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    destinationRow->addWidget(m_destination, 1);
    destinationRow->addWidget(browse);
    auto *destinationLabel = new QLabel(tr("Restore &into:"), this);
    destinationLabel->setBuddy(m_destination);
    form->addRow(destinationLabel, destinationRow);
    layout->addLayout(form);

    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("previewLabel"));
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    layout->addWidget(m_preview);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Start &restore"));
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tiers, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked)
            updateEstimate();
    });
    connect(m_range, &QLineEdit::textChanged, this, &RestoreDialog::updateRange);
    connect(m_useSuggestion, &QPushButton::clicked, this, [this] {
        if (m_advice.suggestion)
            m_range->setText(formatByteRange(*m_advice.suggestion));
    });
    m_planDelay.setSingleShot(true);
    m_planDelay.setInterval(PlanDelayMs);
    connect(&m_planDelay, &QTimer::timeout, this, &RestoreDialog::startPlan);
    connect(m_destination, &QLineEdit::textChanged, this, &RestoreDialog::updatePlan);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Restore into"),
                                                                 m_destination->text());
        if (!folder.isEmpty())
            m_destination->setText(folder);
    });

    setTier(glacier::RetrievalTier::Standard); // Glacier's default
    updateRange();
    updatePlan();
    if (m_planDelay.isActive()) { // the first plan needs no wait for typing to pause
        m_planDelay.stop();
        startPlan();
    }
}

RestoreDialog::~RestoreDialog()
{
    cancelPlan(); // the worker stops at its next archive instead of planning for nobody
}

glacier::RetrievalTier RestoreDialog::tier() const
{
    return glacier::RetrievalTier(m_tiers->checkedId());
}

void RestoreDialog::setTier(glacier::RetrievalTier tier)
{
    m_tiers->button(int(tier))->setChecked(true);
    updateEstimate();
}

std::optional<ByteRange> RestoreDialog::range() const
{
    if (m_archives.size() != 1 || m_advice.verdict != RangeAdvice::Verdict::Usable)
        return std::nullopt;
    return m_advice.range;
}

QString RestoreDialog::destination() const
{
    return m_destination->text();
}

void RestoreDialog::updateEstimate()
{
    qint64 largest = 0;
    for (const inventory::ArchiveRow &archive : std::as_const(m_archives))
        largest = std::max(largest, archive.size);
    if (const auto wanted = range())
        largest = wanted->end - wanted->start + 1;
    m_estimate->setText(estimateText(estimateRetrieval(tier(), largest, m_clock()))
                        + QLatin1Char(' ')
                        + tr("The download is queued and starts by itself then; Glacier keeps "
                             "the output for 24 hours."));
    adjustSize(); // the wrapped estimate needs its height; squeezed, its second line was cut
}

void RestoreDialog::updateRange()
{
    const qint64 size = m_archives.size() == 1 ? m_archives.constFirst().size : 0;
    m_advice = adviseRange(m_archives.size() == 1 ? m_range->text() : QString(), size);
    m_rangeAdvice->setText(m_advice.explanation);
    if (!m_advice.acceptable() && m_advice.suggestion) {
        m_useSuggestion->setText(tr("Use %1").arg(formatByteRange(*m_advice.suggestion)));
        m_useSuggestion->show();
    } else {
        m_useSuggestion->hide();
    }
    updateEstimate();
    updateAcceptable();
    adjustSize(); // grow with the wrapped explanation instead of squeezing the other labels
}

void RestoreDialog::updatePlan()
{
    ++m_planGeneration;
    if (m_archives.size() <= SyncPlanLimit) {
        m_planning = false;
        m_plan = planRestore(m_archives, m_destination->text());
        showPlan();
        return;
    }
    // Sanitising names and checking each target folder on disk takes seconds at a million
    // archives: a worker thread does it once the typing pauses, and a newer destination cancels
    // the plan under way (else every keystroke's plan would run to its end, on a pool of two
    // threads, before the newest could start).
    cancelPlan();
    m_planning = true;
    m_plan = RestorePlan{};
    m_preview->setText(
        tr("Checking %1 file names…").arg(QLocale().toString(qint64(m_archives.size()))));
    updateAcceptable();
    m_planDelay.start();
}

void RestoreDialog::cancelPlan()
{
    if (m_cancelRunning) {
        m_cancelRunning->store(true);
        m_cancelRunning.reset();
    }
}

void RestoreDialog::startPlan()
{
    cancelPlan();
    const quint64 generation = m_planGeneration;
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    m_cancelRunning = cancelled;
    ++m_plansStarted;
    auto *watcher = new QFutureWatcher<RestorePlan>(this);
    connect(watcher, &QFutureWatcher<RestorePlan>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        const RestorePlan plan = watcher->result();
        if (plan.cancelled)
            ++m_plansCancelled;
        if (generation != m_planGeneration || plan.cancelled)
            return;
        m_cancelRunning.reset();
        m_planning = false;
        m_plan = plan;
        showPlan();
    });
    watcher->setFuture(QtConcurrent::run(
        [archives = m_archives, destination = m_destination->text(), cancelled] {
            return planRestore(archives, destination, cancelled.get());
        }));
}

void RestoreDialog::showPlan()
{
    QStringList lines;
    if (!m_plan.ok()) {
        lines << m_plan.error;
    } else {
        for (int i = 0; i < std::min<int>(PreviewLines, int(m_plan.items.size())); ++i) {
            const RestoreItem &item = m_plan.items.at(i);
            lines << (item.note.isEmpty() ? item.outPath
                                          : tr("%1 (%2)").arg(item.outPath, item.note));
        }
        if (m_plan.items.size() > PreviewLines)
            lines << tr("… and %1 more")
                         .arg(QLocale().toString(qint64(m_plan.items.size() - PreviewLines)));
    }
    m_preview->setText(lines.join(QLatin1Char('\n')));
    updateAcceptable();
    adjustSize(); // room for the preview's lines without squeezing the wrapped labels
    Q_EMIT planned();
}

void RestoreDialog::updateAcceptable()
{
    if (m_buttons)
        m_buttons->button(QDialogButtonBox::Ok)
            ->setEnabled(!m_planning && m_advice.acceptable() && m_plan.ok()
                         && !m_plan.items.isEmpty());
}

} // namespace thaw::ui
