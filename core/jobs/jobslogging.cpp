#include "jobslogging.h"

Q_LOGGING_CATEGORY(lcThawJobs, "thaw.jobs")
