// Accounts through the dialogs, as a user does them (offscreen, QTest key and mouse events):
// adding an account puts its secret in the keychain (never in the settings file), or keeps it
// for the session only with a visible warning when no keychain answers; removing it removes
// the keychain entry; bad fields keep the dialog open with the reason.
#include "uitestsupport.h"

#include "ui/accounts/accountdialog.h"
#include "ui/session/session.h"

#include "core/aws/accountstore.h"
#include "core/glacier/glacierclient.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace thaw;

class TestAccountDialog final : public QObject
{
    Q_OBJECT

private:
    static void type(QWidget &dialog, const char *field, const QString &text)
    {
        auto *edit = dialog.findChild<QLineEdit *>(QString::fromLatin1(field));
        QVERIFY2(edit, field);
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, text);
    }
    static void clickOk(QWidget &dialog)
    {
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }

    QTemporaryDir m_dir;
    QString m_keychainSkip;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_keychainSkip = uitest::keychainSkipReason();
        if (qEnvironmentVariableIntValue("THAW_TEST_EXPECT_NO_KEYCHAIN") == 1)
            QVERIFY2(!m_keychainSkip.isEmpty(), "a keychain answered where none should");
    }

    void rejectsBadFields_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("keyId");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("message");
        const QString key = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
        const QString secret = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        QTest::newRow("name") << QStringLiteral("my account") << key << secret
                              << QStringLiteral("eu-west-1") << QString()
                              << QStringLiteral("not a valid account name");
        QTest::newRow("key") << QStringLiteral("a") << QStringLiteral("short") << secret
                             << QStringLiteral("eu-west-1") << QString()
                             << QStringLiteral("access key ID");
        QTest::newRow("secret") << QStringLiteral("a") << key << QString()
                                << QStringLiteral("eu-west-1") << QString()
                                << QStringLiteral("secret access key");
        QTest::newRow("region") << QStringLiteral("a") << key << secret << QStringLiteral("Ireland")
                                << QString() << QStringLiteral("not an AWS region");
        QTest::newRow("plain http to the world")
            << QStringLiteral("a") << key << secret << QStringLiteral("eu-west-1")
            << QStringLiteral("http://glacier.example.com") << QStringLiteral("endpoint URL");
    }
    void rejectsBadFields()
    {
        QFETCH(QString, name);
        QFETCH(QString, keyId);
        QFETCH(QString, secret);
        QFETCH(QString, region);
        QFETCH(QString, endpoint);
        QFETCH(QString, message);
        QSettings settings(m_dir.filePath(QStringLiteral("bad.ini")), QSettings::IniFormat);
        aws::KeychainSecretStore keychain(uitest::keychainService);
        ui::Session session(settings, keychain, QProcessEnvironment());
        ui::AccountDialog dialog(session, nullptr);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        type(dialog, "name", name);
        type(dialog, "accessKeyId", keyId);
        type(dialog, "secretAccessKey", secret);
        dialog.findChild<QComboBox *>(QStringLiteral("region"))->setCurrentText(region);
        type(dialog, "endpointUrl", endpoint);
        clickOk(dialog);
        auto *error = dialog.findChild<QLabel *>(QStringLiteral("error"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(message), qPrintable(error->text()));
        QVERIFY(dialog.isVisible());
        QVERIFY(!session.hasAccounts());
    }

    // With the CI's unlocked gnome-keyring: the secret goes to the keychain and comes back
    // after a restart; removing the account removes the entry. Without one: session only.
    void addThroughDialogThenRemove()
    {
        const QString iniPath = m_dir.filePath(QStringLiteral("add.ini"));
        const QString secret = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        const QString name = QStringLiteral("ui-test-%1").arg(QDateTime::currentMSecsSinceEpoch());
        QSettings settings(iniPath, QSettings::IniFormat);
        aws::KeychainSecretStore keychain(uitest::keychainService);
        keychain.setRetryDelay(std::chrono::milliseconds(0));
        ui::Session session(settings, keychain, QProcessEnvironment());
        QSignalSpy warnings(&session, &ui::Session::warning);

        ui::AccountDialog dialog(session, nullptr);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        type(dialog, "name", name);
        type(dialog, "accessKeyId", QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
        type(dialog, "secretAccessKey", secret);
        dialog.findChild<QComboBox *>(QStringLiteral("region"))
            ->setCurrentText(QStringLiteral("eu-central-1"));
        clickOk(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), 20000);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        const auto account = session.account(name);
        QVERIFY(account);
        QCOMPARE(account->account.region, QStringLiteral("eu-central-1"));
        QCOMPARE(account->state, ui::SessionAccount::State::Ready);
        QVERIFY(session.client(name, QStringLiteral("eu-central-1")));
        settings.sync();
        QFile ini(iniPath);
        QVERIFY(!ini.open(QIODevice::ReadOnly) || !ini.readAll().contains(secret.toUtf8()));

        if (!m_keychainSkip.isEmpty()) {
            // No keychain: usable now, with a warning, and nothing written to the settings.
            QCOMPARE(account->kind, ui::SessionAccount::Kind::SessionOnly);
            QVERIFY(!warnings.isEmpty());
            QVERIFY(warnings.last().at(0).toString().contains(QStringLiteral("this session only")));
            QVERIFY(!aws::AccountStore(settings).contains(name));
            // tst_accountdialog_nokeychain expects exactly this; elsewhere the keychain half
            // below could not run.
            if (qEnvironmentVariableIntValue("THAW_TEST_EXPECT_NO_KEYCHAIN") == 1)
                return;
            QSKIP(qPrintable(m_keychainSkip));
        }
        QCOMPARE(account->kind, ui::SessionAccount::Kind::Keychain);
        QVERIFY(aws::AccountStore(settings).contains(name));
        QCOMPARE(uitest::wait([&](auto done) {
                     keychain.readSecret(name, done);
                 }).secret.secretAccessKey,
                 secret);

        // A new session (the next start) reads the secret back from the keychain.
        {
            aws::KeychainSecretStore keychain2(uitest::keychainService);
            ui::Session restarted(settings, keychain2, QProcessEnvironment());
            QSignalSpy changed(&restarted, &ui::Session::accountChanged);
            restarted.load();
            QTRY_COMPARE_WITH_TIMEOUT(restarted.account(name)->state,
                                      ui::SessionAccount::State::Ready, 20000);
            QVERIFY(restarted.client(name, QStringLiteral("eu-central-1")));
        }

        bool removed = false;
        QString removeError;
        session.removeAccount(name, [&](const QString &error) {
            removed = true;
            removeError = error;
        });
        QTRY_VERIFY_WITH_TIMEOUT(removed, 20000);
        QVERIFY2(removeError.isEmpty(), qPrintable(removeError));
        QVERIFY(!session.account(name));
        QVERIFY(!aws::AccountStore(settings).contains(name));
        QCOMPARE(uitest::wait([&](auto done) { keychain.readSecret(name, done); }).status,
                 aws::KeychainResult::Status::NotFound);
    }

    void editKeepsTheSecretAndChangesTheRegion()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("edit.ini")), QSettings::IniFormat);
        aws::KeychainSecretStore keychain(uitest::keychainService);
        ui::Session session(settings, keychain, QProcessEnvironment());
        const QString name = QStringLiteral("edit-%1").arg(QDateTime::currentMSecsSinceEpoch());
        bool done = false;
        session.saveAccount(
            {name, QStringLiteral("AKIAIOSFODNN7EXAMPLE"), QStringLiteral("us-east-1")},
            QStringLiteral("secret-one"), false, [&](const QString &error) {
                QVERIFY2(error.isEmpty(), qPrintable(error));
                done = true;
            });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        const aws::Account before = session.account(name)->account;
        ui::AccountDialog dialog(session, &before);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("name"))->isReadOnly());
        dialog.findChild<QComboBox *>(QStringLiteral("region"))
            ->setCurrentText(QStringLiteral("ap-south-1"));
        type(dialog, "endpointUrl", QStringLiteral("http://127.0.0.1:9"));
        clickOk(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), 20000);
        const auto after = session.account(name);
        QCOMPARE(after->account.region, QStringLiteral("ap-south-1"));
        QCOMPARE(after->account.endpointUrl, QStringLiteral("http://127.0.0.1:9"));
        glacier::GlacierClient *client = session.client(name, QStringLiteral("ap-south-1"));
        QVERIFY(client);
        QCOMPARE(client->endpoint(), QUrl(QStringLiteral("http://127.0.0.1:9")));
        bool removed = false;
        session.removeAccount(name, [&](const QString &) { removed = true; });
        QTRY_VERIFY_WITH_TIMEOUT(removed, 20000);
    }
};

QTEST_MAIN(TestAccountDialog)
#include "tst_accountdialog.moc"
