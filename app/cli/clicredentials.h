#pragma once

#include "cliargs.h"
#include "core/aws/credentials.h"

#include <QString>

#include <optional>

namespace thaw::cli {

// Credentials for a thaw-cli command, found the way the AWS CLI finds them (--profile honoured).
// nullopt with *error set (never containing a secret) when none can be found.
std::optional<aws::Credentials> resolveCliCredentials(const GlobalOptions &options,
                                                      QString *error);

} // namespace thaw::cli
