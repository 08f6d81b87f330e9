// Download plans: every chunk tree-hash aligned, the chunks contiguous and covering exactly.
#include "core/crypto/chunkplan.h"
#include "core/crypto/rangealignment.h"

#include <QTest>

using namespace thaw::crypto;

namespace {
constexpr qint64 M = 1024 * 1024;
constexpr qint64 TiB = M * M;
using Chunks = std::vector<Chunk>;
} // namespace

Q_DECLARE_METATYPE(Chunks)

class TestChunkPlan final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void properties_data();
    void properties();
    void fixedPlans_data();
    void fixedPlans();
    void badInput_data();
    void badInput();
    void rangePlans_data();
    void rangePlans();
    void rangePlanProperties();
    void badRanges_data();
    void badRanges();
};

void TestChunkPlan::properties_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("chunkSizeMiB");
    const QList<qint64> sizes
        = {0, 1, M - 1, M, M + 1, 2 * M, 3 * M, 5 * M + 123, 33 * M + 7, 64 * M, TiB + 5};
    for (const qint64 size : sizes) {
        for (const qint64 chunk : {1, 2, 4, 8, 64, 1024, 1 << 20})
            QTest::addRow("%lld in %lld MiB", size, chunk) << size << chunk;
    }
}

void TestChunkPlan::properties()
{
    QFETCH(qint64, size);
    QFETCH(qint64, chunkSizeMiB);
    QString error;
    const std::optional<Chunks> plan = planChunks(size, chunkSizeMiB, &error);
    QVERIFY2(plan, qPrintable(error));
    const qint64 chunkSize = chunkSizeMiB * M;
    QCOMPARE(qint64(plan->size()), (size + chunkSize - 1) / chunkSize);
    qint64 next = 0;
    for (const Chunk &chunk : *plan) {
        QCOMPARE(chunk.offset, next);
        QVERIFY(chunk.length > 0);
        QVERIFY(chunk.length <= chunkSize);
        if (chunk.last() != size - 1)
            QCOMPARE(chunk.length, chunkSize); // only the last chunk is shorter
        QVERIFY2(isTreeHashAligned(chunk.offset, chunk.last(), size),
                 qPrintable(QStringLiteral("%1-%2").arg(chunk.offset).arg(chunk.last())));
        next += chunk.length;
    }
    QCOMPARE(next, size);
}

void TestChunkPlan::fixedPlans_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("chunkSizeMiB");
    QTest::addColumn<Chunks>("expected");
    QTest::newRow("empty archive") << 0LL << 4LL << Chunks{};
    QTest::newRow("one byte") << 1LL << 1LL << Chunks{{0, 1}};
    QTest::newRow("chunk larger than archive") << 100LL << 64LL << Chunks{{0, 100}};
    QTest::newRow("exact multiple") << 4 * M << 2LL << Chunks{{0, 2 * M}, {2 * M, 2 * M}};
    QTest::newRow("partial last chunk")
        << 5 * M + 123 << 2LL << Chunks{{0, 2 * M}, {2 * M, 2 * M}, {4 * M, M + 123}};
    QTest::newRow("6.5 MB in 4 MiB")
        << 6 * M + M / 2 << 4LL << Chunks{{0, 4 * M}, {4 * M, 2 * M + M / 2}};
    QTest::newRow("1 MiB + 1 in 1 MiB") << M + 1 << 1LL << Chunks{{0, M}, {M, 1}};
}

void TestChunkPlan::fixedPlans()
{
    QFETCH(qint64, size);
    QFETCH(qint64, chunkSizeMiB);
    QFETCH(Chunks, expected);
    const std::optional<Chunks> plan = planChunks(size, chunkSizeMiB);
    QVERIFY(plan);
    QVERIFY(*plan == expected);
}

void TestChunkPlan::badInput_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("chunkSizeMiB");
    QTest::newRow("zero chunk") << 10 * M << 0LL;
    QTest::newRow("negative chunk") << 10 * M << -4LL;
    QTest::newRow("3 MiB") << 10 * M << 3LL;
    QTest::newRow("6 MiB") << 10 * M << 6LL;
    QTest::newRow("100 MiB") << 10 * M << 100LL;
    QTest::newRow("2^33 MiB") << 10 * M << (1LL << 33);
    QTest::newRow("min int64") << 10 * M << std::numeric_limits<qint64>::min();
    QTest::newRow("negative size") << -1LL << 1LL;
}

void TestChunkPlan::badInput()
{
    QFETCH(qint64, size);
    QFETCH(qint64, chunkSizeMiB);
    QString error;
    QVERIFY(!planChunks(size, chunkSizeMiB, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!planChunks(size, chunkSizeMiB)); // no error pointer: no crash
}

void TestChunkPlan::rangePlans_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("maxChunkSizeMiB");
    QTest::addColumn<Chunks>("expected");
    QTest::newRow("6.5MB [3,5) splits")
        << 3 * M << 5 * M - 1 << 6 * M + M / 2 << 8LL << Chunks{{3 * M, M}, {4 * M, M}};
    QTest::newRow("6.5MB [2,6.5)") << 2 * M << 6 * M + M / 2 - 1 << 6 * M + M / 2 << 8LL
                                   << Chunks{{2 * M, 2 * M}, {4 * M, 2 * M + M / 2}};
    QTest::newRow("16MB [1,7)") << M << 7 * M - 1 << 16 * M << 8LL
                                << Chunks{{M, M}, {2 * M, 2 * M}, {4 * M, 2 * M}, {6 * M, M}};
    QTest::newRow("capped at 2 MiB")
        << 0LL << 8 * M - 1 << 16 * M << 2LL
        << Chunks{{0, 2 * M}, {2 * M, 2 * M}, {4 * M, 2 * M}, {6 * M, 2 * M}};
    QTest::newRow("an aligned range is one chunk")
        << 8 * M << 16 * M - 1 << 20 * M << 8LL << Chunks{{8 * M, 8 * M}};
    QTest::newRow("whole short archive") << 0LL << 99LL << 100LL << 4LL << Chunks{{0, 100}};
}

void TestChunkPlan::rangePlans()
{
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(qint64, size);
    QFETCH(qint64, maxChunkSizeMiB);
    QFETCH(Chunks, expected);
    QString error;
    const std::optional<Chunks> plan = planRangeChunks(start, end, size, maxChunkSizeMiB, &error);
    QVERIFY2(plan, qPrintable(error));
    QVERIFY(*plan == expected);
}

// Every megabyte-aligned range of small archives: aligned chunks, contiguous, exact cover.
void TestChunkPlan::rangePlanProperties()
{
    for (const qint64 size : {M, 3 * M, 7 * M + 5, 13 * M, 17 * M + M / 2}) {
        const qint64 leaves = (size + M - 1) / M;
        for (qint64 a = 0; a < leaves; ++a) {
            for (qint64 b = a + 1; b <= leaves; ++b) {
                const qint64 start = a * M;
                const qint64 end = std::min(b * M, size) - 1;
                for (const qint64 maxMiB : {1, 2, 4, 16}) {
                    const std::optional<Chunks> plan = planRangeChunks(start, end, size, maxMiB);
                    QVERIFY(plan);
                    qint64 next = start;
                    for (const Chunk &chunk : *plan) {
                        QCOMPARE(chunk.offset, next);
                        QVERIFY(chunk.length > 0 && chunk.length <= maxMiB * M);
                        QVERIFY(isTreeHashAligned(chunk.offset, chunk.last(), size));
                        next += chunk.length;
                    }
                    QCOMPARE(next, end + 1);
                    if (isTreeHashAligned(start, end, size) && end - start < maxMiB * M)
                        QCOMPARE(plan->size(), std::size_t(1));
                }
            }
        }
    }
}

void TestChunkPlan::badRanges_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("maxChunkSizeMiB");
    QTest::newRow("unaligned start") << 5LL << M - 1 << 4 * M << 4LL;
    QTest::newRow("unaligned end") << 0LL << M << 4 * M << 4LL;
    QTest::newRow("past the end") << 0LL << 4 * M << 4 * M << 4LL;
    QTest::newRow("reversed") << 2 * M << M - 1 << 4 * M << 4LL;
    QTest::newRow("empty archive") << 0LL << 0LL << 0LL << 4LL;
    QTest::newRow("bad chunk size") << 0LL << M - 1 << 4 * M << 3LL;
}

void TestChunkPlan::badRanges()
{
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(qint64, size);
    QFETCH(qint64, maxChunkSizeMiB);
    QString error;
    QVERIFY(!planRangeChunks(start, end, size, maxChunkSizeMiB, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestChunkPlan)
#include "tst_chunkplan.moc"
