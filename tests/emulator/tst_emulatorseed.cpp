// thaw-emulator --seed FILE.json: vaults, archives and jobs in every state (InProgress,
// Succeeded, Failed, about to expire, expired) as Describe Vault, List Jobs and Get Job Output
// report them; bad seed files are refused with a message.
#include "emulatorprocess.h"
#include "glaciertestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString writeSeed(const QTemporaryDir &dir, const QJsonObject &seed)
{
    const QString path = dir.filePath(QStringLiteral("seed.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QJsonDocument(seed).toJson());
    return path;
}

QJsonObject job(const char *type, const char *status, double created, double completed)
{
    return QJsonObject{{QStringLiteral("type"), QString::fromLatin1(type)},
                       {QStringLiteral("status"), QString::fromLatin1(status)},
                       {QStringLiteral("creationDate"), created},
                       {QStringLiteral("completionDate"), completed}};
}

} // namespace

class TestEmulatorSeed final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedsVaultsArchivesAndJobs()
    {
        QTemporaryDir dir;
        QJsonObject archiveRetrieval = job("archive-retrieval", "InProgress", -600, 7200);
        archiveRetrieval.insert(QStringLiteral("archive"), 1);
        archiveRetrieval.insert(QStringLiteral("tier"), QStringLiteral("Bulk"));
        QJsonObject failed = job("archive-retrieval", "Failed", -7200, -3600);
        failed.insert(QStringLiteral("archive"), 0);
        failed.insert(QStringLiteral("statusMessage"), QStringLiteral("Seeded failure"));
        QJsonObject expiring = job("archive-retrieval", "Succeeded", -90000, -85000);
        expiring.insert(QStringLiteral("archive"), 1);
        QJsonObject expired = job("archive-retrieval", "Succeeded", -200000, -100000);
        expired.insert(QStringLiteral("archive"), 1);
        const QJsonObject seed{
            {QStringLiteral("vaults"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("name"), QStringLiteral("photos")},
                 {QStringLiteral("creationDate"), QStringLiteral("2019-03-01T10:00:00Z")},
                 {QStringLiteral("archives"),
                  QJsonArray{QJsonObject{{QStringLiteral("description"),
                                          QStringLiteral("<m><v>4</v><p>cGhvdG9z</p></m>")},
                                         {QStringLiteral("content"), QStringLiteral("hello")}},
                             QJsonObject{{QStringLiteral("description"), QStringLiteral("b.tar")},
                                         {QStringLiteral("size"), 3 * 1048576 + 5}}}},
                 {QStringLiteral("jobs"),
                  QJsonArray{job("inventory-retrieval", "Succeeded", -7200, -3600),
                             archiveRetrieval, failed, expiring, expired}}}}}};
        EmulatorProcess emulator;
        QVERIFY2(emulator.start({QStringLiteral("--seed"), writeSeed(dir, seed)}),
                 qPrintable(emulator.errorString()));
        GlacierTestClient client(emulator.baseUrl());

        const GlacierReply vault = client.send("GET", "/-/vaults/photos");
        QCOMPARE(vault.status, 200);
        const QJsonObject v = vault.json();
        QCOMPARE(v.value(QStringLiteral("NumberOfArchives")).toInt(), 2);
        QCOMPARE(qint64(v.value(QStringLiteral("SizeInBytes")).toDouble()), 5 + 3 * 1048576 + 5);
        QCOMPARE(v.value(QStringLiteral("CreationDate")).toString().left(19),
                 QStringLiteral("2019-03-01T10:00:00"));
        QVERIFY(!v.value(QStringLiteral("LastInventoryDate")).isNull());

        const GlacierReply list = client.send("GET", "/-/vaults/photos/jobs");
        QCOMPARE(list.status, 200);
        const QJsonArray jobs = list.json().value(QStringLiteral("JobList")).toArray();
        QCOMPARE(jobs.size(), 5);
        QStringList statuses;
        for (const QJsonValue &j : jobs)
            statuses.append(j.toObject().value(QStringLiteral("StatusCode")).toString());
        QCOMPARE(statuses, (QStringList{QStringLiteral("Succeeded"), QStringLiteral("InProgress"),
                                        QStringLiteral("Failed"), QStringLiteral("Succeeded"),
                                        QStringLiteral("Succeeded")}));
        const QJsonObject failedJob = jobs.at(2).toObject();
        QCOMPARE(failedJob.value(QStringLiteral("StatusMessage")).toString(),
                 QStringLiteral("Seeded failure"));
        QCOMPARE(failedJob.value(QStringLiteral("Completed")).toBool(), true);
        QCOMPARE(jobs.at(1).toObject().value(QStringLiteral("Tier")).toString(),
                 QStringLiteral("Bulk"));
        QCOMPARE(jobs.at(1).toObject().value(QStringLiteral("Completed")).toBool(), false);

        const GlacierReply onlyFailed
            = client.send("GET", "/-/vaults/photos/jobs?statuscode=Failed");
        QCOMPARE(onlyFailed.json().value(QStringLiteral("JobList")).toArray().size(), 1);

        auto output = [&](int index) {
            const QByteArray id
                = jobs.at(index).toObject().value(QStringLiteral("JobId")).toString().toLatin1();
            return client.send("GET", "/-/vaults/photos/jobs/" + id + "/output");
        };
        // The inventory lists both archives with their descriptions.
        const GlacierReply inventory = output(0);
        QCOMPARE(inventory.status, 200);
        const QJsonArray archives = inventory.json().value(QStringLiteral("ArchiveList")).toArray();
        QCOMPARE(archives.size(), 2);
        QCOMPARE(archives.at(0).toObject().value(QStringLiteral("ArchiveDescription")).toString(),
                 QStringLiteral("<m><v>4</v><p>cGhvdG9z</p></m>"));
        QCOMPARE(output(1).status, 400);       // in progress
        QCOMPARE(output(2).status, 400);       // failed: no output
        const GlacierReply almost = output(3); // 23.6 h after completion: still there
        QCOMPARE(almost.status, 200);
        QCOMPARE(almost.body.size(), 3 * 1048576 + 5);
        QVERIFY(almost.body.startsWith("photos/1: thaw-emulator demo data\n"));
        QCOMPARE(output(4).status, 404); // past the 24-hour window
    }

    void refusesBadSeeds_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("{") << QStringLiteral("not a JSON object");
        QTest::newRow("no vaults") << QByteArray("{}") << QStringLiteral("no \"vaults\" array");
        QTest::newRow("bad name") << QByteArray(R"({"vaults":[{"name":"a b"}]})")
                                  << QStringLiteral("not a valid vault name");
        QTest::newRow("bad status") << QByteArray(
            R"({"vaults":[{"name":"v","jobs":[{"type":"inventory-retrieval","status":"Done"}]}]})")
                                    << QStringLiteral("status must be");
        QTest::newRow("archive index") << QByteArray(
            R"({"vaults":[{"name":"v","jobs":[{"type":"archive-retrieval","archive":3}]}]})")
                                       << QStringLiteral("\"archive\" is not the index");
        QTest::newRow("in progress in the past") << QByteArray(
            R"({"vaults":[{"name":"v","jobs":[{"type":"inventory-retrieval","status":"InProgress","completionDate":-5}]}]})")
                                                 << QStringLiteral("completes in the future");
        QTest::newRow("bad date") << QByteArray(
            R"({"vaults":[{"name":"v","creationDate":"yesterday"}]})")
                                  << QStringLiteral("neither an ISO 8601 date");
        QTest::newRow("huge archive")
            << QByteArray(R"({"vaults":[{"name":"v","archives":[{"size":1e12}]}]})")
            << QStringLiteral("size outside");
    }
    void refusesBadSeeds()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("seed.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json);
        file.close();
        EmulatorProcess emulator;
        QVERIFY(!emulator.start({QStringLiteral("--seed"), path}, 5000));
        QVERIFY2(emulator.errorString().contains(message), qPrintable(emulator.errorString()));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorSeed)
#include "tst_emulatorseed.moc"
