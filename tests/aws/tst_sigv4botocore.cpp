// Cross-check of signRequest() against botocore's SigV4Auth, an independent implementation:
// tests/data/sigv4-glacier/expected.json is written by generate.py beside it (Glacier
// requests signed by Debian's python3-botocore with a frozen clock).
//
// How botocore treats the path: it signs urlsplit(url).path, the path as it goes on the
// wire (already percent-encoded), and quotes it once more for every service but S3:
// quote(normalize_url_path(path), safe='/~'). So "/-/vaults/example%20vault" on the wire is
// "/-/vaults/example%2520vault" in the canonical request. AWS's servers compute the same, and
// signRequest() matches it by signing url.path(QUrl::FullyEncoded), which canonicalUri()
// encodes again; vector "double-encoding-probe" pins this down. The query, by contrast, is
// used as it is on the wire by botocore; canonicalQueryString() decodes and re-encodes it,
// which gives the same bytes for a query encoded the way QUrl encodes it.
#include "core/aws/credentials.h"
#include "core/aws/sigv4.h"
#include "core/aws/sigv4signer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using thaw::aws::Credentials;
using thaw::aws::HttpHeaders;
namespace sigv4 = thaw::aws::sigv4;

class TestSigV4Botocore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signRequestMatchesBotocore_data();
    void signRequestMatchesBotocore();

private:
    QJsonObject m_document;
};

void TestSigV4Botocore::initTestCase()
{
    QFile file(QStringLiteral(THAW_TEST_DATA_DIR "/sigv4-glacier/expected.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QJsonParseError error;
    m_document = QJsonDocument::fromJson(file.readAll(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(m_document.value(QStringLiteral("service")).toString(), QStringLiteral("glacier"));
}

void TestSigV4Botocore::signRequestMatchesBotocore_data()
{
    QTest::addColumn<QJsonObject>("vector");
    const QJsonArray vectors = m_document.value(QStringLiteral("vectors")).toArray();
    QVERIFY(vectors.size() >= 8);
    for (const QJsonValue &vector : vectors) {
        const QJsonObject object = vector.toObject();
        QTest::newRow(qPrintable(object.value(QStringLiteral("name")).toString())) << object;
    }
}

void TestSigV4Botocore::signRequestMatchesBotocore()
{
    QFETCH(QJsonObject, vector);

    const QDateTime now
        = sigv4::parseAmzDate(m_document.value(QStringLiteral("date")).toString().toLatin1());
    QVERIFY(now.isValid());
    const Credentials credentials(m_document.value(QStringLiteral("accessKeyId")).toString(),
                                  m_document.value(QStringLiteral("secretAccessKey")).toString(),
                                  vector.value(QStringLiteral("sessionToken")).toString());
    HttpHeaders headers;
    const QJsonObject given = vector.value(QStringLiteral("headers")).toObject();
    for (auto it = given.begin(); it != given.end(); ++it)
        headers.append({it.key().toUtf8(), it.value().toString().toUtf8()});
    const QByteArray body = vector.value(QStringLiteral("body")).toString().toUtf8();

    const HttpHeaders added
        = sigv4::signRequest(vector.value(QStringLiteral("method")).toString().toLatin1(),
                             QUrl(vector.value(QStringLiteral("url")).toString(), QUrl::StrictMode),
                             headers, sigv4::payloadHash(body), credentials,
                             m_document.value(QStringLiteral("region")).toString(),
                             m_document.value(QStringLiteral("service")).toString(), now);

    const QByteArray expected = vector.value(QStringLiteral("authorization")).toString().toUtf8();
    const QByteArray actual = thaw::aws::headerValue(added, "Authorization");
    if (actual != expected) {
        qInfo().noquote() << "botocore's canonical request:\n"
                          << vector.value(QStringLiteral("canonicalRequest")).toString();
    }
    QCOMPARE(actual, expected);
    QCOMPARE(thaw::aws::headerValue(added, "X-Amz-Date"), sigv4::amzDate(now));
    QCOMPARE(thaw::aws::headerValue(added, "X-Amz-Security-Token"),
             credentials.sessionToken().isEmpty() ? QByteArray()
                                                  : credentials.sessionToken().toUtf8());
}

QTEST_GUILESS_MAIN(TestSigV4Botocore)
#include "tst_sigv4botocore.moc"
