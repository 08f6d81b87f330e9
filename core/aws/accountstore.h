#pragma once

#include "account.h"

#include <QList>
#include <QString>

#include <optional>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace thaw::aws {

// Thaw's accounts' metadata in an injected QSettings (group "accounts"); never a secret.
class AccountStore final
{
public:
    explicit AccountStore(QSettings &settings);

    // Letters, digits and "._@+-", 1 to 64 characters: safe as a QSettings group and inside the
    // keychain key "thaw/account/<name>/secret".
    static bool isValidName(const QString &name);

    QList<Account> accounts() const;
    std::optional<Account> account(const QString &name) const;
    bool contains(const QString &name) const { return account(name).has_value(); }

    // Adds or replaces the account; false with *error set for an invalid name or key id.
    bool save(const Account &account, QString *error);
    void remove(const QString &name);

    // The account used when no profile is named: the one chosen with setDefaultAccountName(),
    // else the only account; empty when there is no such account.
    QString defaultAccountName() const;
    void setDefaultAccountName(const QString &name);

private:
    QSettings &m_settings;
};

} // namespace thaw::aws
