#pragma once

#include "core/glacier/jobdescription.h"

#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QPushButton;
class QTableWidget;
QT_END_NAMESPACE

namespace thaw::ui {

// Every Describe Job field of the selected job (jobfields.h) and the actions on it: download,
// copy the job id, request again. The view decides which actions apply.
class JobDetailsPane final : public QWidget
{
    Q_OBJECT

public:
    explicit JobDetailsPane(QWidget *parent = nullptr);

    void setJob(const std::optional<glacier::JobDescription> &job);
    void setActions(bool canDownload, bool canRequestAgain);

Q_SIGNALS:
    void downloadRequested();
    void copyJobIdRequested();
    void requestAgainRequested();

private:
    QTableWidget *m_fields;
    QPushButton *m_download;
    QPushButton *m_copyId;
    QPushButton *m_requestAgain;
};

} // namespace thaw::ui
