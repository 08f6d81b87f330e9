#pragma once

#include <QStringList>

namespace thaw::cli {

// thaw-cli upload-archive --vault-name V --body FILE [--archive-description D]: one Upload
// Archive request (files up to 4 GiB), printing location, checksum and archiveId.
int runUploadArchive(const QStringList &arguments);

} // namespace thaw::cli
