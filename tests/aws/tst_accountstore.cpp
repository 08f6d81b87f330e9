// AccountStore's optional fields (endpoint URL, linked ~/.aws profile): written only when set,
// read back as written, and absent from files written before they existed.
#include "core/aws/accountstore.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using thaw::aws::Account;
using thaw::aws::AccountStore;

class TestAccountStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("endpointUrl");
        QTest::addColumn<QString>("profile");
        QTest::newRow("plain") << QString() << QString();
        QTest::newRow("endpoint") << QStringLiteral("http://127.0.0.1:9000") << QString();
        QTest::newRow("profile") << QString() << QStringLiteral("work");
        QTest::newRow("both") << QStringLiteral("https://glacier.example.net")
                              << QStringLiteral("archive-ro");
    }
    void roundTrip()
    {
        QFETCH(QString, endpointUrl);
        QFETCH(QString, profile);
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("thaw.ini")), QSettings::IniFormat);
        AccountStore store(settings);
        Account account{QStringLiteral("backup"), QStringLiteral("AKIDEXAMPLE"),
                        QStringLiteral("eu-west-1")};
        account.endpointUrl = endpointUrl;
        account.profile = profile;
        QString error;
        QVERIFY2(store.save(account, &error), qPrintable(error));
        settings.sync();

        QSettings reread(dir.filePath(QStringLiteral("thaw.ini")), QSettings::IniFormat);
        const std::optional<Account> back = AccountStore(reread).account(account.name);
        QVERIFY(back);
        QCOMPARE(*back, account);
        QCOMPARE(reread.contains(QStringLiteral("accounts/backup/endpointUrl")),
                 !endpointUrl.isEmpty());
        QCOMPARE(reread.contains(QStringLiteral("accounts/backup/profile")), !profile.isEmpty());
    }

    void clearingAnOptionalFieldRemovesIt()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("thaw.ini")), QSettings::IniFormat);
        AccountStore store(settings);
        Account account{QStringLiteral("a"), QStringLiteral("AKID"), QStringLiteral("us-east-1")};
        account.endpointUrl = QStringLiteral("http://localhost:1");
        QVERIFY(store.save(account, nullptr));
        account.endpointUrl.clear();
        QVERIFY(store.save(account, nullptr));
        QVERIFY(!settings.contains(QStringLiteral("accounts/a/endpointUrl")));
        QCOMPARE(store.account(QStringLiteral("a"))->endpointUrl, QString());
    }

    void fileWithoutTheNewKeysReadsAsBefore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.ini"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("[accounts]\nold\\accessKeyId=AKIDOLD\nold\\region=us-west-2\n");
        }
        QSettings settings(path, QSettings::IniFormat);
        const std::optional<Account> old = AccountStore(settings).account(QStringLiteral("old"));
        QVERIFY(old);
        QCOMPARE(*old, (Account{QStringLiteral("old"), QStringLiteral("AKIDOLD"),
                                QStringLiteral("us-west-2")}));
    }
};

QTEST_GUILESS_MAIN(TestAccountStore)
#include "tst_accountstore.moc"
