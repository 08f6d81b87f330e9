#pragma once

#include <QStringList>

namespace thaw::ui {

// The AWS regions offered in region pickers (Glacier's commercial regions); any other name
// matching the region pattern may still be typed.
QStringList knownRegions();

} // namespace thaw::ui
