#include "statusicons.h"

#include <QApplication>
#include <QFile>
#include <QStyle>

namespace thaw::ui {

using namespace Qt::StringLiterals;

namespace {

struct IconSpec
{
    QString name;
    QStyle::StandardPixmap fallback;
};

IconSpec spec(StatusIcon icon)
{
    switch (icon) {
    case StatusIcon::InProgress:
        return {u"in-progress"_s, QStyle::SP_BrowserReload};
    case StatusIcon::Succeeded:
        return {u"succeeded"_s, QStyle::SP_DialogApplyButton};
    case StatusIcon::Failed:
        return {u"failed"_s, QStyle::SP_MessageBoxCritical};
    case StatusIcon::Expired:
        return {u"expired"_s, QStyle::SP_DialogDiscardButton};
    case StatusIcon::Paused:
        return {u"paused"_s, QStyle::SP_MediaPause};
    case StatusIcon::Verified:
        return {u"verified"_s, QStyle::SP_DialogApplyButton};
    case StatusIcon::Waiting:
        return {u"waiting"_s, QStyle::SP_FileDialogDetailedView};
    case StatusIcon::Downloading:
        return {u"downloading"_s, QStyle::SP_ArrowDown};
    case StatusIcon::Warning:
        break;
    }
    return {u"warning"_s, QStyle::SP_MessageBoxWarning};
}

} // namespace

QIcon statusIcon(StatusIcon icon)
{
    const IconSpec s = spec(icon);
    const QString path = u":/icons/%1.svg"_s.arg(s.name);
    if (QFile::exists(path))
        return QIcon(path);
    return qobject_cast<QApplication *>(QCoreApplication::instance())
               ? QApplication::style()->standardIcon(s.fallback)
               : QIcon();
}

QIcon jobStatusIcon(glacier::JobStatus status)
{
    switch (status) {
    case glacier::JobStatus::InProgress:
        return statusIcon(StatusIcon::InProgress);
    case glacier::JobStatus::Succeeded:
        return statusIcon(StatusIcon::Succeeded);
    case glacier::JobStatus::Failed:
        return statusIcon(StatusIcon::Failed);
    case glacier::JobStatus::Unknown:
        break;
    }
    return statusIcon(StatusIcon::Waiting);
}

} // namespace thaw::ui
