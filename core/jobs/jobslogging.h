#pragma once

#include <QLoggingCategory>

// The logging category of job watching: polls, status changes, errors. Job IDs only, never a
// credential or a signed request.
Q_DECLARE_LOGGING_CATEGORY(lcThawJobs)
