// SHA-256 over OpenSSL EVP against the FIPS 180-2 example vectors.
#include "core/crypto/sha256.h"

#include <QTest>

using namespace thaw::crypto;

class TestSha256 final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneShot_data();
    void oneShot();
    void incremental_data();
    void incremental();
    void finishStartsOver();
    void moveKeepsState();
    void hashPairIsHashOfConcatenation();
    void hex();
    void fromHex_data();
    void fromHex();
};

// FIPS 180-2 appendix B and the usual extras; the expected digests are fixed vectors.
void TestSha256::oneShot_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QByteArray()
                           << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
                                         "7852b855");
    QTest::newRow("abc") << QByteArray("abc")
                         << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61"
                                       "f20015ad");
    QTest::newRow("448 bits")
        << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    QTest::newRow("million a") << QByteArray(1000000, 'a')
                               << QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d"
                                             "39ccc7112cd0");
}

void TestSha256::oneShot()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(toHex(Sha256::hash(input)), expected);
    QCOMPARE(toHex(Sha256::hash(input.constData(), std::size_t(input.size()))), expected);
}

void TestSha256::incremental_data()
{
    QTest::addColumn<int>("pieceSize");
    for (const int size : {1, 3, 63, 64, 65, 1000, 4096, 999999, 1000000})
        QTest::addRow("pieces of %d", size) << size;
}

void TestSha256::incremental()
{
    QFETCH(int, pieceSize);
    const QByteArray input(1000000, 'a');
    Sha256 sha;
    for (qsizetype at = 0; at < input.size(); at += pieceSize)
        sha.update(
            QByteArrayView(input).sliced(at, std::min<qsizetype>(pieceSize, input.size() - at)));
    QCOMPARE(toHex(sha.finish()),
             QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
}

void TestSha256::finishStartsOver()
{
    Sha256 sha;
    sha.update(QByteArrayView("garbage"));
    sha.finish();
    sha.update(QByteArrayView("abc"));
    QCOMPARE(toHex(sha.finish()),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(toHex(sha.finish()),
             QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

void TestSha256::moveKeepsState()
{
    Sha256 first;
    first.update(QByteArrayView("ab"));
    Sha256 second(std::move(first));
    second.update(QByteArrayView("c"));
    Sha256 third;
    third = std::move(second);
    QCOMPARE(toHex(third.finish()),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void TestSha256::hashPairIsHashOfConcatenation()
{
    const Digest left = Sha256::hash(QByteArrayView("left"));
    const Digest right = Sha256::hash(QByteArrayView("right"));
    QCOMPARE(hashPair(left, right), Sha256::hash(toByteArray(left) + toByteArray(right)));
    QVERIFY(hashPair(left, right) != hashPair(right, left));
}

void TestSha256::hex()
{
    Digest digest;
    for (std::size_t i = 0; i < digest.size(); ++i)
        digest[i] = static_cast<unsigned char>(i * 8);
    const QByteArray hex = toHex(digest);
    QCOMPARE(hex, QByteArray("0008101820283038404850586068707880889098a0a8b0b8c0c8d0d8e0e8f0f8"));
    QCOMPARE(toByteArray(digest).size(), 32);
    QCOMPARE(digestFromHex(hex), std::optional<Digest>(digest));
    QCOMPARE(digestFromHex(hex.toUpper()), std::optional<Digest>(digest));
}

void TestSha256::fromHex_data()
{
    QTest::addColumn<QByteArray>("hex");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("short") << QByteArray(62, 'a');
    QTest::newRow("long") << QByteArray(66, 'a');
    QTest::newRow("not hex") << (QByteArray(63, 'a') + 'g');
    QTest::newRow("space") << (QByteArray(63, 'a') + ' ');
}

void TestSha256::fromHex()
{
    QFETCH(QByteArray, hex);
    QVERIFY(!digestFromHex(hex).has_value());
}

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
