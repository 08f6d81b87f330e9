#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace thaw::aws {

class AccountStore;

// The region a command uses and where it came from ("--region", "AWS_REGION", ...).
struct RegionLookup
{
    QString region;
    QString source;
    QString error; // set when no region was found

    bool found() const { return !region.isEmpty(); }
};

// The region, in this order: the explicit region (--region), AWS_REGION, AWS_DEFAULT_REGION,
// the selected profile's `region` in the shared files (the credentials file winning, as in
// botocore's merged profile), then the default region of the Thaw account of that name (or of
// the default account when no profile is named). A clear error when there is none, or when a
// named profile exists nowhere.
RegionLookup resolveRegion(const QString &explicitRegion, const QString &explicitProfile,
                           const QProcessEnvironment &environment,
                           const AccountStore *accounts = nullptr);

} // namespace thaw::aws
