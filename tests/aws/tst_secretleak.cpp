// Proves that a secret never reaches QSettings, logs, error messages or any file Thaw writes:
// a unique random secret goes through the account store, the keychain (or its session-only
// fallback), the provider chain, its error paths, the CLI hook and qDebug, with every Qt message
// captured; then the settings file, every file under the test's HOME and XDG directories, and
// the captured log are searched for the secret's bytes.
#include "app/cli/clicredentials.h"
#include "core/aws/accountstore.h"
#include "core/aws/credentialchain.h"
#include "core/aws/keychainsecretstore.h"
#include "core/aws/profileregion.h"

#include <QDirIterator>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using thaw::aws::AccountStore;
using thaw::aws::CredentialChain;
using thaw::aws::CredentialLookup;
using thaw::aws::KeychainResult;
using thaw::aws::KeychainSecretStore;

namespace {

QMutex logMutex;
QString capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker locker(&logMutex);
        capturedLog += qFormatLogMessage(type, context, message) + QLatin1Char('\n');
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

QString randomSecret()
{
    static const QString alphabet
        = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    QString text = QStringLiteral("LEAK");
    for (int i = 0; i < 36; ++i)
        text.append(alphabet.at(QRandomGenerator::global()->bounded(int(alphabet.size()))));
    return text;
}

// The forms a QString can take on disk or in a log.
QList<QByteArray> encodings(const QString &text)
{
    const QByteArray utf16(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
    return {text.toUtf8(), utf16, text.toUtf8().toBase64(), text.toUtf8().toHex()};
}

KeychainResult wait(const std::function<void(KeychainSecretStore::Callback)> &start)
{
    bool called = false;
    KeychainResult result;
    start([&](const KeychainResult &answer) {
        called = true;
        result = answer;
    });
    if (!QTest::qWaitFor([&] { return called; }, 30000))
        result.status = KeychainResult::Status::TimedOut;
    return result;
}

} // namespace

class TestSecretLeak final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void secretNeverLeaks();
    void cleanupTestCase();

private:
    QTemporaryDir m_root;
    QString m_home;
};

void TestSecretLeak::initTestCase()
{
    QVERIFY(m_root.isValid());
    // Everything Thaw could write goes under this test's own HOME and XDG directories. The
    // keyring daemon keeps its own XDG_DATA_HOME: it was started before this process.
    m_home = m_root.filePath(QStringLiteral("home"));
    QVERIFY(QDir().mkpath(m_home));
    qputenv("HOME", QFile::encodeName(m_home));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home + QStringLiteral("/.config")));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(m_home + QStringLiteral("/.cache")));
    qputenv("XDG_STATE_HOME", QFile::encodeName(m_home + QStringLiteral("/.local/state")));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("thaw-leak-test"));
    QCoreApplication::setApplicationName(QStringLiteral("thaw-leak-test"));

    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true\nqt.*.debug=false"));
    qSetMessagePattern(QStringLiteral("%{category} %{type}: %{message}"));
    previousHandler = qInstallMessageHandler(captureMessage);
}

void TestSecretLeak::secretNeverLeaks()
{
    const QString secret = randomSecret();
    const QString token = randomSecret();
    const QString fileSecret = randomSecret(); // in the user's own ~/.aws file: may be there
    const QString account = QStringLiteral("leak-") + randomSecret().right(8);

    const QString settingsPath = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
                                 + QStringLiteral("/thaw.ini");
    QVERIFY(settingsPath.startsWith(m_home));
    {
        QSettings settings(settingsPath, QSettings::IniFormat);
        AccountStore accounts(settings);
        QVERIFY(accounts.save(
            {account, QStringLiteral("AKIDLEAKTEST"), QStringLiteral("eu-west-1")}, nullptr));
        accounts.setDefaultAccountName(account);

        KeychainSecretStore store(QStringLiteral("thaw-tests"));
        store.setTimeout(8s);
        store.setRetryDelay(0ms);
        const KeychainResult written = wait([&](auto done) {
            store.writeSecret(account, {secret, token}, done);
        });
        QVERIFY2(written.ok(), qPrintable(written.message));
        qDebug() << "write:" << written.message;

        // The chain, through the account, printed in every way a developer might.
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("HOME"), m_home);
        CredentialChain chain(environment, &accounts, &store);
        CredentialLookup lookup = chain.resolveBlocking(account, 20s);
        QVERIFY2(lookup.found(), qPrintable(lookup.error));
        QCOMPARE(lookup.credentials.secretAccessKey(), secret); // the secret did go through
        QCOMPARE(lookup.credentials.sessionToken(), token);
        qDebug() << "resolved" << lookup.credentials << "from" << lookup.source.toString();
        qInfo() << lookup.credentials.toString();
        qWarning() << lookup.credentials;

        // Error paths, each with a secret close at hand.
        QStringList errors;
        QProcessEnvironment partial = environment;
        partial.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), secret);
        errors << chain.resolveBlocking(QStringLiteral("no-such-profile"), 5s).error;
        CredentialChain partialChain(partial, &accounts, &store);
        errors << partialChain.resolveBlocking(QStringLiteral("no-such-profile"), 5s).error;
        partial.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKID"));
        partial.insert(QStringLiteral("AWS_SESSION_TOKEN"), token);
        errors << CredentialChain(partial, nullptr, nullptr)
                      .resolveBlocking(QStringLiteral("no-such-profile"), 5s)
                      .error;

        // The user's files hold a secret on a malformed line and in a partial profile.
        const QString awsDir = m_root.filePath(QStringLiteral("aws"));
        QVERIFY(QDir().mkpath(awsDir));
        QFile credentialsFile(awsDir + QStringLiteral("/credentials"));
        QVERIFY(credentialsFile.open(QIODevice::WriteOnly));
        credentialsFile.write(QStringLiteral("[default]\naws_access_key_id = AKID\n"
                                             "aws_secret_access_key %1\n")
                                  .arg(fileSecret)
                                  .toUtf8());
        credentialsFile.close();
        QProcessEnvironment files = environment;
        files.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), credentialsFile.fileName());
        errors << CredentialChain(files, &accounts, &store).resolveBlocking({}, 5s).error;
        errors << thaw::aws::resolveRegion({}, {}, files, &accounts).error;
        QVERIFY(credentialsFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        credentialsFile.write(QStringLiteral("[default]\naws_secret_access_key = %1\n"
                                             "aws_session_token = %2\n")
                                  .arg(fileSecret, token)
                                  .toUtf8());
        credentialsFile.close();
        lookup = CredentialChain(files, &accounts, &store).resolveBlocking({}, 5s);
        QVERIFY(lookup.found()); // no key id in the file: falls through to the default account
        qDebug() << lookup.credentials;
        files.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDENV"));
        errors << CredentialChain(files, &accounts, &store).resolveBlocking({}, 5s).error;

        // An account whose secret is not in the keychain.
        QVERIFY(accounts.save({QStringLiteral("nosecret"), QStringLiteral("AKIDX"), {}}, nullptr));
        errors << chain.resolveBlocking(QStringLiteral("nosecret"), 20s).error;

        // The CLI hook, with the same settings file.
        QString cliError;
        QString cliSource;
        thaw::cli::GlobalOptions options;
        options.profile = account;
        KeychainSecretStore cliStore(QStringLiteral("thaw-tests"));
        cliStore.setTimeout(8s);
        cliStore.setRetryDelay(0ms);
        const auto cliCredentials = thaw::cli::resolveCliCredentials(
            options, environment, settings, cliStore, &cliError, &cliSource);
        // The CLI has its own store: with a real keychain it finds the secret, without one
        // the session-only copy of the store above is out of its reach.
        if (written.status == KeychainResult::Status::Ok) {
            QVERIFY2(cliCredentials, qPrintable(cliError));
            QCOMPARE(cliSource, QStringLiteral("thaw account %1").arg(account));
        } else {
            errors << cliError;
        }
        options.profile = QStringLiteral("no-such-profile");
        thaw::cli::resolveCliCredentials(options, environment, settings, cliStore, &cliError);
        errors << cliError;

        for (const QString &error : std::as_const(errors)) {
            QVERIFY(!error.isEmpty());
            qWarning().noquote() << "error:" << error;
            for (const QString &hidden : {secret, token, fileSecret})
                QVERIFY2(!error.contains(hidden), qPrintable(error));
        }

        wait([&](auto done) { store.removeSecret(account, done); });
        accounts.remove(QStringLiteral("nosecret"));
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
    }

    // The settings file holds the account, and nothing secret.
    QFile settingsFile(settingsPath);
    QVERIFY(settingsFile.open(QIODevice::ReadOnly));
    const QByteArray settingsBytes = settingsFile.readAll();
    QVERIFY(settingsBytes.contains("AKIDLEAKTEST"));

    // Every file under HOME (settings, caches, Qt's test-mode folders) and the log.
    QStringList scanned;
    QDirIterator files(m_home, QDir::Files | QDir::Hidden | QDir::System,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray bytes = file.readAll();
        for (const QString &hidden : {secret, token}) {
            for (const QByteArray &form : encodings(hidden))
                QVERIFY2(!bytes.contains(form), qPrintable(path));
        }
        scanned << path;
    }
    QVERIFY(scanned.contains(settingsPath));

    QMutexLocker locker(&logMutex);
    QVERIFY(capturedLog.contains(QStringLiteral("<redacted>")));
    QVERIFY(capturedLog.contains(QStringLiteral("thaw.aws.credentials")));
    for (const QString &hidden : {secret, token, fileSecret}) {
        for (const QByteArray &form : encodings(hidden))
            QVERIFY2(!capturedLog.toUtf8().contains(form), "a secret reached the log");
    }
}

void TestSecretLeak::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
}

QTEST_GUILESS_MAIN(TestSecretLeak)
#include "tst_secretleak.moc"
