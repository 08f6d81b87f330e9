#pragma once

#include "inifile.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace thaw::aws {

// The paths of the AWS CLI's shared credentials and config files, as botocore finds them.
struct SharedFilePaths
{
    QString credentialsFile;
    QString configFile;

    // AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, else ~/.aws/credentials and ~/.aws/config;
    // '~' expands to the environment's HOME.
    static SharedFilePaths fromEnvironment(const QProcessEnvironment &environment);
};

// "~" and "~/x" expanded with the environment's HOME (QDir::homePath() when HOME is unset).
QString expandUserPath(const QString &path, const QProcessEnvironment &environment);

// "The config profile (x) could not be found", naming the files searched (the AWS CLI's words).
QString profileNotFoundMessage(const QString &profile, const SharedFilePaths &paths);

// The profiles of ~/.aws/credentials ("[name]") and ~/.aws/config ("[profile name]", "[default]").
class SharedProfiles final
{
public:
    // A missing file counts as empty, as in botocore; an unreadable or malformed one is an error
    // naming the file and the line.
    static std::optional<SharedProfiles> load(const SharedFilePaths &paths, QString *error);

    const SharedFilePaths &paths() const { return m_paths; }

    // The profile has a section in either file.
    bool contains(const QString &profile) const;
    QStringList profileNames() const;

    // The profile's section in the credentials file or the config file; nullptr when absent.
    const IniSection *credentialsSection(const QString &profile) const;
    const IniSection *configSection(const QString &profile) const;

    // A setting of the profile, the credentials file winning over the config file as in
    // botocore's Session.full_config; empty when neither sets it.
    QString value(const QString &profile, const QString &key) const;

private:
    SharedFilePaths m_paths;
    IniFile m_credentials;
    IniFile m_config;
};

} // namespace thaw::aws
