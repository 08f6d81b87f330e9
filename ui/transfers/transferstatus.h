#pragma once

#include "ui/vaultref.h"

#include "core/transfer/downloadtypes.h"

#include <QString>

namespace thaw::ui {

// Where one download of the Transfers view stands.
enum class TransferStatus {
    WaitingForJob, // its job was just initiated; the download starts when it succeeds
    Queued,        // added, not fetching yet
    Preparing,     // Describe Job, the .part and journal are checked
    Downloading,
    Paused,
    Verifying,     // root check, fsync, rename
    Done,          // finished; `verified` says whether a checksum vouched for the bytes
    Failed,        // `error` says why; resume() tries again from the journal
};
QString transferStatusText(TransferStatus status);
// The status of a download whose engine is in `state`.
TransferStatus transferStatusOf(transfer::DownloadState state);

// One download, as the Transfers view shows it.
struct Transfer
{
    QString id; // as in the registry
    VaultRef vault;
    QString jobId;
    QString outputPath;
    QString label;
    TransferStatus status = TransferStatus::Queued;
    transfer::DownloadProgress progress;
    QString error; // Failed: the reason
    bool verified = false;
    transfer::VerifiedBy verifiedBy = transfer::VerifiedBy::None;
    int queueIndex = -1; // in the DownloadQueue; -1 while waiting for its job
};

} // namespace thaw::ui
