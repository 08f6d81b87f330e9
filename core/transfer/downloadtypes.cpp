#include "downloadtypes.h"

namespace thaw::transfer {

QString verifiedByName(VerifiedBy verifiedBy)
{
    switch (verifiedBy) {
    case VerifiedBy::ServerHeader:
        return QStringLiteral("server-header");
    case VerifiedBy::JobHash:
        return QStringLiteral("job-hash");
    case VerifiedBy::None:
        break;
    }
    return QStringLiteral("none");
}

} // namespace thaw::transfer
