#include "jobnotifier.h"

#include "jobname.h"
#include "core/jobs/outputwindow.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPointer>
#include <QSystemTrayIcon>

namespace thaw::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("thaw::ui::JobNotifier", text);
}

} // namespace

JobNotifier::JobNotifier(Notify notify)
    : m_notify(std::move(notify))
{}

JobNotifier::JobNotifier(QSystemTrayIcon *tray)
    : m_notify([tray = QPointer<QSystemTrayIcon>(tray)](Kind kind, const QString &title,
                                                          const QString &message) {
        if (tray && QSystemTrayIcon::supportsMessages())
            tray->showMessage(title, message,
                              kind == Kind::Failed ? QSystemTrayIcon::Warning
                                                   : QSystemTrayIcon::Information);
    })
{}

void JobNotifier::jobCompleted(const VaultRef &vault, const glacier::JobDescription &job) const
{
    QString message = tr("%1 in %2 is ready to download.").arg(jobDisplayName(job), vault.vault);
    if (const std::optional<QDateTime> end = jobs::outputWindowEnd(job))
        message += u' '
                   + tr("Its output is available until %1.")
                         .arg(QLocale().toString(end->toLocalTime(), QLocale::ShortFormat));
    m_notify(Kind::Completed, tr("Glacier job completed"), message);
}

void JobNotifier::jobFailed(const VaultRef &vault, const glacier::JobDescription &job) const
{
    QString message = tr("%1 in %2 failed.").arg(jobDisplayName(job), vault.vault);
    if (job.statusMessage && !job.statusMessage->isEmpty())
        message += u' ' + *job.statusMessage;
    m_notify(Kind::Failed, tr("Glacier job failed"), message);
}

} // namespace thaw::ui
