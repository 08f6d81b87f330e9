#pragma once

#include <QString>
#include <QtGlobal>

#include <functional>
#include <optional>

namespace thaw::transfer {

class FetchSlots;
class RateLimiter;

// Which check vouches for the bytes of a finished download. Named in the CLI summary as
// "job-hash" (the root of all leaves equals the job's SHA256TreeHash / ArchiveSHA256TreeHash),
// "server-header" (no job hash, but every chunk matched its x-amz-sha256-tree-hash) and "none"
// (the server offered no checksum at all: nothing was checked).
enum class VerifiedBy { None, ServerHeader, JobHash };
QString verifiedByName(VerifiedBy verifiedBy);

// Why a download stopped; each maps to one thaw-cli exit code.
enum class DownloadError {
    None,
    LocalIo,      // the destination, the .part, the journal or the disk
    Aws,          // an error answer, a network failure past all retries, an expired job
    Verification, // bytes that do not match a checksum, past all retries; or no checksum at all
    Interrupted,  // cancel(): the journal keeps what was verified
    Config,       // no usable credentials
};

// Where a download stands, as stateChanged() reports it. Queued until start(); Preparing while
// Describe Job answers and the .part and journal are checked; Paused between pause() and
// resume(); Verifying while the root of all leaves is checked and the file renamed into place;
// Finished on success, Failed on any error (a cancel() included).
enum class DownloadState { Queued, Preparing, Downloading, Paused, Verifying, Finished, Failed };
QString downloadStateName(DownloadState state); // "queued", "preparing", ...

// What a download needs: the job, where to write, and how.
struct DownloadOptions
{
    QString vault;
    QString jobId;
    QString outputPath;
    qint64 chunkSizeMiB = 0; // a power of two; 0: chosen by defaultChunkSizeMiB()
    int parallel = 4;        // ranged GETs in flight
    int maxChunkRetries = 3; // extra fetches of one failing chunk, beyond the client's retries
    bool overwrite = false;  // replace an existing destination, discard a foreign journal
    bool verifyKept = false; // re-hash kept chunks from disk even when the .part looks untouched
    qint64 limitRate = 0;    // bytes per second over all chunks; 0: unlimited
    // Free bytes on the volume holding a path; QStorageInfo when empty. Tests inject it.
    std::function<std::optional<qint64>(const QString &path)> freeSpace;
    // Shared by downloads that must stay under one limit of fetches in flight; not owned.
    FetchSlots *slots = nullptr;
    // A bucket shared by several downloads (DownloadQueue's global bandwidth limit), charged
    // besides limitRate's own; not owned. Its rate may change while the download runs.
    RateLimiter *sharedLimiter = nullptr;
};

// Where a download stands, at most a few times a second.
struct DownloadProgress
{
    qint64 totalBytes = 0;
    qint64 doneBytes = 0;      // verified chunks plus bytes of chunks in flight
    qint64 bytesPerSecond = 0; // over the last few seconds
    qint64 etaSeconds = -1;    // -1: unknown
    int chunkCount = 0;
    int chunksVerified = 0;
    int chunksActive = 0;
};

// The outcome of a download, as a value.
struct DownloadResult
{
    DownloadError error = DownloadError::None;
    QString message; // what went wrong and what was kept; empty on success
    QString outputPath;
    qint64 size = 0;
    QString treeHash; // hex root of the leaves on disk, once all chunks are in
    bool verified = false;
    VerifiedBy verifiedBy = VerifiedBy::None;
    qint64 bytesDownloaded = 0; // body bytes received in this run, failed attempts included
    qint64 bytesReused = 0;     // bytes of chunks kept from an earlier run
    qint64 chunkSizeMiB = 0;
    int chunkCount = 0;
    int chunksVerified = 0;
    bool complete = false; // every chunk is in the .part (or the final file)

    bool ok() const { return error == DownloadError::None; }
};

} // namespace thaw::transfer
