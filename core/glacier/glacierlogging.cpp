#include "glacierlogging.h"

Q_LOGGING_CATEGORY(lcGlacier, "thaw.glacier")
