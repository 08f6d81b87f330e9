// Importing ~/.aws profiles from a temporary HOME through the dialog: the profiles with keys can
// be checked (Space) and imported (mouse click); the account links the profile, its keys are
// read from the files (not copied to the keychain or the settings) and give a Glacier client.
#include "uitestsupport.h"

#include "ui/accounts/importprofilesdialog.h"
#include "ui/session/session.h"

#include "core/glacier/glacierclient.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace thaw;

class TestImportProfiles final : public QObject
{
    Q_OBJECT

private:
    static bool write(const QString &path, const QByteArray &text)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void importsACheckedProfile()
    {
        QTemporaryDir home;
        QVERIFY(QDir(home.path()).mkpath(QStringLiteral(".aws")));
        QVERIFY(write(home.filePath(QStringLiteral(".aws/credentials")),
                      "[default]\naws_access_key_id = AKIADEFAULT000000000\n"
                      "aws_secret_access_key = defaultsecret\n"
                      "[archive]\naws_access_key_id = AKIAARCHIVE000000000\n"
                      "aws_secret_access_key = archivesecret\n"));
        QVERIFY(write(home.filePath(QStringLiteral(".aws/config")),
                      "[profile archive]\nregion = eu-west-1\n"
                      "[profile sso]\nsso_start_url = https://example.awsapps.com/start\n"));
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("HOME"), home.path());

        QSettings settings(home.filePath(QStringLiteral("thaw.ini")), QSettings::IniFormat);
        aws::KeychainSecretStore keychain(uitest::keychainService);
        ui::Session session(settings, keychain, environment);
        ui::ImportProfilesDialog dialog(session, environment);
        QSignalSpy loaded(&dialog, &ui::ImportProfilesDialog::loaded);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.isLoaded() || uitest::waitFor(loaded));

        auto *list = dialog.findChild<QListWidget *>(QStringLiteral("profiles"));
        QCOMPARE(list->count(), 3);
        int archiveRow = -1;
        for (int i = 0; i < list->count(); ++i) {
            const QString name = list->item(i)->data(Qt::UserRole).toString();
            if (name == u"archive")
                archiveRow = i;
            if (name == u"sso") // no key: listed, not checkable
                QVERIFY(!(list->item(i)->flags() & Qt::ItemIsUserCheckable));
        }
        QVERIFY(archiveRow >= 0);
        auto *import = dialog.findChild<QPushButton *>(QStringLiteral("import"));
        QVERIFY(!import->isEnabled());
        list->setFocus();
        list->setCurrentRow(archiveRow);
        QTest::keyClick(list, Qt::Key_Space);
        QCOMPARE(list->item(archiveRow)->checkState(), Qt::Checked);
        QVERIFY(import->isEnabled());
        QTest::mouseClick(import, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), 15000);

        const auto account = session.account(QStringLiteral("archive"));
        QVERIFY(account);
        QCOMPARE(account->kind, ui::SessionAccount::Kind::Profile);
        QCOMPARE(account->account.profile, QStringLiteral("archive"));
        QCOMPARE(account->account.region, QStringLiteral("eu-west-1"));
        QTRY_COMPARE_WITH_TIMEOUT(session.account(QStringLiteral("archive"))->state,
                                  ui::SessionAccount::State::Ready, 15000);
        glacier::GlacierClient *client
            = session.client(QStringLiteral("archive"), QStringLiteral("eu-west-1"));
        QVERIFY(client);
        QCOMPARE(client->endpoint(),
                 QUrl(QStringLiteral("https://glacier.eu-west-1.amazonaws.com")));
        QVERIFY(!session.account(QStringLiteral("default")));

        // Saved as a link to the profile: no secret in the settings file.
        settings.sync();
        QFile ini(settings.fileName());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray saved = ini.readAll();
        QVERIFY(saved.contains("archive"));
        QVERIFY(!saved.contains("archivesecret"));

        // A profile that disappears from the files makes the account fail with the reason.
        QVERIFY(write(home.filePath(QStringLiteral(".aws/credentials")), "[default]\n"));
        QVERIFY(write(home.filePath(QStringLiteral(".aws/config")), ""));
        aws::KeychainSecretStore keychain2(uitest::keychainService);
        ui::Session restarted(settings, keychain2, environment);
        QSignalSpy warnings(&restarted, &ui::Session::warning);
        restarted.load();
        QTRY_COMPARE_WITH_TIMEOUT(restarted.account(QStringLiteral("archive"))->state,
                                  ui::SessionAccount::State::Failed, 15000);
        QVERIFY(!restarted.client(QStringLiteral("archive"), QStringLiteral("eu-west-1")));
        QVERIFY(!restarted.errorString(QStringLiteral("archive"), QStringLiteral("eu-west-1"))
                     .isEmpty());
        QVERIFY(!warnings.isEmpty());
    }

    void malformedFilesAreReported()
    {
        QTemporaryDir home;
        QVERIFY(QDir(home.path()).mkpath(QStringLiteral(".aws")));
        QVERIFY(write(home.filePath(QStringLiteral(".aws/credentials")), "[broken\nkey\n"));
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("HOME"), home.path());
        QSettings settings(home.filePath(QStringLiteral("thaw.ini")), QSettings::IniFormat);
        aws::KeychainSecretStore keychain(uitest::keychainService);
        ui::Session session(settings, keychain, environment);
        ui::ImportProfilesDialog dialog(session, environment);
        QSignalSpy loaded(&dialog, &ui::ImportProfilesDialog::loaded);
        QVERIFY(dialog.isLoaded() || uitest::waitFor(loaded));
        QCOMPARE(dialog.findChild<QListWidget *>(QStringLiteral("profiles"))->count(), 0);
        const QString message = dialog.findChild<QLabel *>(QStringLiteral("message"))->text();
        QVERIFY2(message.contains(QStringLiteral("credentials")), qPrintable(message));
    }
};

QTEST_MAIN(TestImportProfiles)
#include "tst_importprofiles.moc"
