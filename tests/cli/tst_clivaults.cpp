#include "clitestsupport.h"

#include <QtTest>

// thaw-cli's vault commands (create-vault, list-vaults, describe-vault, upload-archive) and the
// errors every Glacier command shares (AWS errors, credentials, usage, endpoint), against
// thaw-emulator.
class TestCliVaults final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void createAndDescribeVault();
    void listVaultsFollowsEveryPage();
    void listVaultsOnePageWithLimitAndMarker();
    void uploadArchivePrintsTreeHash();
    void textOutput();
    void errors_data();
    void errors();
    void noCredentials();
    void insecureEndpointRefused();

private:
    // Seeded vaults: the ListVaults page holds 10, so 12 need two pages.
    static constexpr int SeededVaults = 12;
    static QString seededVault(int i)
    {
        return QStringLiteral("seeded-%1").arg(i, 2, 10, QLatin1Char('0'));
    }

    EmulatorProcess m_emulator;
    std::unique_ptr<CliRunner> m_cli;
    std::unique_ptr<EmulatorControl> m_control;
    QTemporaryDir m_seedDir;
};

void TestCliVaults::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString seed = m_seedDir.filePath(QStringLiteral("seed.bin"));
    QVERIFY(writeFile(seed, testData(1000, 1)));
    QStringList arguments;
    for (int i = 0; i < SeededVaults; ++i)
        arguments << QStringLiteral("--seed-archive") << seededVault(i) + QLatin1Char(':') + seed;
    QVERIFY2(m_emulator.start(arguments), qPrintable(m_emulator.errorString()));
    m_cli = std::make_unique<CliRunner>(m_emulator);
    m_control = std::make_unique<EmulatorControl>(m_emulator.baseUrl());
}

void TestCliVaults::createAndDescribeVault()
{
    const CliRun created = m_cli->run({"create-vault", "--vault-name", "cli-new"});
    QVERIFY2(created.exitCode == 0, created.describe());
    QCOMPARE(created.value("location"), QStringLiteral("/123456789012/vaults/cli-new"));

    const CliRun described = m_cli->run({"describe-vault", "--vault-name", "cli-new"});
    QVERIFY2(described.exitCode == 0, described.describe());
    const QJsonObject vault = described.json();
    QCOMPARE(vault.value("VaultName").toString(), QStringLiteral("cli-new"));
    QCOMPARE(vault.value("VaultARN").toString(),
             QStringLiteral("arn:aws:glacier:us-east-1:123456789012:vaults/cli-new"));
    QCOMPARE(vault.value("NumberOfArchives").toInt(-1), 0);
    QCOMPARE(vault.value("SizeInBytes").toInt(-1), 0);
    QVERIFY(vault.contains("CreationDate"));

    // Creating it again succeeds, as in AWS (Create Vault is idempotent).
    const CliRun again = m_cli->run({"create-vault", "--vault-name", "cli-new"});
    QVERIFY2(again.exitCode == 0, again.describe());
}

void TestCliVaults::listVaultsFollowsEveryPage()
{
    QVERIFY(m_control->resetCounters());
    const CliRun run = m_cli->run({"list-vaults"});
    QVERIFY2(run.exitCode == 0, run.describe());
    QStringList names;
    for (const QJsonValue &vault : run.json().value("VaultList").toArray())
        names << vault.toObject().value("VaultName").toString();
    for (int i = 0; i < SeededVaults; ++i)
        QVERIFY2(names.contains(seededVault(i)), qPrintable(names.join(',')));
    QCOMPARE(names.removeDuplicates(), 0);
    QVERIFY(!run.json().contains("Marker"));
    // 12 or 13 vaults at 10 a page: two requests.
    QCOMPARE(m_control->requests("ListVaults"), 2);
}

void TestCliVaults::listVaultsOnePageWithLimitAndMarker()
{
    const CliRun first = m_cli->run({"list-vaults", "--limit", "5"});
    QVERIFY2(first.exitCode == 0, first.describe());
    const QJsonArray firstPage = first.json().value("VaultList").toArray();
    QCOMPARE(firstPage.size(), 5);
    const QString marker = first.value("Marker");
    QCOMPARE(marker, firstPage.last().toObject().value("VaultARN").toString());

    const CliRun second = m_cli->run({"list-vaults", "--limit", "5", "--marker", marker});
    QVERIFY2(second.exitCode == 0, second.describe());
    const QJsonArray secondPage = second.json().value("VaultList").toArray();
    QCOMPARE(secondPage.size(), 5);
    QVERIFY(secondPage.first().toObject().value("VaultName").toString()
            > firstPage.last().toObject().value("VaultName").toString());
}

void TestCliVaults::uploadArchivePrintsTreeHash()
{
    // Three leaves, the last one short, so the tree has an odd node.
    const QByteArray data = testData(2 * 1024 * 1024 + 12345, 7);
    const QString path = m_cli->tempPath(QStringLiteral("archive.bin"));
    QVERIFY(writeFile(path, data));
    const CliRun run = m_cli->run({"upload-archive", "--vault-name", seededVault(0), "--body", path,
                                   "--archive-description", "cli test, \"quoted\""});
    QVERIFY2(run.exitCode == 0, run.describe());
    const QString archiveId = run.value("archiveId");
    QVERIFY(!archiveId.isEmpty());
    QCOMPARE(run.value("checksum"), treeHashHex(data));
    QCOMPARE(run.value("location"),
             QStringLiteral("/123456789012/vaults/%1/archives/%2").arg(seededVault(0), archiveId));
}

void TestCliVaults::textOutput()
{
    const CliRun run
        = m_cli->run({"describe-vault", "--vault-name", seededVault(1), "--output", "text"});
    QVERIFY2(run.exitCode == 0, run.describe());
    QVERIFY2(run.out.contains("VaultName\t" + seededVault(1).toLatin1() + '\n'), run.out);
}

void TestCliVaults::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("secret"); // empty: the right one
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrContains");

    QTest::newRow("unknown vault")
        << QStringList{"describe-vault", "--vault-name", "no-such-vault"} << QString() << 4
        << QStringLiteral("An error occurred (ResourceNotFoundException) when calling the "
                          "DescribeVault operation: ");
    QTest::newRow("bad secret") << QStringList{"list-vaults"} << QStringLiteral("wrong-secret") << 4
                                << QStringLiteral("An error occurred (InvalidSignatureException) "
                                                  "when calling the ListVaults operation: ");
    QTest::newRow("unknown option")
        << QStringList{"list-vaults", "--no-such-option"} << QString() << 2 << QString();
    QTest::newRow("unknown command") << QStringList{"list-vaultz"} << QString() << 2 << QString();
    QTest::newRow("missing vault name")
        << QStringList{"describe-vault"} << QString() << 2 << QStringLiteral("--vault-name");
    QTest::newRow("bad limit") << QStringList{"list-vaults", "--limit", "zero"} << QString() << 2
                               << QStringLiteral("--limit");
    QTest::newRow("bad output") << QStringList{"list-vaults", "--output", "yaml"} << QString() << 2
                                << QString();
    QTest::newRow("unreadable body")
        << QStringList{"upload-archive", "--vault-name", seededVault(0), "--body",
                       "/nonexistent/archive.bin"}
        << QString() << 3 << QStringLiteral("/nonexistent/archive.bin");
    QTest::newRow("non-ascii description") << QStringList{"upload-archive",
                                                          "--vault-name",
                                                          seededVault(0),
                                                          "--body",
                                                          "x",
                                                          "--archive-description",
                                                          QStringLiteral("caf\u00e9")}
                                           << QString() << 2 << QStringLiteral("printable ASCII");
}

void TestCliVaults::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, secret);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrContains);

    QProcessEnvironment environment = m_cli->environment();
    if (!secret.isEmpty())
        environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), secret);
    const CliRun run = CliRunner::runRaw(
        arguments + QStringList{QStringLiteral("--endpoint-url"), m_cli->endpoint()}, environment);
    QVERIFY2(run.exitCode == exitCode, run.describe());
    QVERIFY2(QString::fromUtf8(run.err).contains(stderrContains), run.describe());
    if (exitCode != 0)
        QVERIFY2(run.out.isEmpty(), run.describe());
}

void TestCliVaults::noCredentials()
{
    QProcessEnvironment environment = m_cli->environment();
    environment.remove(QStringLiteral("AWS_ACCESS_KEY_ID"));
    environment.remove(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    QVERIFY(m_control->resetCounters());
    const CliRun run
        = CliRunner::runRaw({"list-vaults", "--endpoint-url", m_cli->endpoint()}, environment);
    QVERIFY2(run.exitCode == 7, run.describe());
    QVERIFY(!run.err.isEmpty());
    QCOMPARE(m_control->counters().value("totalRequests").toInt(-1), 0);

    // A profile that does not exist is a configuration error too.
    const CliRun profile = m_cli->run({"list-vaults", "--profile", "nobody"});
    QVERIFY2(profile.exitCode == 7, profile.describe());
}

void TestCliVaults::insecureEndpointRefused()
{
    // 192.0.2.1 is TEST-NET-1: nothing answers there, so a request would hang or fail with
    // another code; the refusal comes before any connection.
    QElapsedTimer timer;
    timer.start();
    const CliRun run = CliRunner::runRaw({"list-vaults", "--endpoint-url", "http://192.0.2.1:9/"},
                                         m_cli->environment());
    QVERIFY2(run.exitCode == 2, run.describe());
    QVERIFY2(run.err.contains("refusing plain http://"), run.describe());
    QVERIFY(timer.elapsed() < 10000);
}

QTEST_GUILESS_MAIN(TestCliVaults)
#include "tst_clivaults.moc"
