#pragma once

#include "ui/vaultref.h"

#include "core/glacier/jobdescription.h"

#include <QString>

#include <functional>

QT_BEGIN_NAMESPACE
class QSystemTrayIcon;
QT_END_NAMESPACE

namespace thaw::ui {

// Tells the user that a job finished, as a desktop notification. Takes either the tray icon
// (QSystemTrayIcon::showMessage) or any function, so tests record what would be shown.
class JobNotifier final
{
public:
    enum class Kind { Completed, Failed };
    using Notify = std::function<void(Kind kind, const QString &title, const QString &message)>;

    explicit JobNotifier(Notify notify);
    explicit JobNotifier(QSystemTrayIcon *tray); // not owned; must outlive the notifier

    void jobCompleted(const VaultRef &vault, const glacier::JobDescription &job) const;
    void jobFailed(const VaultRef &vault, const glacier::JobDescription &job) const;

private:
    Notify m_notify;
};

} // namespace thaw::ui
