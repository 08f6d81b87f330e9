#pragma once

#include <QStringList>

// thaw-cli list-vaults, describe-vault, create-vault: `aws glacier`'s commands and output.
namespace thaw::cli {

int runListVaults(const QStringList &arguments);
int runDescribeVault(const QStringList &arguments);
int runCreateVault(const QStringList &arguments);

} // namespace thaw::cli
