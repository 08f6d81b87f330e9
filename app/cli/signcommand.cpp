#include "signcommand.h"

#include "cliargs.h"

namespace thaw::cli {

int runSign(const QStringList &)
{
    printError(QStringLiteral("sign is being written"));
    return GeneralError;
}

} // namespace thaw::cli
