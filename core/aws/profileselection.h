#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace thaw::aws {

class AccountStore;

// Which profile a command uses: --profile, else AWS_PROFILE, else "default".
struct ProfileSelection
{
    QString name;
    bool explicitProfile = false; // named with --profile (or the GUI's choice)
    bool fromEnvironment = false; // named by AWS_PROFILE

    // A profile was named, so it must exist (botocore raises ProfileNotFound).
    bool named() const { return explicitProfile || fromEnvironment; }

    // The Thaw account that stands for this profile: the account of the same name, else, when
    // no profile is named, the default account; empty when none.
    QString accountName(const AccountStore *accounts) const;

    static ProfileSelection select(const QString &explicitProfile,
                                   const QProcessEnvironment &environment);
};

} // namespace thaw::aws
