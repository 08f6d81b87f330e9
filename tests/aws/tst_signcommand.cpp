// thaw-cli sign, run as a process: suite requests on stdin, credentials from the environment
// only (config files pointed at paths that do not exist, HOME at an empty folder).
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString AccessKeyId = QStringLiteral("AKIDEXAMPLE");
const QString SecretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
const QString VanillaToken
    = QStringLiteral("6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267");

constexpr int UsageError = 2;
constexpr int ConfigError = 7;

QString suiteDir()
{
    return QStringLiteral(THAW_TEST_DATA_DIR "/sigv4/aws4_testsuite");
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// The path of a suite case's file, e.g. caseFile("get-vanilla", "authz").
QString caseFile(const QString &relativeDir, const QString &suffix)
{
    const QString dir = suiteDir() + u'/' + relativeDir;
    return dir + u'/' + QFileInfo(dir).fileName() + u'.' + suffix;
}

struct Result
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestSignCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signsSuiteRequest_data();
    void signsSuiteRequest();
    void verbose();
    void dateOption_data();
    void dateOption();
    void dateDefaultsToNow();
    void errors_data();
    void errors();
    void debugShowsLogLines();

private:
    Result run(const QStringList &arguments, const QByteArray &input,
               const QProcessEnvironment &environment) const;
    QProcessEnvironment environment(bool withKeys, const QString &sessionToken = {}) const;

    QTemporaryDir m_home;
};

void TestSignCommand::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(QFileInfo::exists(QStringLiteral(THAW_CLI_PATH)));
}

QProcessEnvironment TestSignCommand::environment(bool withKeys, const QString &sessionToken) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(QLatin1String("AWS_")))
            env.remove(name);
    }
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), m_home.filePath(QStringLiteral("no-config")));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
               m_home.filePath(QStringLiteral("no-credentials")));
    if (withKeys) {
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), AccessKeyId);
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), SecretAccessKey);
    }
    if (!sessionToken.isEmpty())
        env.insert(QStringLiteral("AWS_SESSION_TOKEN"), sessionToken);
    return env;
}

Result TestSignCommand::run(const QStringList &arguments, const QByteArray &input,
                            const QProcessEnvironment &environment) const
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(THAW_CLI_PATH), QStringList{QStringLiteral("sign")} + arguments);
    Result result;
    if (!process.waitForStarted(10000))
        return result;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(5000);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void TestSignCommand::signsSuiteRequest_data()
{
    QTest::addColumn<QString>("caseDir");
    QTest::addColumn<QString>("sessionToken");

    // Every aws4_testsuite case. Its .req carries X-Amz-Date (and, in post-sts-header-before,
    // the token); get-vanilla-with-session-token takes its token from the environment;
    // post-sts-header-after is signed without one (the token is added after signing).
    QDirIterator it(suiteDir(), {QStringLiteral("*.req")}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList cases;
    while (it.hasNext())
        cases.append(QDir(suiteDir()).relativeFilePath(QFileInfo(it.next()).path()));
    cases.sort();
    QCOMPARE(cases.size(), 34);
    for (const QString &name : cases) {
        const QString token
            = name == QLatin1String("get-vanilla-with-session-token") ? VanillaToken : QString();
        QTest::newRow(qPrintable(name)) << name << token;
    }
}

void TestSignCommand::signsSuiteRequest()
{
    QFETCH(QString, caseDir);
    QFETCH(QString, sessionToken);

    const Result result
        = run({QStringLiteral("--region"), QStringLiteral("us-east-1"), QStringLiteral("--service"),
               QStringLiteral("service")},
              readFile(caseFile(caseDir, QStringLiteral("req"))), environment(true, sessionToken));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    // Without --debug, Thaw's log lines stay off: stderr is empty.
    QCOMPARE(result.err, QByteArray());
    QVERIFY(result.out.endsWith('\n'));
    const QByteArray lastLine = result.out.chopped(1).split('\n').last();
    QCOMPARE(lastLine, readFile(caseFile(caseDir, QStringLiteral("authz"))));
}

void TestSignCommand::verbose()
{
    const QString caseDir = QStringLiteral("get-vanilla-with-session-token");
    const Result result
        = run({QStringLiteral("--verbose"), QStringLiteral("--region"), QStringLiteral("us-east-1"),
               QStringLiteral("--service"), QStringLiteral("service")},
              readFile(caseFile(caseDir, QStringLiteral("req"))), environment(true, VanillaToken));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QByteArray expected
        = "--- canonical request ---\n" + readFile(caseFile(caseDir, QStringLiteral("creq")))
          + "\n--- string to sign ---\n" + readFile(caseFile(caseDir, QStringLiteral("sts")))
          + "\n--- authorization ---\n" + readFile(caseFile(caseDir, QStringLiteral("authz")))
          + '\n';
    QCOMPARE(result.out, expected);
    QVERIFY(!result.out.contains(SecretAccessKey.toUtf8()));
    QVERIFY(!result.err.contains(SecretAccessKey.toUtf8()));
}

void TestSignCommand::dateOption_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("date");

    const QByteArray vanilla
        = readFile(caseFile(QStringLiteral("get-vanilla"), QStringLiteral("req")));
    QByteArray withoutDate = vanilla;
    withoutDate.replace("\nX-Amz-Date:20150830T123600Z", "");
    QVERIFY(!withoutDate.contains("X-Amz-Date"));
    // --date stands in for the missing header, which is added and signed.
    QTest::newRow("--date when the request has none")
        << withoutDate << QStringLiteral("20150830T123600Z");
    // The request's own X-Amz-Date wins: the server checks the signature against it.
    QTest::newRow("X-Amz-Date header wins over --date")
        << vanilla << QStringLiteral("20200101T000000Z");
}

void TestSignCommand::dateOption()
{
    QFETCH(QByteArray, request);
    QFETCH(QString, date);
    const Result result
        = run({QStringLiteral("--date"), date, QStringLiteral("--region"),
               QStringLiteral("us-east-1"), QStringLiteral("--service"), QStringLiteral("service")},
              request, environment(true));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(result.out,
             readFile(caseFile(QStringLiteral("get-vanilla"), QStringLiteral("authz"))) + '\n');
}

void TestSignCommand::dateDefaultsToNow()
{
    const QByteArray request = "GET /-/vaults HTTP/1.1\nHost:glacier.eu-west-1.amazonaws.com\n"
                               "x-amz-glacier-version:2012-06-01\n";
    const QDate before = QDateTime::currentDateTimeUtc().date();
    const Result result = run({QStringLiteral("--region"), QStringLiteral("eu-west-1"),
                               QStringLiteral("--service"), QStringLiteral("glacier")},
                              request, environment(true));
    const QDate after = QDateTime::currentDateTimeUtc().date();
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QRegularExpression pattern(QStringLiteral(
        "^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/(\\d{8})/eu-west-1/glacier/aws4_request, "
        "SignedHeaders=host;x-amz-date;x-amz-glacier-version, Signature=[0-9a-f]{64}\n$"));
    const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(result.out));
    QVERIFY2(match.hasMatch(), result.out.constData());
    const QString day = match.captured(1);
    QVERIFY(day == before.toString(QStringLiteral("yyyyMMdd"))
            || day == after.toString(QStringLiteral("yyyyMMdd")));
}

void TestSignCommand::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("withKeys");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    const QByteArray vanilla
        = readFile(caseFile(QStringLiteral("get-vanilla"), QStringLiteral("req")));
    const QStringList regionService{QStringLiteral("--region"), QStringLiteral("us-east-1"),
                                    QStringLiteral("--service"), QStringLiteral("service")};

    QTest::newRow("no --region") << QStringList{QStringLiteral("--service"),
                                                QStringLiteral("service")}
                                 << vanilla << true << UsageError
                                 << QStringLiteral("thaw-cli: sign needs --region");
    QTest::newRow("no --service") << QStringList{QStringLiteral("--region"),
                                                 QStringLiteral("us-east-1")}
                                  << vanilla << true << UsageError
                                  << QStringLiteral("thaw-cli: sign needs --service");
    QTest::newRow("bad --date")
        << regionService + QStringList{QStringLiteral("--date"), QStringLiteral("2015-08-30")}
        << vanilla << true << UsageError
        << QStringLiteral("thaw-cli: --date must be YYYYMMDDTHHMMSSZ, like 20150830T123600Z");
    QTest::newRow("empty stdin") << regionService << QByteArray() << true << UsageError
                                 << QStringLiteral("thaw-cli: malformed request on stdin: "
                                                   "empty request");
    QTest::newRow("not a request")
        << regionService << QByteArray("hello\n") << true << UsageError
        << QStringLiteral("thaw-cli: malformed request on stdin: line 1: expected a request "
                          "line 'METHOD /path HTTP/1.1'");
    QTest::newRow("bad header line")
        << regionService << QByteArray("GET / HTTP/1.1\nHost example.com\n") << true << UsageError
        << QStringLiteral("thaw-cli: malformed request on stdin: line 2: header line has no ':'");
    QTest::newRow("bad X-Amz-Date header")
        << regionService << QByteArray("GET / HTTP/1.1\nHost:x\nX-Amz-Date:yesterday\n") << true
        << UsageError
        << QStringLiteral("thaw-cli: malformed request on stdin: X-Amz-Date must be "
                          "YYYYMMDDTHHMMSSZ");
    QTest::newRow("positional argument")
        << regionService + QStringList{QStringLiteral("request.txt")} << vanilla << true
        << UsageError
        << QStringLiteral("thaw-cli: sign takes no arguments; the request is read from stdin");
    QTest::newRow("no credentials")
        << regionService << vanilla << false << ConfigError << QString();
}

void TestSignCommand::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(bool, withKeys);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    const Result result = run(arguments, input, environment(withKeys));
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY(result.out.isEmpty());
    // Exactly one line on stderr, starting "thaw-cli: " (log lines are off without --debug).
    const QString err = QString::fromUtf8(result.err);
    QVERIFY2(err.endsWith(u'\n'), qPrintable(err));
    const QStringList lines = err.chopped(1).split(u'\n');
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines.last().startsWith(QLatin1String("thaw-cli: ")), qPrintable(err));
    if (!message.isEmpty())
        QCOMPARE(lines.last(), message);
    QVERIFY(!result.err.contains(SecretAccessKey.toUtf8()));
}

void TestSignCommand::debugShowsLogLines()
{
    const QByteArray request
        = readFile(caseFile(QStringLiteral("get-vanilla"), QStringLiteral("req")));
    const QStringList arguments{QStringLiteral("--region"), QStringLiteral("us-east-1"),
                                QStringLiteral("--service"), QStringLiteral("service")};
    const Result quiet = run(arguments, request, environment(true));
    QCOMPARE(quiet.exitCode, 0);
    QCOMPARE(quiet.err, QByteArray());

    // `--debug` (anywhere, like the AWS CLI's) turns on Thaw's log categories on stderr.
    const Result debug
        = run(arguments + QStringList{QStringLiteral("--debug")}, request, environment(true));
    QCOMPARE(debug.exitCode, 0);
    QCOMPARE(debug.out, quiet.out);
    QVERIFY2(debug.err.contains("thaw.aws.credentials"), debug.err.constData());
    QVERIFY(!debug.err.contains(SecretAccessKey.toUtf8()));
}

QTEST_GUILESS_MAIN(TestSignCommand)
#include "tst_signcommand.moc"
