#pragma once

#include "downloadtypes.h"

#include <QString>

namespace thaw::glacier {
struct GlacierError;
}

namespace thaw::transfer {

class ChunkSink;

// What a download does about one failed chunk fetch.
struct FetchFailure
{
    enum class Action {
        WholeBody, // the server ignored Range: take the rest in one whole-body GET
        Retry,     // fetch the chunks again (counted against maxChunkRetries)
        Stop,      // stop the download with `kind` and `message`
    };
    Action action = Action::Stop;
    DownloadError kind = DownloadError::Aws;
    QString message;
};

// Classifies a Get Job Output error of a fetch (ranged or not) whose body went to `sink`.
FetchFailure classifyFetchFailure(const glacier::GlacierError &error, const ChunkSink &sink,
                                  bool ranged, const QString &jobId);

} // namespace thaw::transfer
