#pragma once

#include <QLoggingCategory>

// thaw.glacier: the API client. Logs methods, paths, statuses and AWS error codes; never a
// header value, so neither Authorization nor a session token can reach a log.
Q_DECLARE_LOGGING_CATEGORY(lcGlacier)
