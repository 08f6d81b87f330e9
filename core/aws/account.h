#pragma once

#include <QString>

namespace thaw::aws {

// A Thaw account's non-secret part: its name, access key id and default region. The secret
// access key (and any session token) lives in the system keychain, never here.
struct Account
{
    QString name;
    QString accessKeyId;
    QString region;

    friend bool operator==(const Account &, const Account &) = default;
};

} // namespace thaw::aws
