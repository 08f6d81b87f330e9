// The Restore dialog's byte-range check: why a range is refused and which range to use instead,
// after AWS's rules (api-initiate-job-post.md, checksum-calculations-range.md). Expected
// suggestions are worked out by hand from the tree-hash node layout, not from the code.
#include "ui/inventory/rangeadvice.h"

#include <QTest>

using namespace thaw::ui;
using namespace Qt::StringLiterals;
using Verdict = RangeAdvice::Verdict;

Q_DECLARE_METATYPE(Verdict)

namespace {
constexpr qint64 M = 1024 * 1024;
constexpr qint64 SixAndAHalf = 6 * M + M / 2; // AWS's example archive
} // namespace

class TestRangeAdvice final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::newRow("plain") << u"0-1048575"_s << true << 0LL << M - 1;
        QTest::newRow("spaces") << u"  2097152 - 4194303 "_s << true << 2 * M << 4 * M - 1;
        QTest::newRow("one number") << u"1048576"_s << false << 0LL << 0LL;
        QTest::newRow("negative") << u"-5-10"_s << false << 0LL << 0LL;
        QTest::newRow("letters") << u"a-b"_s << false << 0LL << 0LL;
        QTest::newRow("units") << u"1MB-2MB"_s << false << 0LL << 0LL;
        QTest::newRow("too many digits") << u"0-1234567890123456789"_s << false << 0LL << 0LL;
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        const auto range = parseByteRange(text);
        QCOMPARE(range.has_value(), ok);
        if (ok) {
            QFETCH(qint64, start);
            QFETCH(qint64, end);
            QCOMPARE(range->start, start);
            QCOMPARE(range->end, end);
            QCOMPARE(parseByteRange(formatByteRange(*range)), range);
        }
    }

    void advice_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("archiveSize");
        QTest::addColumn<Verdict>("verdict");
        QTest::addColumn<QString>("suggestion"); // "" for none
        QTest::addColumn<QString>("explains");   // a word the explanation must hold

        QTest::newRow("empty: whole archive") << QString() << 10 * M << Verdict::WholeArchive
                                              << QString() << u"whole"_s;
        QTest::newRow("blank: whole archive") << u"   "_s << 10 * M << Verdict::WholeArchive
                                              << QString() << u"whole"_s;
        QTest::newRow("garbage") << u"first MiB"_s << 10 * M << Verdict::Malformed << QString()
                                 << u"0-1048575"_s;
        QTest::newRow("reversed") << u"5-1"_s << 10 * M << Verdict::OutOfArchive
                                  << u"0-1048575"_s << u"ends before"_s;
        QTest::newRow("past the end") << u"0-20971519"_s << 10 * M << Verdict::OutOfArchive
                                      << u"0-10485759"_s << u"10485759"_s;
        // Not megabyte aligned: the smallest node around it.
        QTest::newRow("inside leaf 0") << u"10-99"_s << 10 * M << Verdict::NotMegabyteAligned
                                       << u"0-1048575"_s << u"multiple of 1 MiB"_s;
        QTest::newRow("straddles leaves 1 and 2")
            << u"1048577-2097153"_s << 10 * M << Verdict::NotMegabyteAligned
            << u"0-4194303"_s << u"refuses"_s;
        QTest::newRow("tail of 6.5 MB")
            << u"6291457-6815743"_s << SixAndAHalf << Verdict::NotMegabyteAligned
            << u"6291456-6815743"_s << u"refuses"_s;
        // Megabyte aligned, but no tree hash would come with the output.
        QTest::newRow("6.5MB [3,5) MiB") << u"3145728-5242879"_s << SixAndAHalf
                                         << Verdict::NotTreeHashAligned << u"0-6815743"_s
                                         << u"verify"_s;
        QTest::newRow("6.5MB [1,3) MiB") << u"1048576-3145727"_s << SixAndAHalf
                                         << Verdict::NotTreeHashAligned << u"0-4194303"_s
                                         << u"tree hash"_s;
        QTest::newRow("6.5MB [4,7) = [4,6.5)") << u"4194304-6815743"_s << SixAndAHalf
                                               << Verdict::Usable << QString() << u"verified"_s;
        QTest::newRow("6.5MB [2,4) MiB") << u"2097152-4194303"_s << SixAndAHalf
                                         << Verdict::Usable << QString() << u"2097152"_s;
        QTest::newRow("6.5MB [0,6) is not a node")
            << u"0-6291455"_s << SixAndAHalf << Verdict::NotTreeHashAligned
            << u"0-6815743"_s << u"SHA-256"_s;
        QTest::newRow("whole archive as a range") << u"0-6815743"_s << SixAndAHalf
                                                  << Verdict::Usable << QString() << u"6815744"_s;
        QTest::newRow("small archive, all of it") << u"0-99"_s << 100LL << Verdict::Usable
                                                  << QString() << u"100 bytes"_s;
        QTest::newRow("small archive, part")
            << u"0-9"_s << 100LL << Verdict::NotMegabyteAligned << u"0-99"_s << u"last byte"_s;
    }
    void advice()
    {
        QFETCH(QString, text);
        QFETCH(qint64, archiveSize);
        QFETCH(Verdict, verdict);
        QFETCH(QString, suggestion);
        QFETCH(QString, explains);
        const RangeAdvice advice = adviseRange(text, archiveSize);
        QCOMPARE(advice.verdict, verdict);
        QCOMPARE(advice.acceptable(), verdict == Verdict::WholeArchive || verdict == Verdict::Usable);
        QCOMPARE(advice.suggestion ? formatByteRange(*advice.suggestion) : QString(), suggestion);
        QVERIFY2(advice.explanation.contains(explains, Qt::CaseInsensitive),
                 qPrintable(advice.explanation));
        // A suggestion is always usable as it stands.
        if (advice.suggestion)
            QCOMPARE(adviseRange(suggestion, archiveSize).verdict, Verdict::Usable);
    }
};

QTEST_GUILESS_MAIN(TestRangeAdvice)
#include "tst_rangeadvice.moc"
