// Thaw accounts' secrets in a real system keychain (QtKeychain over the Secret Service), and the
// no-keychain path. Registered twice in CMake:
// - tst_keychain: inside tests/run-all.sh's private D-Bus session with an unlocked
//   gnome-keyring; the real-keychain functions QSKIP when no Secret Service answers, and
//   noBackend runs this executable again in the no-keychain environment below;
// - tst_keychain_nobackend: with DBUS_SESSION_BUS_ADDRESS pointing nowhere and
//   THAW_TEST_EXPECT_NO_KEYCHAIN=1, so every backend fails, deterministically.
#include "core/aws/accountstore.h"
#include "core/aws/credentialchain.h"
#include "core/aws/keychainsecretstore.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <qt6keychain/keychain.h>

using namespace std::chrono_literals;
using thaw::aws::AccountSecret;
using thaw::aws::AccountStore;
using thaw::aws::CredentialChain;
using thaw::aws::CredentialLookup;
using thaw::aws::KeychainResult;
using thaw::aws::KeychainSecretStore;

// Real-keychain functions skip, with the probe's reason, when no Secret Service answered.
#define REQUIRE_KEYCHAIN()                                                                         \
    do {                                                                                           \
        if (m_expectNoKeychain)                                                                    \
            QSKIP("needs a real keychain");                                                        \
        if (!m_keychainUsable)                                                                     \
            QSKIP(qPrintable(m_skipReason));                                                       \
    } while (false)

namespace {

// A service name of the tests' own, so a developer's real "Thaw" entries are never touched.
const QString testService = QStringLiteral("thaw-tests");

QString randomText(int length)
{
    static const QString alphabet
        = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+");
    QString text;
    for (int i = 0; i < length; ++i)
        text.append(alphabet.at(QRandomGenerator::global()->bounded(int(alphabet.size()))));
    return text;
}

// Every wait is bounded: a keychain that never answers fails the test instead of hanging it.
KeychainResult wait(const std::function<void(KeychainSecretStore::Callback)> &start)
{
    bool called = false;
    KeychainResult result;
    start([&](const KeychainResult &answer) {
        called = true;
        result = answer;
    });
    if (!QTest::qWaitFor([&] { return called; }, 30000)) {
        result.status = KeychainResult::Status::TimedOut;
        result.message = QStringLiteral("the test gave up waiting");
    }
    return result;
}

bool isBackendError(int error)
{
    return error == QKeychain::AccessDenied || error == QKeychain::NoBackendAvailable
           || error == QKeychain::OtherError;
}

} // namespace

class TestKeychain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip();
    void replacingDropsOldToken();
    void accountPrecedence_data();
    void accountPrecedence();
    void noBackend();
    void cleanupTestCase();

private:
    void configure(KeychainSecretStore &store) const;

    bool m_expectNoKeychain = false;
    bool m_keychainUsable = false;
    QString m_skipReason;
    QString m_account = QStringLiteral("t-") + randomText(10).remove(QLatin1Char('/'));
    QTemporaryDir m_dir;
};

void TestKeychain::configure(KeychainSecretStore &store) const
{
    store.setTimeout(8s);
    store.setRetryDelay(m_expectNoKeychain ? 50ms : 0ms);
}

void TestKeychain::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_expectNoKeychain = qEnvironmentVariableIntValue("THAW_TEST_EXPECT_NO_KEYCHAIN") == 1;
    if (m_expectNoKeychain)
        return;
    // Probe once: without a reachable Secret Service the real-keychain tests cannot run.
    KeychainSecretStore store(testService);
    configure(store);
    const QString probe = m_account + QStringLiteral("-probe");
    const KeychainResult written = wait([&](auto done) {
        store.writeSecret(probe, {QStringLiteral("probe"), {}}, done);
    });
    if (written.status != KeychainResult::Status::Ok) {
        m_skipReason = QStringLiteral("no usable Secret Service (run under tests/run-all.sh's "
                                      "dbus-run-session and gnome-keyring): %1")
                           .arg(written.message);
        return;
    }
    QCOMPARE(wait([&](auto done) { store.removeSecret(probe, done); }).status,
             KeychainResult::Status::Ok);
    m_keychainUsable = true;
}

void TestKeychain::roundTrip()
{
    REQUIRE_KEYCHAIN();
    KeychainSecretStore store(testService);
    configure(store);
    const AccountSecret secret{randomText(40), randomText(120)};

    KeychainResult result = wait([&](auto done) { store.writeSecret(m_account, secret, done); });
    QCOMPARE(result.status, KeychainResult::Status::Ok);
    QVERIFY(!store.holdsSessionOnlySecret(m_account));

    // A second store has no memory of the first: the secret really comes from the keychain.
    KeychainSecretStore other(testService);
    configure(other);
    result = wait([&](auto done) { other.readSecret(m_account, done); });
    QCOMPARE(result.status, KeychainResult::Status::Ok);
    QCOMPARE(result.secret.secretAccessKey, secret.secretAccessKey);
    QCOMPARE(result.secret.sessionToken, secret.sessionToken);

    // Another service does not see it: the keys are namespaced per service.
    KeychainSecretStore foreign(testService + QStringLiteral("-other"));
    configure(foreign);
    QCOMPARE(wait([&](auto done) { foreign.readSecret(m_account, done); }).status,
             KeychainResult::Status::NotFound);

    QCOMPARE(wait([&](auto done) { store.removeSecret(m_account, done); }).status,
             KeychainResult::Status::Ok);
    result = wait([&](auto done) { other.readSecret(m_account, done); });
    QCOMPARE(result.status, KeychainResult::Status::NotFound);
    QVERIFY(result.message.contains(m_account));
    // Removing what is not there is not an error.
    QCOMPARE(wait([&](auto done) { store.removeSecret(m_account, done); }).status,
             KeychainResult::Status::Ok);
}

void TestKeychain::replacingDropsOldToken()
{
    REQUIRE_KEYCHAIN();
    KeychainSecretStore store(testService);
    configure(store);
    const QString account = m_account + QStringLiteral("-r");
    QVERIFY(wait([&](auto done) {
                store.writeSecret(account, {QStringLiteral("first"), QStringLiteral("tok")}, done);
            }).status
            == KeychainResult::Status::Ok);
    QVERIFY(wait([&](auto done) {
                store.writeSecret(account, {QStringLiteral("second"), {}}, done);
            }).status
            == KeychainResult::Status::Ok);
    const KeychainResult result = wait([&](auto done) { store.readSecret(account, done); });
    QCOMPARE(result.status, KeychainResult::Status::Ok);
    QCOMPARE(result.secret.secretAccessKey, QStringLiteral("second"));
    QCOMPARE(result.secret.sessionToken, QString());
    wait([&](auto done) { store.removeSecret(account, done); });
}

void TestKeychain::accountPrecedence_data()
{
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QByteArray>("credentialsFile");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("source"); // "error:<text>" for an expected error

    const QStringList envKeys = {QStringLiteral("AWS_ACCESS_KEY_ID=AKIDENV"),
                                 QStringLiteral("AWS_SECRET_ACCESS_KEY=secret-env")};
    const QByteArray sharedArchive = "[archive]\naws_access_key_id = AKIDFILE\n"
                                     "aws_secret_access_key = secret-file\n";
    QTest::newRow("--profile names the account")
        << QStringList() << QByteArray() << QStringLiteral("archive")
        << QStringLiteral("thaw account archive");
    QTest::newRow("--profile skips the environment, then the account")
        << envKeys << QByteArray() << QStringLiteral("archive")
        << QStringLiteral("thaw account archive");
    QTest::newRow("environment first without --profile")
        << envKeys << QByteArray() << QString() << QStringLiteral("environment");
    QTest::newRow("the only account is the default")
        << QStringList() << QByteArray() << QString() << QStringLiteral("thaw account archive");
    QTest::newRow("AWS_PROFILE names the account")
        << QStringList{QStringLiteral("AWS_PROFILE=archive")} << QByteArray() << QString()
        << QStringLiteral("thaw account archive");
    QTest::newRow("a shared profile of the same name comes first")
        << QStringList() << sharedArchive << QStringLiteral("archive")
        << QStringLiteral("shared-credentials-file profile archive");
    QTest::newRow("neither profile nor account")
        << QStringList() << QByteArray() << QStringLiteral("missing")
        << QStringLiteral("error:The config profile (missing) could not be found");
}

void TestKeychain::accountPrecedence()
{
    QFETCH(QStringList, variables);
    QFETCH(QByteArray, credentialsFile);
    QFETCH(QString, profile);
    QFETCH(QString, source);
    if (!m_expectNoKeychain)
        REQUIRE_KEYCHAIN();

    QTemporaryDir home;
    QVERIFY(home.isValid());
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HOME"), home.path());
    for (const QString &variable : variables)
        environment.insert(variable.section(QLatin1Char('='), 0, 0),
                           variable.section(QLatin1Char('='), 1));
    if (!credentialsFile.isNull()) {
        QVERIFY(QDir(home.path()).mkpath(QStringLiteral(".aws")));
        QFile file(home.filePath(QStringLiteral(".aws/credentials")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(credentialsFile);
    }

    QSettings settings(home.filePath(QStringLiteral("thaw.ini")), QSettings::IniFormat);
    AccountStore accounts(settings);
    QVERIFY(accounts.save({QStringLiteral("archive"), QStringLiteral("AKIDACCOUNT"), {}}, nullptr));
    KeychainSecretStore store(testService);
    configure(store);
    // The account name is shared by the rows: with a real keychain, keep it per test run.
    const QString secret = randomText(40);
    const KeychainResult written = wait([&](auto done) {
        store.writeSecret(QStringLiteral("archive"), {secret, {}}, done);
    });
    QVERIFY2(written.ok(), qPrintable(written.message));
    QCOMPARE(written.status,
             m_expectNoKeychain ? KeychainResult::Status::SessionOnly : KeychainResult::Status::Ok);

    CredentialChain chain(environment, &accounts, &store);
    const CredentialLookup lookup = chain.resolveBlocking(profile, 20s);
    if (source.startsWith(QLatin1String("error:"))) {
        QCOMPARE(lookup.status, CredentialLookup::Status::Error);
        QVERIFY2(lookup.error.contains(source.mid(6)), qPrintable(lookup.error));
    } else {
        QVERIFY2(lookup.found(), qPrintable(lookup.error));
        QCOMPARE(lookup.source.toString(), source);
        if (lookup.source.kind == thaw::aws::CredentialSource::Kind::ThawAccount) {
            QCOMPARE(lookup.credentials.accessKeyId(), QStringLiteral("AKIDACCOUNT"));
            QCOMPARE(lookup.credentials.secretAccessKey(), secret);
        }
    }
    wait([&](auto done) { store.removeSecret(QStringLiteral("archive"), done); });
}

void TestKeychain::noBackend()
{
    if (!m_expectNoKeychain) {
        // Run this function again in a child process where every keychain backend fails.
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=/nonexistent/thaw-no-bus"));
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.insert(QStringLiteral("THAW_TEST_EXPECT_NO_KEYCHAIN"), QStringLiteral("1"));
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("noBackend")});
        QVERIFY(child.waitForStarted(10000));
        if (!child.waitForFinished(60000)) {
            child.kill();
            child.waitForFinished(5000);
            QFAIL("the no-keychain child did not finish within 60 s");
        }
        const QByteArray output = child.readAll();
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
                 output.constData());
        QVERIFY2(output.contains("PASS   : TestKeychain::noBackend()"), output.constData());
        return;
    }
    KeychainSecretStore store(testService);
    configure(store);
    QSignalSpy unavailable(&store, &KeychainSecretStore::keychainUnavailable);
    const AccountSecret secret{randomText(40), randomText(60)};
    QElapsedTimer elapsed;
    elapsed.start();

    KeychainResult result = wait([&](auto done) { store.writeSecret(m_account, secret, done); });
    qInfo() << "No-backend write:" << result.keychainError << result.message;
    QCOMPARE(result.status, KeychainResult::Status::SessionOnly);
    QVERIFY2(isBackendError(result.keychainError), qPrintable(result.message));
    QVERIFY2(result.message.startsWith(QStringLiteral("No system keychain is available (")),
             qPrintable(result.message));
    QVERIFY(result.message.endsWith(
        QStringLiteral("; the secret is kept for this session only and will not be saved")));
    QVERIFY(!result.message.contains(secret.secretAccessKey));
    QCOMPARE(unavailable.count(), 1);
    QVERIFY(store.holdsSessionOnlySecret(m_account));

    // The session copy serves reads; nothing else does.
    result = wait([&](auto done) { store.readSecret(m_account, done); });
    QCOMPARE(result.status, KeychainResult::Status::SessionOnly);
    QCOMPARE(result.secret.secretAccessKey, secret.secretAccessKey);
    QCOMPARE(result.secret.sessionToken, secret.sessionToken);

    result = wait([&](auto done) { store.readSecret(m_account + QStringLiteral("x"), done); });
    QCOMPARE(result.status, KeychainResult::Status::Unavailable);
    QVERIFY(isBackendError(result.keychainError));
    QVERIFY(result.message.startsWith(QStringLiteral("No system keychain is available (")));

    // A fresh store (a new session) has nothing: the secret was never written anywhere.
    KeychainSecretStore nextSession(testService);
    configure(nextSession);
    QCOMPARE(wait([&](auto done) { nextSession.readSecret(m_account, done); }).status,
             KeychainResult::Status::Unavailable);

    wait([&](auto done) { store.removeSecret(m_account, done); });
    QVERIFY(!store.holdsSessionOnlySecret(m_account));
    // Fails fast rather than by the job timeout: the backend answers with an error.
    QVERIFY2(elapsed.elapsed() < 8000, qPrintable(QString::number(elapsed.elapsed())));
}

void TestKeychain::cleanupTestCase()
{
    if (!m_keychainUsable)
        return;
    KeychainSecretStore store(testService);
    configure(store);
    wait([&](auto done) { store.removeSecret(m_account, done); });
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
