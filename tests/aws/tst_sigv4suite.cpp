// AWS's published SigV4 test suites (tests/data/sigv4, see its README.md), one _data() row per
// case: aws4_testsuite/ through .creq, .sts and .authz; aws-c-auth-v4/ through its header-*
// files. A case that does not apply to header signing for Glacier is listed in the exclusion
// table below with its reason, and coveredOrExcluded() fails on any case directory that is
// neither a row nor listed: nothing is skipped silently.
#include "core/aws/credentials.h"
#include "core/aws/httprequestparser.h"
#include "core/aws/sigv4.h"
#include "core/aws/sigv4signer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <map>

using thaw::aws::Credentials;
using thaw::aws::HttpRequest;
using thaw::aws::sigv4::SessionTokenPlacement;
using thaw::aws::sigv4::SigningResult;

Q_DECLARE_METATYPE(thaw::aws::sigv4::SessionTokenPlacement)

namespace {

const QString AwsSuite = QStringLiteral("aws4_testsuite");
const QString CrtSuite = QStringLiteral("aws-c-auth-v4");

// The suites' fixed parameters (README.md).
const QString AccessKeyId = QStringLiteral("AKIDEXAMPLE");
const QString SecretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
const QString Region = QStringLiteral("us-east-1");
const QString Service = QStringLiteral("service");

// Case directories (relative to the suite folder) that are not data rows, with the reason.
const std::map<QString, QString> &excludedCases()
{
    static const QString s3Rule = QStringLiteral(
        "\"normalize\": false: the S3 rule (path neither normalised nor re-encoded); Thaw signs "
        "for Glacier only, which normalises - its *-normalized twin is a row");
    static const std::map<QString, QString> cases{
        {CrtSuite + QStringLiteral("/get-relative-unnormalized"), s3Rule},
        {CrtSuite + QStringLiteral("/get-relative-relative-unnormalized"), s3Rule},
        {CrtSuite + QStringLiteral("/get-slash-unnormalized"), s3Rule},
        {CrtSuite + QStringLiteral("/get-slash-dot-slash-unnormalized"), s3Rule},
        {CrtSuite + QStringLiteral("/get-slash-pointless-dot-unnormalized"), s3Rule},
        {CrtSuite + QStringLiteral("/get-slashes-unnormalized"), s3Rule},
        {CrtSuite + QStringLiteral("/get-space-unnormalized"), s3Rule},
    };
    return cases;
}

QString suiteRoot()
{
    return QStringLiteral(THAW_TEST_DATA_DIR "/sigv4");
}

// A case is a leaf directory of a suite: the suite folders and the group folders
// (normalize-path/, post-sts-token/) hold sub-directories, cases hold files only.
QStringList caseDirectories(const QString &suite)
{
    QStringList cases;
    const QDir root(suiteRoot());
    QDirIterator it(root.filePath(suite), QDir::Dirs | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (QDir(path).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty())
            cases.append(root.relativeFilePath(path));
    }
    cases.sort();
    return cases;
}

// The cases of a suite that are data rows: every case directory not in the exclusion table.
QStringList rowCases(const QString &suite)
{
    QStringList rows;
    for (const QString &name : caseDirectories(suite)) {
        if (excludedCases().count(name) == 0)
            rows.append(name);
    }
    return rows;
}

// A file's bytes exactly as stored (most have no final newline); empty when missing.
QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readFile(path)).object();
}

// What aws4_testsuite/ leaves to the README: which cases sign with a session token and where
// it goes. The tokens themselves are read from aws-c-auth-v4's context.json of the same case.
struct TokenUse
{
    QString crtTwin;
    SessionTokenPlacement placement;
};

const std::map<QString, TokenUse> &aws4SessionTokens()
{
    static const std::map<QString, TokenUse> uses{
        {AwsSuite + QStringLiteral("/get-vanilla-with-session-token"),
         {QStringLiteral("get-vanilla-with-session-token"), SessionTokenPlacement::Signed}},
        // The .req already carries X-Amz-Security-Token: it is signed and not added twice.
        {AwsSuite + QStringLiteral("/post-sts-token/post-sts-header-before"),
         {QStringLiteral("post-sts-header-before"), SessionTokenPlacement::Signed}},
        {AwsSuite + QStringLiteral("/post-sts-token/post-sts-header-after"),
         {QStringLiteral("post-sts-header-after"), SessionTokenPlacement::AddedAfterSigning}},
    };
    return uses;
}

} // namespace

class TestSigV4Suite final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void awsTestSuite_data();
    void awsTestSuite();
    void crtTestSuite_data();
    void crtTestSuite();
    void coveredOrExcluded_data();
    void coveredOrExcluded();
    void exclusionsExist();
};

void TestSigV4Suite::awsTestSuite_data()
{
    QTest::addColumn<QString>("directory");
    QTest::addColumn<QString>("sessionToken");
    QTest::addColumn<SessionTokenPlacement>("placement");

    for (const QString &name : rowCases(AwsSuite)) {
        QString token;
        SessionTokenPlacement placement = SessionTokenPlacement::Signed;
        if (const auto it = aws4SessionTokens().find(name); it != aws4SessionTokens().end()) {
            const QString context = suiteRoot() + u'/' + CrtSuite + u'/' + it->second.crtTwin
                                    + QStringLiteral("/context.json");
            token = readJson(context)
                        .value(QStringLiteral("credentials"))
                        .toObject()
                        .value(QStringLiteral("token"))
                        .toString();
            QVERIFY2(!token.isEmpty(), qPrintable(context));
            placement = it->second.placement;
        }
        QTest::newRow(qPrintable(name.mid(AwsSuite.size() + 1)))
            << suiteRoot() + u'/' + name << token << placement;
    }
}

void TestSigV4Suite::awsTestSuite()
{
    QFETCH(QString, directory);
    QFETCH(QString, sessionToken);
    QFETCH(SessionTokenPlacement, placement);

    const QString base = directory + u'/' + QFileInfo(directory).fileName();
    const QByteArray req = readFile(base + QStringLiteral(".req"));
    QVERIFY2(!req.isEmpty(), qPrintable(base + QStringLiteral(".req is missing")));
    QString error;
    const std::optional<HttpRequest> request = thaw::aws::parseHttpRequest(req, &error);
    QVERIFY2(request, qPrintable(error));
    // Every .req carries its X-Amz-Date: the date the expected files were signed at.
    const QDateTime dateTime
        = thaw::aws::sigv4::parseAmzDate(thaw::aws::headerValue(request->headers, "X-Amz-Date"));
    QVERIFY(dateTime.isValid());

    const SigningResult result = thaw::aws::sigv4::sign(
        *request, thaw::aws::sigv4::payloadHashOf(*request), dateTime, Region, Service,
        Credentials(AccessKeyId, SecretAccessKey, sessionToken), placement);
    QCOMPARE(result.canonicalRequest, readFile(base + QStringLiteral(".creq")));
    QCOMPARE(result.stringToSign, readFile(base + QStringLiteral(".sts")));
    QCOMPARE(result.authorization, readFile(base + QStringLiteral(".authz")));
}

void TestSigV4Suite::crtTestSuite_data()
{
    QTest::addColumn<QString>("directory");
    for (const QString &name : rowCases(CrtSuite))
        QTest::newRow(qPrintable(name.mid(CrtSuite.size() + 1))) << suiteRoot() + u'/' + name;
}

void TestSigV4Suite::crtTestSuite()
{
    QFETCH(QString, directory);

    const QJsonObject context = readJson(directory + QStringLiteral("/context.json"));
    QVERIFY2(!context.isEmpty(), "context.json is missing or not JSON");
    // Rows must be header signing with the non-S3 path rule; anything else belongs in the
    // exclusion table, with its reason.
    QVERIFY(context.value(QStringLiteral("normalize")).toBool());
    const QJsonObject keys = context.value(QStringLiteral("credentials")).toObject();
    const Credentials credentials(keys.value(QStringLiteral("access_key_id")).toString(),
                                  keys.value(QStringLiteral("secret_access_key")).toString(),
                                  keys.value(QStringLiteral("token")).toString());
    const QDateTime dateTime
        = QDateTime::fromString(context.value(QStringLiteral("timestamp")).toString(), Qt::ISODate);
    QVERIFY(dateTime.isValid());
    const SessionTokenPlacement placement
        = context.value(QStringLiteral("omit_session_token")).toBool()
              ? SessionTokenPlacement::AddedAfterSigning
              : SessionTokenPlacement::Signed;

    QString error;
    std::optional<HttpRequest> request
        = thaw::aws::parseHttpRequest(readFile(directory + QStringLiteral("/request.txt")), &error);
    QVERIFY2(request, qPrintable(error));
    // request.txt has no X-Amz-Date: the signer adds it. With "sign_body" the payload hash is
    // also sent, and signed, as x-amz-content-sha256.
    QVERIFY(!thaw::aws::hasHeader(request->headers, "X-Amz-Date"));
    const QByteArray payloadHash = thaw::aws::sigv4::payloadHash(request->body);
    if (context.value(QStringLiteral("sign_body")).toBool())
        request->headers.append({QByteArrayLiteral("x-amz-content-sha256"), payloadHash});

    const SigningResult result = thaw::aws::sigv4::sign(
        *request, payloadHash, dateTime, context.value(QStringLiteral("region")).toString(),
        context.value(QStringLiteral("service")).toString(), credentials, placement);
    QCOMPARE(result.canonicalRequest,
             readFile(directory + QStringLiteral("/header-canonical-request.txt")));
    QCOMPARE(result.stringToSign,
             readFile(directory + QStringLiteral("/header-string-to-sign.txt")));
    QCOMPARE(result.signature, readFile(directory + QStringLiteral("/header-signature.txt")));
    QCOMPARE(result.headersToAdd.first().name, QByteArray("X-Amz-Date"));
    QCOMPARE(result.headersToAdd.first().value, QByteArray("20150830T123600Z"));
}

void TestSigV4Suite::coveredOrExcluded_data()
{
    QTest::addColumn<QString>("suite");
    QTest::addColumn<int>("expectedRows");
    // The counts pin the suites down: a case lost by the directory walk fails here too.
    QTest::newRow("aws4_testsuite") << AwsSuite << 34;
    QTest::newRow("aws-c-auth-v4") << CrtSuite << 31; // 38 cases, 7 excluded
}

void TestSigV4Suite::coveredOrExcluded()
{
    QFETCH(QString, suite);
    QFETCH(int, expectedRows);

    const QStringList rows = rowCases(suite);
    QCOMPARE(rows.size(), expectedRows);
    // Every directory that holds a case's files is a row or an exclusion.
    const QDir root(suiteRoot());
    QDirIterator it(root.filePath(suite), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString directory = root.relativeFilePath(QFileInfo(file).path());
        if (directory == suite)
            continue; // LICENSE and NOTICE
        if (!QDir(root.filePath(directory)).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty())
            continue; // a group folder's note (normalize-path.txt, readme.txt)
        QVERIFY2(rows.contains(directory) || excludedCases().count(directory) == 1,
                 qPrintable(directory + QStringLiteral(" is neither a row nor excluded")));
    }
    // And every row has the files its test function reads.
    for (const QString &name : rows) {
        const QDir dir(root.filePath(name));
        const QStringList needed
            = suite == AwsSuite
                  ? QStringList{dir.dirName() + QStringLiteral(".req"),
                                dir.dirName() + QStringLiteral(".creq"),
                                dir.dirName() + QStringLiteral(".sts"),
                                dir.dirName() + QStringLiteral(".authz")}
                  : QStringList{QStringLiteral("context.json"), QStringLiteral("request.txt"),
                                QStringLiteral("header-canonical-request.txt"),
                                QStringLiteral("header-string-to-sign.txt"),
                                QStringLiteral("header-signature.txt")};
        for (const QString &file : needed)
            QVERIFY2(dir.exists(file), qPrintable(name + u'/' + file));
    }
}

void TestSigV4Suite::exclusionsExist()
{
    // No stale entries: each exclusion names a real case, with a reason.
    for (const auto &[name, reason] : excludedCases()) {
        QVERIFY2(caseDirectories(name.section(u'/', 0, 0)).contains(name), qPrintable(name));
        QVERIFY(!reason.isEmpty());
    }
    QCOMPARE(excludedCases().size(), size_t(7));
}

QTEST_GUILESS_MAIN(TestSigV4Suite)
#include "tst_sigv4suite.moc"
