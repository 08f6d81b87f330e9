#pragma once

#include <QUrl>
#include <QWidget>

#include <functional>

QT_BEGIN_NAMESPACE
class QLabel;
class QTableView;
class QToolButton;
QT_END_NAMESPACE

namespace thaw::ui {

class TransferManager;
class TransfersModel;

// The Transfers tab: every download of the TransferManager with a progress bar, rate, time
// left, verified chunks and state; pause, resume, cancel (Delete) and open the folder of the
// selected one.
class TransfersView final : public QWidget
{
    Q_OBJECT

public:
    explicit TransfersView(TransferManager &manager, QWidget *parent = nullptr);

    // How "Open folder" opens a folder; QDesktopServices::openUrl by default (tests record it).
    void setOpenUrl(std::function<void(const QUrl &)> openUrl);
    // The id of the selected download; empty without a selection.
    QString selectedId() const;
    void selectTransfer(const QString &id);

    // The table's column widths and order, for QSettings (headerStateKey()); false when the
    // state is not one (the defaults stay: a readable Name column, the other columns fitted).
    QByteArray headerState() const;
    bool restoreHeaderState(const QByteArray &state);
    static QString headerStateKey();

public Q_SLOTS:
    void pauseSelected();
    void resumeSelected();
    void cancelSelected(); // Delete
    void openSelectedFolder();

Q_SIGNALS:
    void preferencesRequested();

private:
    void updateActions();
    void setDefaultColumnWidths();

    TransferManager &m_manager;
    TransfersModel *m_model;
    QTableView *m_table;
    QToolButton *m_pause;
    QToolButton *m_resume;
    QToolButton *m_cancel;
    QToolButton *m_openFolder;
    QLabel *m_status;
    std::function<void(const QUrl &)> m_openUrl;
};

} // namespace thaw::ui
