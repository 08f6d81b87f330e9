#include "accountstore.h"

#include <QRegularExpression>
#include <QSettings>

namespace thaw::aws {

namespace {

const QString accountsGroup = QStringLiteral("accounts");
const QString defaultKey = QStringLiteral("defaultAccount");
const QString accessKeyIdKey = QStringLiteral("accessKeyId");
const QString regionKey = QStringLiteral("region");
const QString endpointUrlKey = QStringLiteral("endpointUrl");
const QString profileKey = QStringLiteral("profile");

// Optional keys are written only when set, so a file written before they existed reads the same.
void setOrRemove(QSettings &settings, const QString &key, const QString &value)
{
    if (value.isEmpty())
        settings.remove(key);
    else
        settings.setValue(key, value);
}

} // namespace

AccountStore::AccountStore(QSettings &settings)
    : m_settings(settings)
{}

bool AccountStore::isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._@+-]{1,64}$"));
    return pattern.match(name).hasMatch();
}

QList<Account> AccountStore::accounts() const
{
    m_settings.beginGroup(accountsGroup);
    const QStringList names = m_settings.childGroups();
    m_settings.endGroup();
    QList<Account> result;
    for (const QString &name : names) {
        if (std::optional<Account> found = account(name))
            result.append(*found);
    }
    return result;
}

std::optional<Account> AccountStore::account(const QString &name) const
{
    if (!isValidName(name))
        return std::nullopt;
    m_settings.beginGroup(accountsGroup);
    m_settings.beginGroup(name);
    std::optional<Account> result;
    if (m_settings.contains(accessKeyIdKey)) {
        result = Account{name, m_settings.value(accessKeyIdKey).toString(),
                         m_settings.value(regionKey).toString(),
                         m_settings.value(endpointUrlKey).toString(),
                         m_settings.value(profileKey).toString()};
    }
    m_settings.endGroup();
    m_settings.endGroup();
    return result;
}

bool AccountStore::save(const Account &account, QString *error)
{
    if (!isValidName(account.name)) {
        if (error)
            *error = QStringLiteral("'%1' is not a valid account name: use 1 to 64 letters, "
                                    "digits or ._@+-")
                         .arg(account.name);
        return false;
    }
    if (account.accessKeyId.isEmpty()) {
        if (error)
            *error = QStringLiteral("account '%1' has no access key id").arg(account.name);
        return false;
    }
    m_settings.beginGroup(accountsGroup);
    m_settings.beginGroup(account.name);
    m_settings.setValue(accessKeyIdKey, account.accessKeyId);
    m_settings.setValue(regionKey, account.region);
    setOrRemove(m_settings, endpointUrlKey, account.endpointUrl);
    setOrRemove(m_settings, profileKey, account.profile);
    m_settings.endGroup();
    m_settings.endGroup();
    return true;
}

void AccountStore::remove(const QString &name)
{
    if (!isValidName(name))
        return;
    m_settings.beginGroup(accountsGroup);
    m_settings.remove(name);
    m_settings.endGroup();
    if (m_settings.value(defaultKey).toString() == name)
        m_settings.remove(defaultKey);
}

QString AccountStore::defaultAccountName() const
{
    const QString chosen = m_settings.value(defaultKey).toString();
    if (!chosen.isEmpty() && contains(chosen))
        return chosen;
    const QList<Account> all = accounts();
    return all.size() == 1 ? all.first().name : QString();
}

void AccountStore::setDefaultAccountName(const QString &name)
{
    if (name.isEmpty())
        m_settings.remove(defaultKey);
    else
        m_settings.setValue(defaultKey, name);
}

} // namespace thaw::aws
