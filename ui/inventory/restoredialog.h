#pragma once

#include "rangeadvice.h"
#include "restoreplan.h"

#include "core/glacier/jobdescription.h"
#include "core/inventory/inventorytypes.h"

#include <QDialog>

#include <functional>
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

    glacier::RetrievalTier tier() const;
    void setTier(glacier::RetrievalTier tier);
    std::optional<ByteRange> range() const; // nullopt: the whole archive
    QString destination() const;
    const RestorePlan &plan() const { return m_plan; }
    // A large restore (more than SyncPlanLimit archives) checks its file names on a worker
    // thread; until then the plan is empty and Start is disabled.
    bool isPlanning() const { return m_planning; }
    static constexpr int SyncPlanLimit = 2000;

Q_SIGNALS:
    void planned(); // plan() is up to date with the destination

private:
    void updateEstimate();
    void updateRange();
    void updatePlan();
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
};

} // namespace thaw::ui
