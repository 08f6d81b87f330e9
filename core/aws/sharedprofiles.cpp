#include "sharedprofiles.h"

#include "credentialslogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace thaw::aws {

namespace {

QString environmentPath(const QProcessEnvironment &environment, const QString &variable,
                        const QString &fallback)
{
    const QString value = environment.value(variable);
    return expandUserPath(value.isEmpty() ? fallback : value, environment);
}

// Reads one shared file; a missing file is an empty one (botocore ignores ConfigNotFound).
bool loadIni(const QString &path, IniFile *ini, QString *error)
{
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile())
        return true;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString());
        return false;
    }
    IniError iniError;
    std::optional<IniFile> parsed = IniFile::parse(file.readAll(), path, &iniError);
    if (!parsed) {
        *error = iniError.toString();
        return false;
    }
    *ini = std::move(*parsed);
    return true;
}

// The profile a config-file section belongs to: "[default]" and "[profile name]" (botocore's
// build_profile_map, which splits with shlex: quotes allowed, exactly two words); other
// sections such as "[sso-session x]" or "[services x]" are not profiles.
QString configProfileName(const QString &section)
{
    if (section == QLatin1String("default"))
        return section;
    const QString prefix = QStringLiteral("profile");
    if (!section.startsWith(prefix) || section.size() == prefix.size()
        || !section.at(prefix.size()).isSpace())
        return {};
    QString rest = section.mid(prefix.size()).trimmed();
    if (rest.size() >= 2 && (rest.front() == QLatin1Char('"') || rest.front() == QLatin1Char('\''))
        && rest.back() == rest.front())
        return rest.mid(1, rest.size() - 2);
    for (const QChar c : rest) {
        if (c.isSpace() || c == QLatin1Char('"') || c == QLatin1Char('\''))
            return {};
    }
    return rest;
}

} // namespace

SharedFilePaths SharedFilePaths::fromEnvironment(const QProcessEnvironment &environment)
{
    return SharedFilePaths{
        environmentPath(environment, QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                        QStringLiteral("~/.aws/credentials")),
        environmentPath(environment, QStringLiteral("AWS_CONFIG_FILE"),
                        QStringLiteral("~/.aws/config")),
    };
}

QString expandUserPath(const QString &path, const QProcessEnvironment &environment)
{
    if (path != QLatin1String("~") && !path.startsWith(QLatin1String("~/")))
        return path;
    QString home = environment.value(QStringLiteral("HOME"));
    if (home.isEmpty())
        home = QDir::homePath();
    return home + path.mid(1);
}

QString profileNotFoundMessage(const QString &profile, const SharedFilePaths &paths)
{
    return QStringLiteral("The config profile (%1) could not be found: it is neither in %2 nor in "
                          "%3, nor a Thaw account")
        .arg(profile, paths.configFile, paths.credentialsFile);
}

std::optional<SharedProfiles> SharedProfiles::load(const SharedFilePaths &paths, QString *error)
{
    SharedProfiles profiles;
    profiles.m_paths = paths;
    QString message;
    if (!loadIni(paths.credentialsFile, &profiles.m_credentials, &message)
        || !loadIni(paths.configFile, &profiles.m_config, &message)) {
        qCWarning(lcThawCredentials).noquote() << "Shared AWS file rejected:" << message;
        if (error)
            *error = message;
        return std::nullopt;
    }
    return profiles;
}

bool SharedProfiles::contains(const QString &profile) const
{
    return credentialsSection(profile) || configSection(profile);
}

QStringList SharedProfiles::profileNames() const
{
    QStringList names;
    for (const IniSection &section : m_config.sections()) {
        const QString name = configProfileName(section.name);
        if (!name.isEmpty() && !names.contains(name))
            names.append(name);
    }
    for (const IniSection &section : m_credentials.sections()) {
        if (!names.contains(section.name))
            names.append(section.name);
    }
    return names;
}

const IniSection *SharedProfiles::credentialsSection(const QString &profile) const
{
    return m_credentials.section(profile);
}

const IniSection *SharedProfiles::configSection(const QString &profile) const
{
    // botocore fills a dict in file order, so of "[default]" and "[profile default]" the later
    // one wins.
    const IniSection *found = nullptr;
    for (const IniSection &section : m_config.sections()) {
        if (configProfileName(section.name) == profile)
            found = &section;
    }
    return found;
}

QString SharedProfiles::value(const QString &profile, const QString &key) const
{
    if (const IniSection *section = credentialsSection(profile); section && section->contains(key))
        return section->value(key);
    if (const IniSection *section = configSection(profile))
        return section->value(key);
    return {};
}

} // namespace thaw::aws
