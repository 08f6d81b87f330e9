#pragma once

#include <QStringList>

namespace thaw::cli {

// thaw-cli sign [--date YYYYMMDDTHHMMSSZ] --region R --service S [--verbose] < request.txt
// Signs the raw HTTP request on stdin (the SigV4 suites' .req form) with SigV4 and prints the
// Authorization value as the last line; --verbose first prints the canonical request and the
// string to sign. See README.md.
int runSign(const QStringList &arguments);

} // namespace thaw::cli
