#include "version.h"

namespace thaw {

QString versionString()
{
    return QStringLiteral(THAW_VERSION);
}

} // namespace thaw
