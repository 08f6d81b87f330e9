// The provider chain without the keychain: environment, shared files, explicit and missing
// profiles, session tokens, AWS_SHARED_CREDENTIALS_FILE/AWS_CONFIG_FILE, malformed files, and
// region resolution. Expected precedence follows botocore's create_credential_resolver.
#include "core/aws/accountstore.h"
#include "core/aws/credentialchain.h"
#include "core/aws/profileregion.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using thaw::aws::CredentialChain;
using thaw::aws::CredentialLookup;

class TestCredentialChain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void precedence_data();
    void precedence();
    void region_data();
    void region();
    void accountRegion();

private:
    QProcessEnvironment environment(const QStringList &variables) const;
    void writeFile(const QString &path, const QByteArray &content) const;
    void writeFiles();
    QString expand(QString text) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

const QByteArray defaultCredentials = "[default]\n"
                                      "aws_access_key_id = AKIDFILEDEFAULT\n"
                                      "aws_secret_access_key = secret-file-default\n"
                                      "\n"
                                      "[work]\n"
                                      "aws_access_key_id = AKIDFILEWORK\n"
                                      "aws_secret_access_key = secret-file-work\n"
                                      "aws_session_token = token-file-work\n";

const QStringList environmentKeys = {QStringLiteral("AWS_ACCESS_KEY_ID=AKIDENV"),
                                     QStringLiteral("AWS_SECRET_ACCESS_KEY=secret-env")};

} // namespace

void TestCredentialChain::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("home/.aws")));
}

QString TestCredentialChain::expand(QString text) const
{
    return text.replace(QLatin1String("$TMP"), m_dir->path());
}

// Only what the row sets: the chain must not see the developer's own AWS variables.
QProcessEnvironment TestCredentialChain::environment(const QStringList &variables) const
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HOME"), m_dir->path() + QStringLiteral("/home"));
    for (const QString &variable : variables) {
        const qsizetype equals = variable.indexOf(QLatin1Char('='));
        environment.insert(variable.left(equals), expand(variable.mid(equals + 1)));
    }
    return environment;
}

void TestCredentialChain::writeFile(const QString &path, const QByteArray &content) const
{
    if (content.isNull())
        return;
    const QString full = expand(path);
    QVERIFY(QDir().mkpath(QFileInfo(full).absolutePath()));
    QFile file(full);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

void TestCredentialChain::writeFiles()
{
    QFETCH(QByteArray, credentials);
    QFETCH(QByteArray, config);
    QFETCH(QByteArray, elsewhere);
    writeFile(QStringLiteral("$TMP/home/.aws/credentials"), credentials);
    writeFile(QStringLiteral("$TMP/home/.aws/config"), config);
    writeFile(QStringLiteral("$TMP/elsewhere/file"), elsewhere);
}

void TestCredentialChain::precedence_data()
{
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QByteArray>("elsewhere"); // written to $TMP/elsewhere/file
    QTest::addColumn<QString>("profile");      // --profile
    QTest::addColumn<QString>("source");       // empty: not found; "error": an error
    QTest::addColumn<QString>("keyId");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("message"); // expected in the error message ($TMP expanded)

    const QByteArray none;
    QTest::newRow("environment only")
        << environmentKeys << none << none << none << QString() << QStringLiteral("environment")
        << QStringLiteral("AKIDENV") << QStringLiteral("secret-env") << QString() << QString();
    QTest::newRow("environment with session token")
        << (environmentKeys + QStringList{QStringLiteral("AWS_SESSION_TOKEN=token-env")}) << none
        << none << none << QString() << QStringLiteral("environment") << QStringLiteral("AKIDENV")
        << QStringLiteral("secret-env") << QStringLiteral("token-env") << QString();
    QTest::newRow("environment beats the default profile")
        << environmentKeys << defaultCredentials << none << none << QString()
        << QStringLiteral("environment") << QStringLiteral("AKIDENV")
        << QStringLiteral("secret-env") << QString() << QString();
    QTest::newRow("environment beats AWS_PROFILE (botocore keeps the EnvProvider)")
        << (environmentKeys + QStringList{QStringLiteral("AWS_PROFILE=work")}) << defaultCredentials
        << none << none << QString() << QStringLiteral("environment") << QStringLiteral("AKIDENV")
        << QStringLiteral("secret-env") << QString() << QString();
    QTest::newRow("--profile skips the environment")
        << environmentKeys << defaultCredentials << none << none << QStringLiteral("work")
        << QStringLiteral("shared-credentials-file profile work") << QStringLiteral("AKIDFILEWORK")
        << QStringLiteral("secret-file-work") << QStringLiteral("token-file-work") << QString();
    QTest::newRow("--profile default skips the environment too")
        << environmentKeys << defaultCredentials << none << none << QStringLiteral("default")
        << QStringLiteral("shared-credentials-file profile default")
        << QStringLiteral("AKIDFILEDEFAULT") << QStringLiteral("secret-file-default") << QString()
        << QString();
    QTest::newRow("default profile from the credentials file")
        << QStringList() << defaultCredentials << none << none << QString()
        << QStringLiteral("shared-credentials-file profile default")
        << QStringLiteral("AKIDFILEDEFAULT") << QStringLiteral("secret-file-default") << QString()
        << QString();
    QTest::newRow("AWS_PROFILE selects the profile")
        << QStringList{QStringLiteral("AWS_PROFILE=work")} << defaultCredentials << none << none
        << QString() << QStringLiteral("shared-credentials-file profile work")
        << QStringLiteral("AKIDFILEWORK") << QStringLiteral("secret-file-work")
        << QStringLiteral("token-file-work") << QString();
    QTest::newRow("--profile beats AWS_PROFILE")
        << QStringList{QStringLiteral("AWS_PROFILE=work")} << defaultCredentials << none << none
        << QStringLiteral("default") << QStringLiteral("shared-credentials-file profile default")
        << QStringLiteral("AKIDFILEDEFAULT") << QStringLiteral("secret-file-default") << QString()
        << QString();
    QTest::newRow("credentials file beats config file")
        << QStringList() << defaultCredentials
        << QByteArray("[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\n")
        << none << QString() << QStringLiteral("shared-credentials-file profile default")
        << QStringLiteral("AKIDFILEDEFAULT") << QStringLiteral("secret-file-default") << QString()
        << QString();
    QTest::newRow("keys in config [profile name]")
        << QStringList() << none
        << QByteArray("[profile work]\nAWS_ACCESS_KEY_ID = AKIDCONFIG\n"
                      "aws_secret_access_key=secret-config\naws_session_token=token-config\n")
        << none << QStringLiteral("work") << QStringLiteral("config-file profile work")
        << QStringLiteral("AKIDCONFIG") << QStringLiteral("secret-config")
        << QStringLiteral("token-config") << QString();
    QTest::newRow("quoted config profile name")
        << QStringList() << none
        << QByteArray("[profile \"my work\"]\naws_access_key_id = AKIDQ\n"
                      "aws_secret_access_key = secret-q\n")
        << none << QStringLiteral("my work") << QStringLiteral("config-file profile my work")
        << QStringLiteral("AKIDQ") << QStringLiteral("secret-q") << QString() << QString();
    QTest::newRow("[name] in config is not a profile")
        << QStringList() << none
        << QByteArray("[work]\naws_access_key_id = AKIDC\naws_secret_access_key = c\n") << none
        << QStringLiteral("work") << QStringLiteral("error") << QString() << QString() << QString()
        << QStringLiteral("The config profile (work) could not be found");
    QTest::newRow("legacy aws_security_token")
        << QStringList()
        << QByteArray("[default]\naws_access_key_id = A\naws_secret_access_key = "
                      "s\naws_security_token = legacy\n")
        << none << none << QString() << QStringLiteral("shared-credentials-file profile default")
        << QStringLiteral("A") << QStringLiteral("s") << QStringLiteral("legacy") << QString();
    QTest::newRow("missing --profile")
        << environmentKeys << defaultCredentials << none << none << QStringLiteral("nope")
        << QStringLiteral("error") << QString() << QString() << QString()
        << QStringLiteral("The config profile (nope) could not be found: it is neither in "
                          "$TMP/home/.aws/config nor in $TMP/home/.aws/credentials");
    QTest::newRow("missing AWS_PROFILE")
        << QStringList{QStringLiteral("AWS_PROFILE=nope")} << defaultCredentials << none << none
        << QString() << QStringLiteral("error") << QString() << QString() << QString()
        << QStringLiteral("The config profile (nope) could not be found");
    QTest::newRow("AWS_SHARED_CREDENTIALS_FILE")
        << QStringList{QStringLiteral("AWS_SHARED_CREDENTIALS_FILE=$TMP/elsewhere/file")}
        << defaultCredentials << none
        << QByteArray("[default]\naws_access_key_id = AKIDELSE\naws_secret_access_key = else\n")
        << QString() << QStringLiteral("shared-credentials-file profile default")
        << QStringLiteral("AKIDELSE") << QStringLiteral("else") << QString() << QString();
    QTest::newRow("AWS_CONFIG_FILE with ~")
        << QStringList{QStringLiteral("AWS_CONFIG_FILE=~/../elsewhere/file")} << none
        << QByteArray("[profile work]\naws_access_key_id = AKIDHOME\naws_secret_access_key = h\n")
        << QByteArray("[profile work]\naws_access_key_id = AKIDELSE\naws_secret_access_key = e\n")
        << QStringLiteral("work") << QStringLiteral("config-file profile work")
        << QStringLiteral("AKIDELSE") << QStringLiteral("e") << QString() << QString();
    QTest::newRow("malformed credentials file")
        << QStringList() << QByteArray("[default]\naws_access_key_id = A\nthis is not ini\n")
        << none << none << QString() << QStringLiteral("error") << QString() << QString()
        << QString() << QStringLiteral("$TMP/home/.aws/credentials:3: expected 'key = value'");
    QTest::newRow("malformed config file")
        << environmentKeys << none << QByteArray("region = eu-west-1\n[default]\n") << none
        << QStringLiteral("x") << QStringLiteral("error") << QString() << QString() << QString()
        << QStringLiteral("$TMP/home/.aws/config:1: a setting appears before any [section]");
    QTest::newRow("partial credentials in a file")
        << QStringList() << QByteArray("[default]\naws_access_key_id = AKIDPART\n") << none << none
        << QString() << QStringLiteral("error") << QString() << QString() << QString()
        << QStringLiteral("$TMP/home/.aws/credentials:1: profile 'default' sets "
                          "aws_access_key_id but no aws_secret_access_key");
    QTest::newRow("partial credentials in the environment")
        << QStringList{QStringLiteral("AWS_ACCESS_KEY_ID=AKIDENV")} << defaultCredentials << none
        << none << QString() << QStringLiteral("error") << QString() << QString() << QString()
        << QStringLiteral("AWS_SECRET_ACCESS_KEY is not");
    QTest::newRow("a lone secret in the environment is ignored")
        << QStringList{QStringLiteral("AWS_SECRET_ACCESS_KEY=lonely")} << defaultCredentials << none
        << none << QString() << QStringLiteral("shared-credentials-file profile default")
        << QStringLiteral("AKIDFILEDEFAULT") << QStringLiteral("secret-file-default") << QString()
        << QString();
    QTest::newRow("nothing anywhere")
        << QStringList() << none << none << none << QString() << QString() << QString() << QString()
        << QString()
        << QStringLiteral("Unable to locate credentials for profile default: searched the "
                          "environment (AWS_ACCESS_KEY_ID), $TMP/home/.aws/credentials");
    QTest::newRow("profile without keys")
        << QStringList() << none << QByteArray("[profile work]\nregion = eu-west-1\n") << none
        << QStringLiteral("work") << QString() << QString() << QString() << QString()
        << QStringLiteral("Unable to locate credentials for profile work: searched "
                          "$TMP/home/.aws/credentials");
}

void TestCredentialChain::precedence()
{
    QFETCH(QStringList, variables);
    QFETCH(QString, profile);
    QFETCH(QString, source);
    QFETCH(QString, keyId);
    QFETCH(QString, secret);
    QFETCH(QString, token);
    QFETCH(QString, message);
    writeFiles();
    if (QTest::currentTestFailed())
        return;

    CredentialChain chain(environment(variables), nullptr, nullptr);
    const CredentialLookup lookup = chain.resolveBlocking(profile, 5s);
    if (source.isEmpty()) {
        QCOMPARE(lookup.status, CredentialLookup::Status::NotFound);
    } else if (source == QLatin1String("error")) {
        QCOMPARE(lookup.status, CredentialLookup::Status::Error);
    } else {
        QVERIFY2(lookup.found(), qPrintable(lookup.error));
        QCOMPARE(lookup.source.toString(), source);
        QCOMPARE(lookup.credentials.accessKeyId(), keyId);
        QCOMPARE(lookup.credentials.secretAccessKey(), secret);
        QCOMPARE(lookup.credentials.sessionToken(), token);
        return;
    }
    QVERIFY2(lookup.error.contains(expand(message)), qPrintable(lookup.error));
    // No secret of any source may appear in a message.
    for (const char *secretText : {"secret-env", "secret-file-default", "secret-file-work"})
        QVERIFY(!lookup.error.contains(QLatin1String(secretText)));
}

void TestCredentialChain::region_data()
{
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QByteArray>("elsewhere");
    QTest::addColumn<QString>("explicitRegion");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("region"); // empty: an error containing `message`
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("message");

    const QByteArray none;
    const QByteArray config = "[default]\nregion = eu-west-1\n[profile work]\nregion = us-west-2\n";
    const QStringList both
        = {QStringLiteral("AWS_REGION=ap-south-1"), QStringLiteral("AWS_DEFAULT_REGION=sa-east-1")};
    QTest::newRow("--region first")
        << both << none << config << none << QStringLiteral("eu-north-1") << QString()
        << QStringLiteral("eu-north-1") << QStringLiteral("--region") << QString();
    QTest::newRow("AWS_REGION beats AWS_DEFAULT_REGION")
        << both << none << config << none << QString() << QStringLiteral("work")
        << QStringLiteral("ap-south-1") << QStringLiteral("AWS_REGION") << QString();
    QTest::newRow("AWS_DEFAULT_REGION")
        << QStringList{QStringLiteral("AWS_DEFAULT_REGION=sa-east-1")} << none << config << none
        << QString() << QString() << QStringLiteral("sa-east-1")
        << QStringLiteral("AWS_DEFAULT_REGION") << QString();
    QTest::newRow("default profile")
        << QStringList() << none << config << none << QString() << QString()
        << QStringLiteral("eu-west-1") << QStringLiteral("profile default") << QString();
    QTest::newRow("--profile") << QStringList() << none << config << none << QString()
                               << QStringLiteral("work") << QStringLiteral("us-west-2")
                               << QStringLiteral("profile work") << QString();
    QTest::newRow("AWS_PROFILE") << QStringList{QStringLiteral("AWS_PROFILE=work")} << none
                                 << config << none << QString() << QString()
                                 << QStringLiteral("us-west-2") << QStringLiteral("profile work")
                                 << QString();
    QTest::newRow("credentials file region wins (botocore merges it over config)")
        << QStringList() << QByteArray("[work]\nregion = ca-central-1\n") << config << none
        << QString() << QStringLiteral("work") << QStringLiteral("ca-central-1")
        << QStringLiteral("profile work") << QString();
    QTest::newRow("AWS_CONFIG_FILE")
        << QStringList{QStringLiteral("AWS_CONFIG_FILE=$TMP/elsewhere/file")} << none << config
        << QByteArray("[default]\nregion = me-south-1\n") << QString() << QString()
        << QStringLiteral("me-south-1") << QStringLiteral("profile default") << QString();
    QTest::newRow("no region") << QStringList() << none << none << none << QString() << QString()
                               << QString() << QString()
                               << QStringLiteral("You must specify a region");
    QTest::newRow("missing profile")
        << QStringList() << none << config << none << QString() << QStringLiteral("nope")
        << QString() << QString() << QStringLiteral("The config profile (nope) could not be found");
    QTest::newRow("malformed config")
        << QStringList() << none << QByteArray("[default\n") << none << QString() << QString()
        << QString() << QString() << QStringLiteral("$TMP/home/.aws/config:1:");
}

void TestCredentialChain::region()
{
    QFETCH(QStringList, variables);
    QFETCH(QString, explicitRegion);
    QFETCH(QString, profile);
    QFETCH(QString, region);
    QFETCH(QString, source);
    QFETCH(QString, message);
    writeFiles();
    if (QTest::currentTestFailed())
        return;

    const thaw::aws::RegionLookup lookup
        = thaw::aws::resolveRegion(explicitRegion, profile, environment(variables));
    QCOMPARE(lookup.region, region);
    QCOMPARE(lookup.source, source);
    QVERIFY2(lookup.error.contains(expand(message)), qPrintable(lookup.error));
    QCOMPARE(lookup.error.isEmpty(), !region.isEmpty());
}

void TestCredentialChain::accountRegion()
{
    QSettings settings(m_dir->filePath(QStringLiteral("thaw.ini")), QSettings::IniFormat);
    thaw::aws::AccountStore accounts(settings);
    QVERIFY(accounts.save(
        {QStringLiteral("archive"), QStringLiteral("AKIDA"), QStringLiteral("eu-central-1")},
        nullptr));
    const QProcessEnvironment env = environment({});

    // The only account is the default one; a named account needs no shared profile.
    auto lookup = thaw::aws::resolveRegion({}, {}, env, &accounts);
    QCOMPARE(lookup.region, QStringLiteral("eu-central-1"));
    QCOMPARE(lookup.source, QStringLiteral("thaw account archive"));
    lookup = thaw::aws::resolveRegion({}, QStringLiteral("archive"), env, &accounts);
    QCOMPARE(lookup.region, QStringLiteral("eu-central-1"));
    lookup = thaw::aws::resolveRegion({}, QStringLiteral("other"), env, &accounts);
    QVERIFY(lookup.error.contains(QStringLiteral("The config profile (other) could not be found")));
    // A shared profile's region comes first.
    writeFile(QStringLiteral("$TMP/home/.aws/config"), "[profile archive]\nregion = us-east-2\n");
    lookup = thaw::aws::resolveRegion({}, QStringLiteral("archive"), env, &accounts);
    QCOMPARE(lookup.region, QStringLiteral("us-east-2"));
}

QTEST_GUILESS_MAIN(TestCredentialChain)
#include "tst_credentialchain.moc"
