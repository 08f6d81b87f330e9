// TreeHasher and combineTreeHashes against botocore's calculate_tree_hash
// (tests/data/treehash/vectors.json).
#include "testvectors.h"

#include "core/crypto/chunkplan.h"
#include "core/crypto/treehashcombine.h"
#include "core/crypto/treehasher.h"

#include <QTest>

#include <random>

using namespace thaw::crypto;
using namespace thaw::crypto::test;

class TestTreeHasher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void wholeInput_data();
    void wholeInput();
    void splits_data();
    void splits();
    void randomSplits_data();
    void randomSplits();
    void finishStartsOver();
    void subRanges_data();
    void subRanges();
    void combineLeaves_data();
    void combineLeaves();
    void combineSubTrees_data();
    void combineSubTrees();
    void combineFixed();

private:
    static QByteArray hexOf(const Digest &digest) { return toHex(digest); }
};

void TestTreeHasher::initTestCase()
{
    QVERIFY2(vectors().ok, "tests/data/treehash/vectors.json is missing or malformed");
}

void TestTreeHasher::wholeInput_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QList<QByteArray>>("leaves");
    for (const SizeVector &vector : vectors().sizes) {
        QList<QByteArray> leaves(vector.leaves.begin(), vector.leaves.end());
        if (leaves.isEmpty()) // botocore lists no leaf for empty data; we keep SHA-256("")
            leaves.append(vector.treeHash);
        QTest::newRow(sizeTag(vector.size)) << vector.size << vector.treeHash << leaves;
    }
}

void TestTreeHasher::wholeInput()
{
    QFETCH(qint64, size);
    QFETCH(QByteArray, expected);
    QFETCH(QList<QByteArray>, leaves);
    const TreeHash hash = TreeHasher::hash(QByteArrayView(archive()).first(size));
    QCOMPARE(hexOf(hash.root), expected);
    QCOMPARE(hash.size, size);
    QCOMPARE(qsizetype(hash.leaves.size()), leaves.size());
    for (qsizetype i = 0; i < leaves.size(); ++i)
        QCOMPARE(hexOf(hash.leaves[std::size_t(i)]), leaves.at(i));
}

// Fixed piece sizes, including ones that straddle, hit and miss the 1 MiB leaf boundary.
void TestTreeHasher::splits_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<qint64>("pieceSize");
    const qint64 mib = TreeHashLeafSize;
    const QList<qint64> pieces = {1, 7, 4096, 65537, mib - 1, mib, mib + 1, 3 * mib + 5};
    for (const SizeVector &vector : vectors().sizes) {
        if (vector.size > 6 * mib && vector.size != vectors().archiveSize)
            continue;
        for (const qint64 piece : pieces) {
            if (piece == 1 && vector.size > 3 * mib)
                continue; // byte by byte adds nothing beyond 3 MiB but time
            QTest::addRow("%lld in %lld", vector.size, piece)
                << vector.size << vector.treeHash << piece;
        }
    }
}

void TestTreeHasher::splits()
{
    QFETCH(qint64, size);
    QFETCH(QByteArray, expected);
    QFETCH(qint64, pieceSize);
    const QByteArrayView data = QByteArrayView(archive()).first(size);
    TreeHasher hasher;
    for (qint64 at = 0; at < size; at += pieceSize)
        hasher.addData(data.sliced(at, std::min(pieceSize, size - at)));
    hasher.addData(QByteArrayView()); // empty pieces are harmless
    QCOMPARE(hasher.size(), size);
    QCOMPARE(hexOf(hasher.finish().root), expected);
}

// Pieces of random size (a fixed seed, so failures reproduce), empty pieces included.
void TestTreeHasher::randomSplits_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<unsigned>("seed");
    for (const SizeVector &vector : vectors().sizes) {
        for (const unsigned seed : {1u, 2u, 3u})
            QTest::addRow("%lld seed %u", vector.size, seed)
                << vector.size << vector.treeHash << seed;
    }
}

void TestTreeHasher::randomSplits()
{
    QFETCH(qint64, size);
    QFETCH(QByteArray, expected);
    QFETCH(unsigned, seed);
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<qint64> pieceSize(0, 3 * TreeHashLeafSize / 2);
    const QByteArrayView data = QByteArrayView(archive()).first(size);
    TreeHasher hasher;
    for (qint64 at = 0; at < size;) {
        const qint64 piece = std::min(pieceSize(random), size - at);
        hasher.addData(data.data() + at, piece);
        at += piece;
    }
    QCOMPARE(hexOf(hasher.finish().root), expected);
}

void TestTreeHasher::finishStartsOver()
{
    const SizeVector &vector = vectors().sizes.at(4); // 1 MiB + 1
    TreeHasher hasher;
    hasher.addData(QByteArrayView("something else"));
    hasher.finish();
    QCOMPARE(hasher.size(), 0);
    hasher.addData(QByteArrayView(archive()).first(vector.size));
    QCOMPARE(hexOf(hasher.finish().root), vector.treeHash);
    const TreeHash empty = hasher.finish();
    QCOMPARE(hexOf(empty.root), vectors().sizes.front().treeHash);
    QCOMPARE(empty.leaves.size(), std::size_t(1));
    QCOMPARE(empty.leaves.front(), empty.root);
}

// A sub-range hashed as data of its own.
void TestTreeHasher::subRanges_data()
{
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<QByteArray>("expected");
    for (const RangeVector &range : vectors().ranges)
        QTest::newRow(rangeTag(range)) << range.first << range.last << range.treeHash;
}

void TestTreeHasher::subRanges()
{
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(QByteArray, expected);
    const QByteArrayView data = QByteArrayView(archive()).sliced(first, last - first + 1);
    QCOMPARE(hexOf(TreeHasher::hash(data).root), expected);
}

// The root from botocore's leaves (its hashlib, not our SHA-256) without the data.
void TestTreeHasher::combineLeaves_data()
{
    wholeInput_data();
}

void TestTreeHasher::combineLeaves()
{
    QFETCH(QByteArray, expected);
    QFETCH(QList<QByteArray>, leaves);
    std::vector<Digest> digests;
    for (const QByteArray &leaf : leaves)
        digests.push_back(*digestFromHex(leaf));
    QCOMPARE(hexOf(combineTreeHashes(digests)), expected);
}

// Tree hashes of the chunks of a tree-hash-aligned plan combine into the archive's root.
void TestTreeHasher::combineSubTrees_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<qint64>("chunkSizeMiB");
    for (const SizeVector &vector : vectors().sizes) {
        for (const qint64 chunk : {1, 2, 4, 8, 16, 32, 64})
            QTest::addRow("%lld in %lld MiB", vector.size, chunk)
                << vector.size << vector.treeHash << chunk;
    }
}

void TestTreeHasher::combineSubTrees()
{
    QFETCH(qint64, size);
    QFETCH(QByteArray, expected);
    QFETCH(qint64, chunkSizeMiB);
    const std::optional<std::vector<Chunk>> plan = planChunks(size, chunkSizeMiB);
    QVERIFY(plan);
    std::vector<Digest> chunkHashes;
    for (const Chunk &chunk : *plan) {
        const QByteArrayView data = QByteArrayView(archive()).sliced(chunk.offset, chunk.length);
        chunkHashes.push_back(TreeHasher::hash(data).root);
    }
    QCOMPARE(hexOf(combineTreeHashes(chunkHashes)), expected);
}

// Small trees written out by hand: H is SHA-256, a..e distinct leaf hashes.
void TestTreeHasher::combineFixed()
{
    std::vector<Digest> leaves;
    for (const char *name : {"a", "b", "c", "d", "e"})
        leaves.push_back(Sha256::hash(QByteArrayView(name)));
    const auto h = [](const Digest &l, const Digest &r) {
        return Sha256::hash(toByteArray(l) + toByteArray(r));
    };
    const Digest &a = leaves[0], &b = leaves[1], &c = leaves[2], &d = leaves[3], &e = leaves[4];
    auto first = [&](std::size_t n) {
        return std::span<const Digest>(leaves).first(n);
    };
    QCOMPARE(combineTreeHashes({}), Sha256::hash(QByteArrayView()));
    QCOMPARE(combineTreeHashes(first(1)), a);
    QCOMPARE(combineTreeHashes(first(2)), h(a, b));
    QCOMPARE(combineTreeHashes(first(3)), h(h(a, b), c));
    QCOMPARE(combineTreeHashes(first(4)), h(h(a, b), h(c, d)));
    QCOMPARE(combineTreeHashes(first(5)), h(h(h(a, b), h(c, d)), e));
}

QTEST_GUILESS_MAIN(TestTreeHasher)
#include "tst_treehasher.moc"
