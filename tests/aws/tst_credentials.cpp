// The Credentials value type: accessors, and redaction in toString() and QDebug.
#include "core/aws/credentials.h"
#include "core/aws/credentialsource.h"

#include <QDebug>
#include <QTest>

using thaw::aws::Credentials;
using thaw::aws::CredentialSource;

class TestCredentials final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accessors();
    void redaction_data();
    void redaction();
    void sourceNames_data();
    void sourceNames();
};

void TestCredentials::accessors()
{
    const Credentials credentials(QStringLiteral("AKIDEXAMPLE"), QStringLiteral("s3cr3t"),
                                  QStringLiteral("t0ken"));
    QCOMPARE(credentials.accessKeyId(), QStringLiteral("AKIDEXAMPLE"));
    QCOMPARE(credentials.secretAccessKey(), QStringLiteral("s3cr3t"));
    QCOMPARE(credentials.sessionToken(), QStringLiteral("t0ken"));
    QVERIFY(credentials.hasSessionToken());
    QVERIFY(credentials.isValid());
    QVERIFY(!Credentials().isValid());
    QVERIFY(!Credentials(QStringLiteral("AKID"), {}).isValid());
}

void TestCredentials::redaction_data()
{
    QTest::addColumn<Credentials>("credentials");
    QTest::addColumn<QString>("expected");

    QTest::newRow("key pair") << Credentials(
        QStringLiteral("AKIDEXAMPLE"), QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
                              << QStringLiteral("Credentials(AKIDEXAMPLE, secret <redacted>)");
    QTest::newRow("with token")
        << Credentials(QStringLiteral("ASIAEXAMPLE"), QStringLiteral("secretvalue"),
                       QStringLiteral("FQoGZXIvYXdzEXAMPLETOKEN"))
        << QStringLiteral("Credentials(ASIAEXAMPLE, secret <redacted>, session token <redacted>)");
    QTest::newRow("empty") << Credentials()
                           << QStringLiteral("Credentials(<no key id>, secret <none>)");
}

void TestCredentials::redaction()
{
    QFETCH(Credentials, credentials);
    QFETCH(QString, expected);

    QCOMPARE(credentials.toString(), expected);
    QString printed;
    QDebug(&printed) << credentials;
    QCOMPARE(printed.trimmed(), expected);
    if (!credentials.secretAccessKey().isEmpty())
        QVERIFY(!printed.contains(credentials.secretAccessKey()));
    if (credentials.hasSessionToken())
        QVERIFY(!printed.contains(credentials.sessionToken()));
}

void TestCredentials::sourceNames_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    using Kind = CredentialSource::Kind;
    QTest::newRow("environment") << int(Kind::Environment) << QString()
                                 << QStringLiteral("environment");
    QTest::newRow("credentials file") << int(Kind::SharedCredentialsFile) << QStringLiteral("x")
                                      << QStringLiteral("shared-credentials-file profile x");
    QTest::newRow("config file") << int(Kind::SharedConfigFile) << QStringLiteral("y")
                                 << QStringLiteral("config-file profile y");
    QTest::newRow("account") << int(Kind::ThawAccount) << QStringLiteral("backup")
                             << QStringLiteral("thaw account backup");
}

void TestCredentials::sourceNames()
{
    QFETCH(int, kind);
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE((CredentialSource{CredentialSource::Kind(kind), name, {}}.toString()), expected);
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
