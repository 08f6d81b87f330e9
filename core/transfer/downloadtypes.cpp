#include "downloadtypes.h"

namespace thaw::transfer {

QString verifiedByName(VerifiedBy verifiedBy)
{
    switch (verifiedBy) {
    case VerifiedBy::ServerHeader:
        return QStringLiteral("server-header");
    case VerifiedBy::JobHash:
        return QStringLiteral("job-hash");
    case VerifiedBy::None:
        break;
    }
    return QStringLiteral("none");
}

QString downloadStateName(DownloadState state)
{
    switch (state) {
    case DownloadState::Queued:
        return QStringLiteral("queued");
    case DownloadState::Preparing:
        return QStringLiteral("preparing");
    case DownloadState::Downloading:
        return QStringLiteral("downloading");
    case DownloadState::Paused:
        return QStringLiteral("paused");
    case DownloadState::Verifying:
        return QStringLiteral("verifying");
    case DownloadState::Finished:
        return QStringLiteral("finished");
    case DownloadState::Failed:
        break;
    }
    return QStringLiteral("failed");
}

} // namespace thaw::transfer
