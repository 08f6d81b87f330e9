// isMegabyteAligned and isTreeHashAligned as truth tables, after AWS's "Receiving Checksums
// When Downloading Data":
// https://docs.aws.amazon.com/amazonglacier/latest/dev/checksum-calculations-range.html
#include "testvectors.h"

#include "core/crypto/rangealignment.h"

#include <QTest>

using namespace thaw::crypto;
using namespace thaw::crypto::test;

namespace {
constexpr qint64 M = 1024 * 1024;
constexpr qint64 SixAndAHalf = 6 * M + M / 2; // AWS's example archive: leaves 0..6, 6 is 0.5 MB
constexpr qint64 TiB = M * M;
} // namespace

class TestRangeAlignment final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void truthTable_data();
    void truthTable();
    void botocoreNodes_data();
    void botocoreNodes();
    void exhaustiveSmallArchives();
};

void TestRangeAlignment::truthTable_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end"); // inclusive
    QTest::addColumn<qint64>("archiveSize");
    QTest::addColumn<bool>("megabyteAligned");
    QTest::addColumn<bool>("treeHashAligned");

    // Out of the archive, empty or reversed: aligned in no sense.
    QTest::newRow("empty archive") << 0LL << 0LL << 0LL << false << false;
    QTest::newRow("negative start") << -M << M - 1 << 4 * M << false << false;
    QTest::newRow("reversed") << M << M - 1 << 4 * M << false << false;
    QTest::newRow("end at size") << 0LL << 4 * M << 4 * M << false << false;
    QTest::newRow("past the end") << 2 * M << 4 * M - 1 << 3 * M << false << false;

    // Tiny archives: the one leaf is shorter than 1 MiB.
    QTest::newRow("1-byte archive") << 0LL << 0LL << 1LL << true << true;
    QTest::newRow("part of a short leaf") << 0LL << 9LL << 100LL << false << false;
    QTest::newRow("short leaf") << 0LL << 99LL << 100LL << true << true;

    // AWS's 6.5 MB example: both 2 MB ranges are megabyte aligned, only [2, 4) MB is a node.
    QTest::newRow("6.5MB [2,4) aligned") << 2 * M << 4 * M - 1 << SixAndAHalf << true << true;
    QTest::newRow("6.5MB [3,5) not a node") << 3 * M << 5 * M - 1 << SixAndAHalf << true << false;
    QTest::newRow("6.5MB [1,3) not a node") << M << 3 * M - 1 << SixAndAHalf << true << false;
    QTest::newRow("6.5MB leaf 0") << 0LL << M - 1 << SixAndAHalf << true << true;
    QTest::newRow("6.5MB leaf 1") << M << 2 * M - 1 << SixAndAHalf << true << true;
    QTest::newRow("6.5MB [0,2)") << 0LL << 2 * M - 1 << SixAndAHalf << true << true;
    QTest::newRow("6.5MB [0,4)") << 0LL << 4 * M - 1 << SixAndAHalf << true << true;
    QTest::newRow("6.5MB [4,6)") << 4 * M << 6 * M - 1 << SixAndAHalf << true << true;
    QTest::newRow("6.5MB [4,6.5)") << 4 * M << SixAndAHalf - 1 << SixAndAHalf << true << true;
    QTest::newRow("6.5MB last half leaf")
        << 6 * M << SixAndAHalf - 1 << SixAndAHalf << true << true;
    QTest::newRow("6.5MB whole") << 0LL << SixAndAHalf - 1 << SixAndAHalf << true << true;
    QTest::newRow("6.5MB [5,6.5)") << 5 * M << SixAndAHalf - 1 << SixAndAHalf << true << false;
    QTest::newRow("6.5MB [2,6.5)") << 2 * M << SixAndAHalf - 1 << SixAndAHalf << true << false;
    QTest::newRow("6.5MB [0,6)") << 0LL << 6 * M - 1 << SixAndAHalf << true << false;
    QTest::newRow("6.5MB [0,3)") << 0LL << 3 * M - 1 << SixAndAHalf << true << false;
    QTest::newRow("6.5MB [6,8) past end") << 6 * M << 8 * M - 1 << SixAndAHalf << false << false;
    QTest::newRow("6.5MB leaf short by 1") << 0LL << M - 2 << SixAndAHalf << false << false;
    QTest::newRow("6.5MB start off by 1") << 1LL << M << SixAndAHalf << false << false;
    QTest::newRow("6.5MB last leaf short by 1")
        << 6 * M << SixAndAHalf - 2 << SixAndAHalf << false << false;

    // A last node cut short by the end of the archive, and promoted single children.
    QTest::newRow("3MB leaf 2 (promoted)") << 2 * M << 3 * M - 1 << 3 * M << true << true;
    QTest::newRow("3MB whole") << 0LL << 3 * M - 1 << 3 * M << true << true;
    QTest::newRow("4MB+1 last byte leaf") << 4 * M << 4 * M << 4 * M + 1 << true << true;
    QTest::newRow("4MB+1 [0,4)") << 0LL << 4 * M - 1 << 4 * M + 1 << true << true;
    QTest::newRow("4MB+1 whole") << 0LL << 4 * M << 4 * M + 1 << true << true;
    QTest::newRow("4MB+1 [2,4MB+1)") << 2 * M << 4 * M << 4 * M + 1 << true << false;
    QTest::newRow("7MB [4,7)") << 4 * M << 7 * M - 1 << 7 * M << true << true;
    QTest::newRow("7MB [4,6)") << 4 * M << 6 * M - 1 << 7 * M << true << true;
    QTest::newRow("7MB [6,7)") << 6 * M << 7 * M - 1 << 7 * M << true << true;
    QTest::newRow("7MB [5,7)") << 5 * M << 7 * M - 1 << 7 * M << true << false;
    QTest::newRow("5MB+123 [4,end]") << 4 * M << 5 * M + 122 << 5 * M + 123 << true << true;
    QTest::newRow("5MB+123 [5,end]") << 5 * M << 5 * M + 122 << 5 * M + 123 << true << true;
    QTest::newRow("5MB+123 [4,5)") << 4 * M << 5 * M - 1 << 5 * M + 123 << true << true;
    QTest::newRow("5MB+123 [3,end]") << 3 * M << 5 * M + 122 << 5 * M + 123 << true << false;

    // Large archives: no overflow, deep nodes.
    QTest::newRow("1TiB second half") << TiB / 2 << TiB - 1 << TiB << true << true;
    QTest::newRow("1TiB last leaf") << TiB - M << TiB - 1 << TiB << true << true;
    QTest::newRow("1TiB whole") << 0LL << TiB - 1 << TiB << true << true;
    QTest::newRow("1TiB+5 whole") << 0LL << TiB + 4 << TiB + 5 << true << true;
    QTest::newRow("1TiB+5 first TiB") << 0LL << TiB - 1 << TiB + 5 << true << true;
    QTest::newRow("1TiB+5 [TiB/2, end]") << TiB / 2 << TiB + 4 << TiB + 5 << true << false;
    QTest::newRow("1TiB+5 tail") << TiB << TiB + 4 << TiB + 5 << true << true;
    QTest::newRow("1TiB middle 2MiB")
        << TiB / 2 + 2 * M << TiB / 2 + 4 * M - 1 << TiB << true << true;
    QTest::newRow("1TiB odd 2MiB") << TiB / 2 + M << TiB / 2 + 3 * M - 1 << TiB << true << false;
}

void TestRangeAlignment::truthTable()
{
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(qint64, archiveSize);
    QFETCH(bool, megabyteAligned);
    QFETCH(bool, treeHashAligned);
    QCOMPARE(isMegabyteAligned(start, end, archiveSize), megabyteAligned);
    QCOMPARE(isTreeHashAligned(start, end, archiveSize), treeHashAligned);
}

// generate.py decided alignment by looking the range's own tree hash up among the nodes of
// the archive's tree (AWS's definition), with no range arithmetic at all.
void TestRangeAlignment::botocoreNodes_data()
{
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<bool>("treeHashAligned");
    QVERIFY(vectors().ok);
    for (const RangeVector &range : vectors().ranges)
        QTest::newRow(rangeTag(range)) << range.first << range.last << range.treeHashAligned;
}

void TestRangeAlignment::botocoreNodes()
{
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(bool, treeHashAligned);
    QCOMPARE(isTreeHashAligned(first, last, vectors().archiveSize), treeHashAligned);
}

// For archives of up to 13 leaves, every MiB-granular range against the tree's node list
// built level by level as AWS describes (pairs left to right, odd one promoted).
void TestRangeAlignment::exhaustiveSmallArchives()
{
    for (qint64 leaves = 1; leaves <= 13; ++leaves) {
        for (const qint64 tail : {M, M / 2}) { // full or half last leaf
            const qint64 size = (leaves - 1) * M + tail;
            // Nodes as [firstLeaf, endLeaf) in leaf units.
            QList<QPair<qint64, qint64>> level;
            for (qint64 i = 0; i < leaves; ++i)
                level.append({i, i + 1});
            QList<QPair<qint64, qint64>> nodes = level;
            while (level.size() > 1) {
                QList<QPair<qint64, qint64>> next;
                for (qsizetype i = 0; i < level.size(); i += 2) {
                    next.append(i + 1 < level.size()
                                    ? qMakePair(level[i].first, level[i + 1].second)
                                    : level[i]);
                }
                nodes += next;
                level = next;
            }
            for (qint64 a = 0; a < leaves; ++a) {
                for (qint64 b = a + 1; b <= leaves; ++b) {
                    const qint64 start = a * M;
                    const qint64 end = std::min(b * M, size) - 1;
                    const bool expected = nodes.contains(qMakePair(a, b));
                    if (isTreeHashAligned(start, end, size) != expected) {
                        QFAIL(qPrintable(QStringLiteral("size %1, range %2-%3: expected %4")
                                             .arg(size)
                                             .arg(start)
                                             .arg(end)
                                             .arg(expected)));
                    }
                    QVERIFY(isMegabyteAligned(start, end, size));
                }
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestRangeAlignment)
#include "tst_rangealignment.moc"
