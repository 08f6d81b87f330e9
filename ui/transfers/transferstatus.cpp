#include "transferstatus.h"

#include <QCoreApplication>

namespace thaw::ui {

using transfer::DownloadState;

QString transferStatusText(TransferStatus status)
{
    switch (status) {
    case TransferStatus::WaitingForJob:
        return QCoreApplication::translate("TransferStatus", "Waiting for the job");
    case TransferStatus::Queued:
        return QCoreApplication::translate("TransferStatus", "Queued");
    case TransferStatus::Preparing:
        return QCoreApplication::translate("TransferStatus", "Preparing");
    case TransferStatus::Downloading:
        return QCoreApplication::translate("TransferStatus", "Downloading");
    case TransferStatus::Paused:
        return QCoreApplication::translate("TransferStatus", "Paused");
    case TransferStatus::Verifying:
        return QCoreApplication::translate("TransferStatus", "Verifying");
    case TransferStatus::Done:
        return QCoreApplication::translate("TransferStatus", "Done");
    case TransferStatus::Failed:
        break;
    }
    return QCoreApplication::translate("TransferStatus", "Failed");
}

TransferStatus transferStatusOf(DownloadState state)
{
    switch (state) {
    case DownloadState::Queued:
        return TransferStatus::Queued;
    case DownloadState::Preparing:
        return TransferStatus::Preparing;
    case DownloadState::Downloading:
        return TransferStatus::Downloading;
    case DownloadState::Paused:
        return TransferStatus::Paused;
    case DownloadState::Verifying:
        return TransferStatus::Verifying;
    case DownloadState::Finished:
        return TransferStatus::Done;
    case DownloadState::Failed:
        break;
    }
    return TransferStatus::Failed;
}

} // namespace thaw::ui
