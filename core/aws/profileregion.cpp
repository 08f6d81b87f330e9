#include "profileregion.h"

#include "accountstore.h"
#include "profileselection.h"
#include "sharedprofiles.h"

namespace thaw::aws {

RegionLookup resolveRegion(const QString &explicitRegion, const QString &explicitProfile,
                           const QProcessEnvironment &environment, const AccountStore *accounts)
{
    if (!explicitRegion.isEmpty())
        return RegionLookup{explicitRegion, QStringLiteral("--region"), {}};
    // AWS_REGION is what the newer SDKs and the AWS CLI v2 read first; botocore only knows
    // AWS_DEFAULT_REGION, which comes second.
    for (const QString &variable :
         {QStringLiteral("AWS_REGION"), QStringLiteral("AWS_DEFAULT_REGION")}) {
        const QString value = environment.value(variable);
        if (!value.isEmpty())
            return RegionLookup{value, variable, {}};
    }

    const ProfileSelection selection = ProfileSelection::select(explicitProfile, environment);
    const SharedFilePaths paths = SharedFilePaths::fromEnvironment(environment);
    QString error;
    const std::optional<SharedProfiles> profiles = SharedProfiles::load(paths, &error);
    if (!profiles)
        return RegionLookup{{}, {}, error};
    const QString fromProfile = profiles->value(selection.name, QStringLiteral("region"));
    if (!fromProfile.isEmpty())
        return RegionLookup{fromProfile, QStringLiteral("profile %1").arg(selection.name), {}};

    const QString accountName = selection.accountName(accounts);
    if (!accountName.isEmpty()) {
        const std::optional<Account> account = accounts->account(accountName);
        if (account && !account->region.isEmpty())
            return RegionLookup{
                account->region, QStringLiteral("thaw account %1").arg(accountName), {}};
    }
    if (selection.named() && !profiles->contains(selection.name) && accountName.isEmpty())
        return RegionLookup{{}, {}, profileNotFoundMessage(selection.name, paths)};
    return RegionLookup{{},
                        {},
                        QStringLiteral("You must specify a region: use --region, set AWS_REGION "
                                       "or AWS_DEFAULT_REGION, or add 'region = ...' to the "
                                       "profile %1 in %2")
                            .arg(selection.name, paths.configFile)};
}

} // namespace thaw::aws
