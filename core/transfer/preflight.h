#pragma once

#include "core/crypto/chunkplan.h"
#include "downloadjournal.h"
#include "downloadtypes.h"

#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <vector>

// Everything a download does before its first fetch: refuse an existing destination, decide
// whether a journal found beside the output belongs to it, plan the chunks, open and size the
// .part, check the volume has room for the rest, and keep the chunks that are still good.
namespace thaw::transfer {

class PartFile;

// What a download starts from.
struct PreparedOutput
{
    qint64 chunkSizeMiB = 0;
    std::vector<crypto::Chunk> plan;
    std::map<int, JournalChunk> kept; // verified chunks of an earlier run, still on disk
};

// `identity` is this download's journal without chunks (its chunk size is ignored). Opens `part`
// at `partPath` and leaves it open, `identity.size` bytes long; nullopt with *error otherwise
// (then nothing was fetched, and a .part this call created is removed).
std::optional<PreparedOutput> prepareOutput(const DownloadOptions &options,
                                            DownloadJournal identity, const QString &partPath,
                                            const QString &journalPath, PartFile &part,
                                            QString *error);

// The journal at `path`, when there is one and it describes the same output as `current`
// (whose chunk size is first taken from it when `keepChunkSize`: a resume keeps its plan).
// A journal of another download gives nullopt, with *refusal saying so unless `overwrite`
// discards it (then *refusal stays empty).
std::optional<DownloadJournal> matchingJournal(const QString &path, const QString &partPath,
                                               DownloadJournal &current, bool keepChunkSize,
                                               bool overwrite, QString *refusal);

// Why `directory`'s volume cannot hold `needed` more bytes; nullopt when it can or its free
// space is unknown. `freeSpace` replaces QStorageInfo when set.
std::optional<QString>
freeSpaceShortage(const QString &directory, qint64 needed,
                  const std::function<std::optional<qint64>(const QString &path)> &freeSpace);

} // namespace thaw::transfer
