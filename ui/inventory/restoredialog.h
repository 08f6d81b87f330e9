#pragma once

#include "rangeadvice.h"
#include "restoreplan.h"

#include "core/glacier/jobdescription.h"
#include "core/inventory/inventorytypes.h"

#include <QDialog>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QButtonGroup;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
QT_END_NAMESPACE

namespace thaw::ui {

// Restore…: the tier (with when the data is typically ready), an optional byte range for a
// single archive (checked against Glacier's alignment rules, with the reason and the nearest
// usable range when it is not usable), the destination folder and the names the files get.
class RestoreDialog final : public QDialog
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;

    RestoreDialog(QList<inventory::ArchiveRow> archives, QString destination,
                  QWidget *parent = nullptr, Clock clock = {});
    ~RestoreDialog() override;

    glacier::RetrievalTier tier() const;
    void setTier(glacier::RetrievalTier tier);
    std::optional<ByteRange> range() const; // nullopt: the whole archive
    QString destination() const;
    const RestorePlan &plan() const { return m_plan; }
    // A large restore (more than SyncPlanLimit archives) checks its file names on a worker
    // thread; until then the plan is empty and Start is disabled.
    // Typing in the destination field plans again only once the typing pauses for
    // PlanDelayMs, and a newer destination cancels the plan still being worked out.
    bool isPlanning() const { return m_planning; }
    static constexpr int SyncPlanLimit = 2000;
    static constexpr int PlanDelayMs = 300;
    // Plans started on the worker thread, and those that ended cancelled (for tests).
    int plansStarted() const { return m_plansStarted; }
    int plansCancelled() const { return m_plansCancelled; }

Q_SIGNALS:
    void planned(); // plan() is up to date with the destination

private:
    void updateEstimate();
    void updateRange();
    void updatePlan();
    void startPlan();
    void cancelPlan();
    void showPlan();
    void updateAcceptable();

    QList<inventory::ArchiveRow> m_archives;
    Clock m_clock;
    RestorePlan m_plan;
    RangeAdvice m_advice;
    QButtonGroup *m_tiers = nullptr;
    QLabel *m_estimate = nullptr;
    QLineEdit *m_range = nullptr;
    QLabel *m_rangeAdvice = nullptr;
    QPushButton *m_useSuggestion = nullptr;
    QLineEdit *m_destination = nullptr;
    QLabel *m_preview = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    quint64 m_planGeneration = 0; // the latest plan asked for; older answers are dropped
    bool m_planning = false;
    QTimer m_planDelay;
    std::shared_ptr<std::atomic<bool>> m_cancelRunning; // of the plan on the worker, if any
    int m_plansStarted = 0;
    int m_plansCancelled = 0;
};

} // namespace thaw::ui
