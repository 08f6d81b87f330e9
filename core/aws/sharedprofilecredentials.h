#pragma once

#include "credentialsource.h"
#include "sharedprofiles.h"

namespace thaw::aws {

// The shared-file providers: the profile's keys in ~/.aws/credentials, else in ~/.aws/config
// (botocore's SharedCredentialProvider before its ConfigProvider). NotFound when neither file
// gives the profile an aws_access_key_id; an Error when the secret is missing.
CredentialLookup credentialsFromSharedProfiles(const SharedProfiles &profiles,
                                               const QString &profile);

} // namespace thaw::aws
