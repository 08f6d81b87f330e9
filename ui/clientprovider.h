#pragma once

#include <QString>

namespace thaw::glacier {
class GlacierClient;
}

namespace thaw::ui {

// Hands views the Glacier client of an account and region (credentials resolved, endpoint
// chosen). Implemented by the main window's session; a fake in tests. The client stays owned by
// the provider and valid until the account is edited or removed; views look it up again for
// each piece of work instead of keeping the pointer. Null when the account cannot be used (no
// secret, unknown account): errorString() says why.
class ClientProvider
{
public:
    virtual ~ClientProvider() = default;
    virtual glacier::GlacierClient *client(const QString &account, const QString &region) = 0;
    virtual QString errorString(const QString &account, const QString &region) const = 0;
};

} // namespace thaw::ui
