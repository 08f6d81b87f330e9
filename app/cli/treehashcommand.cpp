#include "treehashcommand.h"

#include "cliargs.h"

namespace thaw::cli {

int runTreeHash(const QStringList &)
{
    printError(QStringLiteral("treehash is being written"));
    return GeneralError;
}

} // namespace thaw::cli
