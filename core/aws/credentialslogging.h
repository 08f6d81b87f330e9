#pragma once

#include <QLoggingCategory>

// The logging category of credentials, profiles, accounts and the keychain. Never log a secret.
Q_DECLARE_LOGGING_CATEGORY(lcThawCredentials)
