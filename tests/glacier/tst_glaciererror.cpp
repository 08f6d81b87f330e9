// Errors as values (core/glacier/glaciererror.h): what is read from an error answer and how it
// is classified. The codes and statuses are those of api-error-responses.md and botocore's model.
#include "core/glacier/glaciererror.h"
#include "referenceexamples.h"

#include <QTest>

using namespace thaw::glacier;
namespace examples = thaw::test::examples;

Q_DECLARE_METATYPE(thaw::glacier::ErrorClass)
Q_DECLARE_METATYPE(thaw::glacier::Operation)

using Headers = QList<QNetworkReply::RawHeaderPair>;

class TestGlacierError final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classification_data()
    {
        QTest::addColumn<Operation>("operation");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<ErrorClass>("expected");
        const auto retry = ErrorClass::RetryAutomatically;
        const auto user = ErrorClass::NeedsUser;
        const auto fatal = ErrorClass::Fatal;
        const Operation describe = Operation::DescribeJob;
        const Operation output = Operation::GetJobOutput;
        auto row = [](const char *name, Operation operation, int status, const char *code,
                      ErrorClass expected) {
            QTest::newRow(name) << operation << status << QString::fromLatin1(code) << expected;
        };
        row("throttling", describe, 400, "ThrottlingException", retry);
        row("request timeout", Operation::UploadArchive, 408, "RequestTimeoutException", retry);
        row("service unavailable", describe, 500, "ServiceUnavailableException", retry);
        row("other 5xx", describe, 502, "", retry);
        row("503 no code", describe, 503, "", retry);
        row("invalid signature", describe, 403, "InvalidSignatureException", user);
        row("unrecognized client", describe, 403, "UnrecognizedClientException", user);
        row("access denied", describe, 403, "AccessDeniedException", user);
        row("expired token", describe, 403, "ExpiredTokenException", user);
        row("missing token", describe, 400, "MissingAuthenticationTokenException", user);
        row("bare 403", describe, 403, "", user);
        row("job not found", describe, 404, "ResourceNotFoundException", user);
        row("output expired", output, 404, "ResourceNotFoundException", user);
        row("output not ready", output, 400, "InvalidParameterValueException", user);
        row("policy", Operation::InitiateJob, 400, "PolicyEnforcedException", user);
        row("capacity", Operation::InitiateJob, 503, "InsufficientCapacityException", user);
        row("bad parameter", describe, 400, "InvalidParameterValueException", fatal);
        row("missing parameter", describe, 400, "MissingParameterValueException", fatal);
        row("serialization", Operation::InitiateJob, 400, "SerializationException", fatal);
        row("limit", Operation::CreateVault, 400, "LimitExceededException", fatal);
        row("bad request", describe, 400, "BadRequest", fatal);
        row("unknown 4xx", describe, 418, "", fatal);
    }
    void classification()
    {
        QFETCH(Operation, operation);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(ErrorClass, expected);
        QCOMPARE(classifyHttpError(operation, status, code), expected);
    }

    void networkClassification_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<ErrorClass>("expected");
        QTest::newRow("reset") << int(QNetworkReply::RemoteHostClosedError)
                               << ErrorClass::RetryAutomatically;
        QTest::newRow("timeout") << int(QNetworkReply::TimeoutError)
                                 << ErrorClass::RetryAutomatically;
        QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError)
                                 << ErrorClass::RetryAutomatically;
        QTest::newRow("temporary")
            << int(QNetworkReply::TemporaryNetworkFailureError) << ErrorClass::RetryAutomatically;
        QTest::newRow("no host") << int(QNetworkReply::HostNotFoundError) << ErrorClass::NeedsUser;
        QTest::newRow("tls") << int(QNetworkReply::SslHandshakeFailedError)
                             << ErrorClass::NeedsUser;
        QTest::newRow("protocol") << int(QNetworkReply::ProtocolFailure) << ErrorClass::Fatal;
    }
    void networkClassification()
    {
        QFETCH(int, error);
        QFETCH(ErrorClass, expected);
        QCOMPARE(classifyNetworkError(QNetworkReply::NetworkError(error)), expected);
        const GlacierError value = networkError(
            Operation::ListJobs, QNetworkReply::NetworkError(error), QStringLiteral("text"));
        QCOMPARE(value.errorClass, expected);
        QVERIFY(value.isNetworkError());
    }

    void fromResponse_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("type");
        QTest::addColumn<ErrorClass>("expected");
        const Headers requestId{
            {"x-amzn-RequestId", "AAABZpJrTyioDC_HsOmHae8EZp_uBSJr6cnGOLKp_XJCl-Q"}};
        QTest::newRow("example 1")
            << 404 << requestId << QByteArray(examples::ErrorJobNotFound)
            << QStringLiteral("ResourceNotFoundException")
            << QStringLiteral(
                   "The job ID was not found: "
                   "HkF9p6o7yjhFx-"
                   "K3CGl6fuSm6VzW9T7esGQfco8nUXVYwS0jlb5gq1JZ55yHgt5vP54ZShjoQzQVVEXAMPLEbadJobID")
            << QStringLiteral("Client") << ErrorClass::NeedsUser;
        // AWS's example 2 is not JSON: its text is kept as the message, the status decides.
        QTest::newRow("example 2 (malformed)")
            << 400 << requestId << QByteArray(examples::ErrorBadStatusCode)
            << QStringLiteral("HTTP400")
            << QStringLiteral("{ \"code\": \"InvalidParameterValueException\", \"message\": \"The "
                              "job status code is not valid: finished\", \"type: \"Client\" }")
            << QString() << ErrorClass::Fatal;
        QTest::newRow("error type header")
            << 403
            << Headers{{"X-Amzn-ErrorType", "InvalidSignatureException:http://internal.amazon.com/"
                                            "coral/com.amazon.coral.service/"}}
            << QByteArray("<html>denied</html>") << QStringLiteral("InvalidSignatureException")
            << QStringLiteral("<html>denied</html>") << QString() << ErrorClass::NeedsUser;
        QTest::newRow("empty 503") << 503 << Headers() << QByteArray() << QStringLiteral("HTTP503")
                                   << QString() << QString() << ErrorClass::RetryAutomatically;
        QTest::newRow("capitalised")
            << 400 << Headers()
            << QByteArray(R"({"Code":"ThrottlingException","Message":"Rate exceeded"})")
            << QStringLiteral("ThrottlingException") << QStringLiteral("Rate exceeded") << QString()
            << ErrorClass::RetryAutomatically;
        QTest::newRow("__type")
            << 400 << Headers()
            << QByteArray("{\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\","
                          "\"message\":\"bad key\"}")
            << QStringLiteral("UnrecognizedClientException") << QStringLiteral("bad key")
            << QString() << ErrorClass::NeedsUser;
    }
    void fromResponse()
    {
        QFETCH(int, status);
        QFETCH(Headers, headers);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(QString, type);
        QFETCH(ErrorClass, expected);
        const GlacierError error
            = errorFromHttpResponse(Operation::DescribeJob, status, headers, body);
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.code, code);
        QCOMPARE(error.message, message);
        QCOMPARE(error.type, type);
        QCOMPARE(error.errorClass, expected);
        QCOMPARE(error.requestId, rawHeader(headers, "x-amzn-requestid"));
        QVERIFY(!error.isNetworkError());
    }

    void userMessage()
    {
        const GlacierError error
            = errorFromHttpResponse(Operation::GetJobOutput, 404, {}, examples::ErrorJobNotFound);
        QVERIFY(error.awsCliMessage().startsWith(QLatin1String(
            "An error occurred (ResourceNotFoundException) when calling the GetJobOutput "
            "operation: The job ID was not found: ")));
        QVERIFY(error.userMessage().startsWith(error.awsCliMessage()));
        QVERIFY(error.userMessage().contains(QLatin1String("24 hours")));
    }
};

QTEST_GUILESS_MAIN(TestGlacierError)
#include "tst_glaciererror.moc"
