#pragma once

#include <QString>

namespace thaw::aws {

// A Thaw account's non-secret part: its name, access key id and default region. The secret
// access key (and any session token) lives in the system keychain, never here. An account
// imported from the AWS CLI's shared files names its `profile` instead: its keys stay in
// ~/.aws. `endpointUrl` (optional) sends its requests elsewhere than glacier.<region>.
struct Account
{
    QString name;
    QString accessKeyId;
    QString region;
    // Default member initialisers keep {name, key, region} initialisations warning-free.
    QString endpointUrl = {};
    QString profile = {};

    friend bool operator==(const Account &, const Account &) = default;
};

} // namespace thaw::aws
