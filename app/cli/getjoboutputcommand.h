#pragma once

#include <QStringList>

namespace thaw::cli {

// thaw-cli get-job-output --vault-name V --job-id J [--range bytes=A-B] OUTFILE: writes the job's
// output to OUTFILE (all or nothing: a failed download leaves no file) and prints the response
// metadata as `aws glacier get-job-output` does. Tree hashes are not verified here; that is the
// restore engine's job.
int runGetJobOutput(const QStringList &arguments);

} // namespace thaw::cli
