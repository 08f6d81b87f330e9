#include "credentialslogging.h"

Q_LOGGING_CATEGORY(lcThawCredentials, "thaw.aws.credentials")
