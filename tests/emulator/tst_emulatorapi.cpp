// thaw-emulator as a Glacier: signatures, the version header, errors, ranges and their
// tree-hash header, job life cycle and the inventory formats. Expected hashes come from
// core/crypto's TreeHasher over the known bytes, never from the emulator.
#include "emulatorprocess.h"
#include "glaciertestclient.h"
#include "testdata.h"

#include "core/crypto/sha256.h"
#include "core/crypto/treehasher.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace thaw;

namespace {

constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 ArchiveSize = 5 * MiB + 12345;

QByteArray treeHashHex(QByteArrayView data)
{
    return crypto::toHex(crypto::TreeHasher::hash(data).root);
}

} // namespace

Q_DECLARE_METATYPE(SignOptions)
Q_DECLARE_METATYPE(thaw::aws::HttpHeader)

class TestEmulatorApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void signature_data();
    void signature();
    void versionHeader_data();
    void versionHeader();
    void errors_data();
    void errors();
    void commonHeaders();

    void wholeArchiveJob();
    void outputRanges_data();
    void outputRanges();
    void rangedJobOutput();
    void unalignedJob();
    void listJobsPagination();
    void jobLifecycle();
    void inventoryCsvHostile();
    void inventoryLimitMarker();

private:
    EmulatorProcess m_emulator;
    std::unique_ptr<GlacierTestClient> m_client;
    QByteArray m_data;
    QString m_archiveId;
    QString m_wholeJobId;
};

void TestEmulatorApi::initTestCase()
{
    QVERIFY2(m_emulator.start(), qPrintable(m_emulator.errorString()));
    m_client = std::make_unique<GlacierTestClient>(m_emulator.baseUrl());
    QVERIFY(m_client->createVault(QStringLiteral("vault")));
    m_data = testBytes(ArchiveSize);
    m_archiveId = m_client->upload(QStringLiteral("vault"), m_data, "test archive");
    QVERIFY(!m_archiveId.isEmpty());
    m_wholeJobId = m_client->initiate(
        QStringLiteral("vault"),
        QJsonObject{{QStringLiteral("Type"), QStringLiteral("archive-retrieval")},
                    {QStringLiteral("ArchiveId"), m_archiveId}});
    QVERIFY(!m_wholeJobId.isEmpty());
}

void TestEmulatorApi::signature_data()
{
    QTest::addColumn<SignOptions>("options");
    QTest::addColumn<QByteArray>("pathOnWire");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const QString ok;
    SignOptions o;
    QTest::newRow("valid") << o << QByteArray() << 200 << ok << ok;
    o = {};
    o.sessionToken = QStringLiteral("FwoGZXIvYXdzEXAMPLETOKEN");
    QTest::newRow("session token, signed") << o << QByteArray() << 200 << ok << ok;
    o = {};
    o.date = QDateTime::currentDateTimeUtc().addSecs(-10 * 60);
    QTest::newRow("10 minutes old") << o << QByteArray() << 200 << ok << ok;
    o = {};
    o.secretKey = QStringLiteral("not-the-secret");
    QTest::newRow("wrong secret") << o << QByteArray() << 403
                                  << QStringLiteral("InvalidSignatureException")
                                  << QStringLiteral("The request signature we calculated does "
                                                    "not match the signature you provided");
    o = {};
    o.accessKey = QStringLiteral("AKIAUNKNOWNKEY000000");
    QTest::newRow("unknown access key")
        << o << QByteArray() << 400 << QStringLiteral("UnrecognizedClientException")
        << QStringLiteral("security token");
    o = {};
    o.date = QDateTime::currentDateTimeUtc().addSecs(-20 * 60);
    QTest::newRow("20 minutes old")
        << o << QByteArray() << 403 << QStringLiteral("InvalidSignatureException")
        << QStringLiteral("Signature expired");
    o = {};
    o.date = QDateTime::currentDateTimeUtc().addSecs(20 * 60);
    QTest::newRow("20 minutes ahead")
        << o << QByteArray() << 403 << QStringLiteral("InvalidSignatureException")
        << QStringLiteral("Signature not yet current");
    o = {};
    o.region = QStringLiteral("eu-west-1");
    QTest::newRow("wrong region") << o << QByteArray() << 403
                                  << QStringLiteral("InvalidSignatureException")
                                  << QStringLiteral("valid region");
    o = {};
    o.service = QStringLiteral("s3");
    QTest::newRow("wrong service")
        << o << QByteArray() << 403 << QStringLiteral("InvalidSignatureException")
        << QStringLiteral("correct service");
    o = {};
    o.sign = false;
    QTest::newRow("unsigned") << o << QByteArray() << 400
                              << QStringLiteral("MissingAuthenticationTokenException")
                              << QStringLiteral("Missing Authentication Token");
    o = {};
    QTest::newRow("path changed after signing")
        << o << QByteArray("/-/vaults/vault") << 403 << QStringLiteral("InvalidSignatureException")
        << QStringLiteral("does not match");
}

void TestEmulatorApi::signature()
{
    QFETCH(SignOptions, options);
    QFETCH(QByteArray, pathOnWire);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    options.pathOnWire = pathOnWire;
    const GlacierReply reply = m_client->send("GET", "/-/vaults", {}, {}, options);
    QCOMPARE(reply.status, status);
    if (!code.isEmpty()) {
        QCOMPARE(reply.errorCode(), code);
        QVERIFY2(reply.json().value(QStringLiteral("message")).toString().contains(message),
                 reply.body.constData());
        QCOMPARE(reply.json().value(QStringLiteral("type")).toString(), QStringLiteral("Client"));
    }
}

void TestEmulatorApi::versionHeader_data()
{
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("missing") << QByteArray() << 400
                             << QStringLiteral("MissingParameterValueException");
    QTest::newRow("wrong") << QByteArray("2011-01-01") << 400
                           << QStringLiteral("InvalidParameterValueException");
    QTest::newRow("right") << QByteArray("2012-06-01") << 200 << QString();
}

void TestEmulatorApi::versionHeader()
{
    QFETCH(QByteArray, version);
    QFETCH(int, status);
    QFETCH(QString, code);
    SignOptions options;
    options.version = version;
    const GlacierReply reply = m_client->send("GET", "/-/vaults", {}, {}, options);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
}

void TestEmulatorApi::errors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<aws::HttpHeaders>("headers");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    const aws::HttpHeaders none;
    const QByteArray data = "hello";
    const QByteArray sha = crypto::toHex(crypto::Sha256::hash(data));
    const QByteArray wrong = QByteArray(64, 'a');
    QTest::newRow("unknown vault")
        << QByteArray("GET") << QByteArray("/-/vaults/nope") << QByteArray() << none << 404
        << QStringLiteral("ResourceNotFoundException");
    QTest::newRow("unknown job") << QByteArray("GET") << QByteArray("/-/vaults/vault/jobs/nojob")
                                 << QByteArray() << none << 404
                                 << QStringLiteral("ResourceNotFoundException");
    QTest::newRow("unknown job output")
        << QByteArray("GET") << QByteArray("/-/vaults/vault/jobs/nojob/output") << QByteArray()
        << none << 404 << QStringLiteral("ResourceNotFoundException");
    QTest::newRow("bad statuscode")
        << QByteArray("GET") << QByteArray("/-/vaults/vault/jobs?statuscode=finished")
        << QByteArray() << none << 400 << QStringLiteral("InvalidParameterValueException");
    QTest::newRow("bad job limit")
        << QByteArray("GET") << QByteArray("/-/vaults/vault/jobs?limit=0") << QByteArray() << none
        << 400 << QStringLiteral("InvalidParameterValueException");
    QTest::newRow("bad vault limit")
        << QByteArray("GET") << QByteArray("/-/vaults?limit=11") << QByteArray() << none << 400
        << QStringLiteral("InvalidParameterValueException");
    QTest::newRow("other account")
        << QByteArray("GET") << QByteArray("/999999999999/vaults") << QByteArray() << none << 403
        << QStringLiteral("AccessDeniedException");
    QTest::newRow("bad vault name")
        << QByteArray("PUT") << QByteArray("/-/vaults/bad%20name") << QByteArray() << none << 400
        << QStringLiteral("InvalidParameterValueException");
    QTest::newRow("upload without tree hash")
        << QByteArray("POST") << QByteArray("/-/vaults/vault/archives") << data
        << aws::HttpHeaders{{"x-amz-content-sha256", sha}} << 400
        << QStringLiteral("MissingParameterValueException");
    QTest::newRow("upload tree hash mismatch")
        << QByteArray("POST") << QByteArray("/-/vaults/vault/archives") << data
        << aws::HttpHeaders{{"x-amz-content-sha256", sha}, {"x-amz-sha256-tree-hash", wrong}} << 400
        << QStringLiteral("InvalidParameterValueException");
    QTest::newRow("upload content hash mismatch")
        << QByteArray("POST") << QByteArray("/-/vaults/vault/archives") << data
        << aws::HttpHeaders{{"x-amz-content-sha256", wrong}, {"x-amz-sha256-tree-hash", sha}} << 400
        << QStringLiteral("InvalidParameterValueException");
    QTest::newRow("upload to unknown vault")
        << QByteArray("POST") << QByteArray("/-/vaults/nope/archives") << data
        << aws::HttpHeaders{{"x-amz-content-sha256", sha}, {"x-amz-sha256-tree-hash", sha}} << 404
        << QStringLiteral("ResourceNotFoundException");
    QTest::newRow("unaligned retrieval range")
        << QByteArray("POST") << QByteArray("/-/vaults/vault/jobs")
        << QByteArray(
               R"({"Type":"archive-retrieval","ArchiveId":"%1","RetrievalByteRange":"1-1048576"})")
        << none << 400 << QStringLiteral("InvalidParameterValueException");
    QTest::newRow("unknown archive")
        << QByteArray("POST") << QByteArray("/-/vaults/vault/jobs")
        << QByteArray(R"({"Type":"archive-retrieval","ArchiveId":"nope"})") << none << 404
        << QStringLiteral("ResourceNotFoundException");
    QTest::newRow("bad job type") << QByteArray("POST") << QByteArray("/-/vaults/vault/jobs")
                                  << QByteArray(R"({"Type":"restore"})") << none << 400
                                  << QStringLiteral("InvalidParameterValueException");
    QTest::newRow("bad inventory format")
        << QByteArray("POST") << QByteArray("/-/vaults/vault/jobs")
        << QByteArray(R"({"Type":"inventory-retrieval","Format":"XML"})") << none << 400
        << QStringLiteral("InvalidParameterValueException");
}

void TestEmulatorApi::errors()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(aws::HttpHeaders, headers);
    QFETCH(int, status);
    QFETCH(QString, code);
    body.replace("%1", m_archiveId.toLatin1());
    const GlacierReply reply = m_client->send(method, path, body, headers);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    QVERIFY(!reply.json().value(QStringLiteral("message")).toString().isEmpty());
    QCOMPARE(reply.json().value(QStringLiteral("type")).toString(), QStringLiteral("Client"));
    QVERIFY(!reply.header("x-amzn-RequestId").isEmpty());
}

void TestEmulatorApi::commonHeaders()
{
    const GlacierReply reply = m_client->send("GET", "/-/vaults/vault");
    QCOMPARE(reply.status, 200);
    QVERIFY(!reply.header("x-amzn-RequestId").isEmpty());
    QVERIFY(reply.header("Date").endsWith(" GMT"));
    const QJsonObject vault = reply.json();
    QCOMPARE(vault.value(QStringLiteral("VaultName")).toString(), QStringLiteral("vault"));
    QCOMPARE(vault.value(QStringLiteral("NumberOfArchives")).toInteger(), 1);
    QCOMPARE(vault.value(QStringLiteral("SizeInBytes")).toInteger(), ArchiveSize);
    QVERIFY(vault.value(QStringLiteral("VaultARN"))
                .toString()
                .startsWith(QStringLiteral("arn:aws:glacier:us-east-1:")));
}

void TestEmulatorApi::wholeArchiveJob()
{
    const GlacierReply describe
        = m_client->send("GET", "/-/vaults/vault/jobs/" + m_wholeJobId.toLatin1());
    QCOMPARE(describe.status, 200);
    const QJsonObject job = describe.json();
    QCOMPARE(job.value(QStringLiteral("StatusCode")).toString(), QStringLiteral("Succeeded"));
    QCOMPARE(job.value(QStringLiteral("Completed")).toBool(), true);
    QCOMPARE(job.value(QStringLiteral("Action")).toString(), QStringLiteral("ArchiveRetrieval"));
    QCOMPARE(job.value(QStringLiteral("RetrievalByteRange")).toString(),
             QStringLiteral("0-%1").arg(ArchiveSize - 1));
    QCOMPARE(job.value(QStringLiteral("SHA256TreeHash")).toString().toLatin1(),
             treeHashHex(m_data));
    QCOMPARE(job.value(QStringLiteral("ArchiveSHA256TreeHash")).toString().toLatin1(),
             treeHashHex(m_data));
    QCOMPARE(job.value(QStringLiteral("ArchiveSizeInBytes")).toInteger(), ArchiveSize);
    QVERIFY(!job.value(QStringLiteral("CompletionDate")).toString().isEmpty());
}

void TestEmulatorApi::outputRanges_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<bool>("hashExpected");

    const qint64 end = ArchiveSize - 1;
    const auto r = [](qint64 a, qint64 b) {
        return "bytes=" + QByteArray::number(a) + '-' + QByteArray::number(b);
    };
    QTest::newRow("no range") << QByteArray() << 200 << qint64(0) << end << true;
    QTest::newRow("first MiB") << r(0, MiB - 1) << 206 << qint64(0) << MiB - 1 << true;
    QTest::newRow("second MiB") << r(MiB, 2 * MiB - 1) << 206 << MiB << 2 * MiB - 1 << true;
    QTest::newRow("first 2 MiB") << r(0, 2 * MiB - 1) << 206 << qint64(0) << 2 * MiB - 1 << true;
    QTest::newRow("2 MiB at 1 MiB") << r(MiB, 3 * MiB - 1) << 206 << MiB << 3 * MiB - 1 << false;
    QTest::newRow("last 4 MiB node") << r(4 * MiB, end) << 206 << 4 * MiB << end << true;
    QTest::newRow("last leaf") << r(5 * MiB, end) << 206 << 5 * MiB << end << true;
    QTest::newRow("whole as range") << r(0, end) << 206 << qint64(0) << end << true;
    QTest::newRow("small") << r(100, 199) << 206 << qint64(100) << qint64(199) << false;
    QTest::newRow("open end") << QByteArray("bytes=5242880-") << 206 << 5 * MiB << end << true;
    QTest::newRow("suffix") << QByteArray("bytes=-100") << 206 << end - 99 << end << false;
    QTest::newRow("past the end") << r(ArchiveSize, ArchiveSize + 10) << 416 << qint64(0)
                                  << qint64(-1) << false;
    QTest::newRow("reversed") << r(500, 100) << 416 << qint64(0) << qint64(-1) << false;
}

void TestEmulatorApi::outputRanges()
{
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(bool, hashExpected);
    aws::HttpHeaders headers;
    if (!range.isEmpty())
        headers.append({"Range", range});
    const GlacierReply reply = m_client->send(
        "GET", "/-/vaults/vault/jobs/" + m_wholeJobId.toLatin1() + "/output", {}, headers);
    QCOMPARE(reply.status, status);
    if (status == 416) {
        QCOMPARE(reply.header("Content-Range"), "bytes */" + QByteArray::number(ArchiveSize));
        return;
    }
    const QByteArray expected = m_data.mid(first, last - first + 1);
    QCOMPARE(reply.body.size(), expected.size());
    QVERIFY(reply.body == expected);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/octet-stream"));
    QCOMPARE(reply.header("Accept-Ranges"), QByteArray("bytes"));
    QCOMPARE(reply.header("x-amz-archive-description"), QByteArray("test archive"));
    if (status == 206)
        QCOMPARE(reply.header("Content-Range"), "bytes " + QByteArray::number(first) + '-'
                                                    + QByteArray::number(last) + '/'
                                                    + QByteArray::number(ArchiveSize));
    QCOMPARE(reply.hasHeader("x-amz-sha256-tree-hash"), hashExpected);
    if (hashExpected)
        QCOMPARE(reply.header("x-amz-sha256-tree-hash"), treeHashHex(expected));
}

void TestEmulatorApi::rangedJobOutput()
{
    // Job range [2 MiB, 4 MiB): a tree-hash aligned node; ranges are relative to its output.
    const QString jobId = m_client->initiate(
        QStringLiteral("vault"),
        QJsonObject{{QStringLiteral("Type"), QStringLiteral("archive-retrieval")},
                    {QStringLiteral("ArchiveId"), m_archiveId},
                    {QStringLiteral("RetrievalByteRange"),
                     QStringLiteral("%1-%2").arg(2 * MiB).arg(4 * MiB - 1)}});
    QVERIFY(!jobId.isEmpty());
    const QJsonObject job
        = m_client->send("GET", "/-/vaults/vault/jobs/" + jobId.toLatin1()).json();
    QCOMPARE(job.value(QStringLiteral("SHA256TreeHash")).toString().toLatin1(),
             treeHashHex(m_data.mid(2 * MiB, 2 * MiB)));
    const QByteArray outputPath = "/-/vaults/vault/jobs/" + jobId.toLatin1() + "/output";
    GlacierReply reply = m_client->send("GET", outputPath);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.body == m_data.mid(2 * MiB, 2 * MiB));
    QCOMPARE(reply.header("x-amz-sha256-tree-hash"), treeHashHex(m_data.mid(2 * MiB, 2 * MiB)));
    reply = m_client->send("GET", outputPath, {}, {{"Range", "bytes=1048576-2097151"}});
    QCOMPARE(reply.status, 206);
    QCOMPARE(reply.header("Content-Range"), QByteArray("bytes 1048576-2097151/2097152"));
    QVERIFY(reply.body == m_data.mid(3 * MiB, MiB));
    QCOMPARE(reply.header("x-amz-sha256-tree-hash"), treeHashHex(m_data.mid(3 * MiB, MiB)));
}

void TestEmulatorApi::unalignedJob()
{
    // [1 MiB, 4 MiB) is megabyte aligned but no node of the tree: no checksum anywhere.
    const QString jobId = m_client->initiate(
        QStringLiteral("vault"),
        QJsonObject{{QStringLiteral("Type"), QStringLiteral("archive-retrieval")},
                    {QStringLiteral("ArchiveId"), m_archiveId},
                    {QStringLiteral("RetrievalByteRange"),
                     QStringLiteral("%1-%2").arg(MiB).arg(4 * MiB - 1)}});
    QVERIFY(!jobId.isEmpty());
    const QJsonObject job
        = m_client->send("GET", "/-/vaults/vault/jobs/" + jobId.toLatin1()).json();
    QVERIFY(job.value(QStringLiteral("SHA256TreeHash")).isNull());
    const QByteArray outputPath = "/-/vaults/vault/jobs/" + jobId.toLatin1() + "/output";
    GlacierReply reply = m_client->send("GET", outputPath);
    QVERIFY(reply.body == m_data.mid(MiB, 3 * MiB));
    QVERIFY(!reply.hasHeader("x-amz-sha256-tree-hash"));
    reply = m_client->send("GET", outputPath, {}, {{"Range", "bytes=0-1048575"}});
    QCOMPARE(reply.status, 206);
    QVERIFY(!reply.hasHeader("x-amz-sha256-tree-hash"));
}

void TestEmulatorApi::listJobsPagination()
{
    QVERIFY(m_client->createVault(QStringLiteral("paged")));
    const QString id = m_client->upload(QStringLiteral("paged"), "abc");
    QStringList created;
    for (int i = 0; i < 5; ++i) {
        created << m_client->initiate(
            QStringLiteral("paged"),
            QJsonObject{{QStringLiteral("Type"), QStringLiteral("archive-retrieval")},
                        {QStringLiteral("ArchiveId"), id}});
    }
    QStringList seen;
    QByteArray marker;
    for (int page = 0; page < 10; ++page) {
        QByteArray path = "/-/vaults/paged/jobs?limit=2&completed=true";
        if (!marker.isEmpty())
            path += "&marker=" + marker;
        const QJsonObject list = m_client->send("GET", path).json();
        const QJsonArray jobs = list.value(QStringLiteral("JobList")).toArray();
        QVERIFY(jobs.size() <= 2);
        for (const QJsonValue &job : jobs)
            seen << job.toObject().value(QStringLiteral("JobId")).toString();
        if (list.value(QStringLiteral("Marker")).isNull())
            break;
        marker = list.value(QStringLiteral("Marker")).toString().toLatin1();
    }
    QCOMPARE(seen, created);
    const QJsonObject inProgress
        = m_client->send("GET", "/-/vaults/paged/jobs?statuscode=InProgress").json();
    QCOMPARE(inProgress.value(QStringLiteral("JobList")).toArray().size(), 0);
}

void TestEmulatorApi::jobLifecycle()
{
    EmulatorProcess slow;
    QVERIFY2(slow.start({QStringLiteral("--job-delay"), QStringLiteral("3600")}),
             qPrintable(slow.errorString()));
    GlacierTestClient client(slow.baseUrl());
    QVERIFY(client.createVault(QStringLiteral("v")));
    const QByteArray data = testBytes(3 * MiB);
    const QString archiveId = client.upload(QStringLiteral("v"), data);
    const QString jobId
        = client.initiate(QStringLiteral("v"),
                          QJsonObject{{QStringLiteral("Type"), QStringLiteral("archive-retrieval")},
                                      {QStringLiteral("ArchiveId"), archiveId}});
    QVERIFY(!jobId.isEmpty());
    const QByteArray jobPath = "/-/vaults/v/jobs/" + jobId.toLatin1();

    QJsonObject job = client.send("GET", jobPath).json();
    QCOMPARE(job.value(QStringLiteral("StatusCode")).toString(), QStringLiteral("InProgress"));
    QCOMPARE(job.value(QStringLiteral("Completed")).toBool(), false);
    QVERIFY(job.value(QStringLiteral("SHA256TreeHash")).isNull()); // whole archive, in progress
    QVERIFY(job.value(QStringLiteral("CompletionDate")).isNull());
    GlacierReply output = client.send("GET", jobPath + "/output");
    QCOMPARE(output.status, 400);
    QCOMPARE(output.errorCode(), QStringLiteral("InvalidParameterValueException"));
    QCOMPARE(client.send("GET", "/-/vaults/v/jobs?statuscode=InProgress")
                 .json()
                 .value(QStringLiteral("JobList"))
                 .toArray()
                 .size(),
             1);

    QCOMPARE(
        client.control("POST", "/_thaw/clock", {{QStringLiteral("advanceSeconds"), 3601}}).status,
        200);
    job = client.send("GET", jobPath).json();
    QCOMPARE(job.value(QStringLiteral("StatusCode")).toString(), QStringLiteral("Succeeded"));
    QCOMPARE(job.value(QStringLiteral("SHA256TreeHash")).toString().toLatin1(), treeHashHex(data));
    output = client.send("GET", jobPath + "/output");
    QCOMPARE(output.status, 200);
    QVERIFY(output.body == data);

    // The output stays for 24 hours after completion, then the job is gone.
    client.control("POST", "/_thaw/clock", {{QStringLiteral("advanceSeconds"), 23 * 3600}});
    QCOMPARE(client.send("GET", jobPath + "/output").status, 200);
    client.control("POST", "/_thaw/clock", {{QStringLiteral("advanceSeconds"), 2 * 3600}});
    output = client.send("GET", jobPath + "/output");
    QCOMPARE(output.status, 404);
    QCOMPARE(output.errorCode(), QStringLiteral("ResourceNotFoundException"));
}

void TestEmulatorApi::inventoryCsvHostile()
{
    // Descriptions no upload could carry (Glacier allows printable ASCII only) arrive through
    // --seed-archive, as other tools' odd inventories would.
    const QList<QByteArray> descriptions{"plain",
                                         "my archive description,1",
                                         "my archive description,1\"2",
                                         "my archive description,1\\\"2",
                                         "back\\slash",
                                         "line\nbreak",
                                         "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac",
                                         "\"",
                                         ""};
    QTemporaryDir dir;
    QStringList args;
    for (qsizetype i = 0; i < descriptions.size(); ++i) {
        const QString file = dir.filePath(QStringLiteral("a%1").arg(i));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(testBytes(100 + i, quint32(i)));
        f.close();
        args << QStringLiteral("--seed-archive")
             << QStringLiteral("seeded:%1:%2").arg(file, QString::fromUtf8(descriptions[i]));
    }
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(args), qPrintable(emulator.errorString()));
    GlacierTestClient client(emulator.baseUrl());
    for (const QString &format : {QStringLiteral("CSV"), QStringLiteral("JSON")}) {
        const QString jobId = client.initiate(
            QStringLiteral("seeded"),
            QJsonObject{{QStringLiteral("Type"), QStringLiteral("inventory-retrieval")},
                        {QStringLiteral("Format"), format}});
        QVERIFY(!jobId.isEmpty());
        const GlacierReply reply
            = client.send("GET", "/-/vaults/seeded/jobs/" + jobId.toLatin1() + "/output");
        QCOMPARE(reply.status, 200);
        QVERIFY(!reply.hasHeader("x-amz-sha256-tree-hash"));
        QList<QByteArray> got;
        if (format == u"CSV") {
            QCOMPARE(reply.header("Content-Type"), QByteArray("text/csv"));
            const auto rows = parseAmazonCsv(reply.body);
            QCOMPARE(rows.size(), descriptions.size() + 1);
            QCOMPARE(rows[0], (QList<QByteArray>{"ArchiveId", "ArchiveDescription", "CreationDate",
                                                 "Size", "SHA256TreeHash"}));
            for (qsizetype i = 1; i < rows.size(); ++i) {
                QCOMPARE(rows[i].size(), 5);
                got << rows[i][1];
                QCOMPARE(rows[i][3].toLongLong(), qlonglong(100 + i - 1));
                QCOMPARE(rows[i][4], treeHashHex(testBytes(100 + i - 1, quint32(i - 1))));
            }
            // The documentation's own examples, byte for byte.
            QVERIFY(reply.body.contains(",\"my archive description,1\","));
            QVERIFY(reply.body.contains(",\"my archive description,1\\\"2\","));
            QVERIFY(reply.body.contains(",\"my archive description,1\\\\\"2\","));
            QVERIFY(reply.body.contains(",back\\slash,"));
        } else {
            QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
            const QJsonArray list = QJsonDocument::fromJson(reply.body)
                                        .object()
                                        .value(QStringLiteral("ArchiveList"))
                                        .toArray();
            for (const QJsonValue &a : list)
                got << a.toObject().value(QStringLiteral("ArchiveDescription")).toString().toUtf8();
        }
        QCOMPARE(got, descriptions);
    }
}

void TestEmulatorApi::inventoryLimitMarker()
{
    QVERIFY(m_client->createVault(QStringLiteral("inv")));
    QStringList ids;
    for (int i = 0; i < 5; ++i)
        ids << m_client->upload(QStringLiteral("inv"), testBytes(10 + i));
    QStringList listed;
    QString marker;
    for (int round = 0; round < 5; ++round) {
        QJsonObject inventoryParameters{{QStringLiteral("Limit"), QStringLiteral("2")}};
        if (!marker.isEmpty())
            inventoryParameters.insert(QStringLiteral("Marker"), marker);
        const QString jobId = m_client->initiate(
            QStringLiteral("inv"),
            QJsonObject{{QStringLiteral("Type"), QStringLiteral("inventory-retrieval")},
                        {QStringLiteral("InventoryRetrievalParameters"), inventoryParameters}});
        QVERIFY(!jobId.isEmpty());
        const QByteArray jobPath = "/-/vaults/inv/jobs/" + jobId.toLatin1();
        const QJsonArray list = m_client->send("GET", jobPath + "/output")
                                    .json()
                                    .value(QStringLiteral("ArchiveList"))
                                    .toArray();
        QVERIFY(list.size() <= 2);
        for (const QJsonValue &a : list)
            listed << a.toObject().value(QStringLiteral("ArchiveId")).toString();
        const QJsonObject params = m_client->send("GET", jobPath)
                                       .json()
                                       .value(QStringLiteral("InventoryRetrievalParameters"))
                                       .toObject();
        QCOMPARE(params.value(QStringLiteral("Limit")).toString(), QStringLiteral("2"));
        if (params.value(QStringLiteral("Marker")).isNull())
            break;
        marker = params.value(QStringLiteral("Marker")).toString();
    }
    QCOMPARE(listed, ids);
}

QTEST_GUILESS_MAIN(TestEmulatorApi)
#include "tst_emulatorapi.moc"
