#include "profileselection.h"

#include "accountstore.h"

namespace thaw::aws {

ProfileSelection ProfileSelection::select(const QString &explicitProfile,
                                          const QProcessEnvironment &environment)
{
    ProfileSelection selection;
    if (!explicitProfile.isEmpty()) {
        selection.name = explicitProfile;
        selection.explicitProfile = true;
        return selection;
    }
    // botocore also reads the legacy AWS_DEFAULT_PROFILE; the AWS CLI v2 and the SDKs only
    // document AWS_PROFILE, and so does Thaw.
    const QString fromEnvironment = environment.value(QStringLiteral("AWS_PROFILE"));
    if (!fromEnvironment.isEmpty()) {
        selection.name = fromEnvironment;
        selection.fromEnvironment = true;
        return selection;
    }
    selection.name = QStringLiteral("default");
    return selection;
}

QString ProfileSelection::accountName(const AccountStore *accounts) const
{
    if (!accounts)
        return {};
    if (accounts->contains(name))
        return name;
    return named() ? QString() : accounts->defaultAccountName();
}

} // namespace thaw::aws
