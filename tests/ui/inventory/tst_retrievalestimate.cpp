// When a retrieval is typically ready, per tier, from AWS's "Expedited, Standard, and Bulk
// Tiers" (api-initiate-job-post.md): Expedited 1–5 minutes for archives up to 250 MB,
// Standard 3–5 hours, Bulk 5–12 hours.
#include "ui/inventory/retrievalestimate.h"

#include <QTest>

using namespace thaw::ui;
using namespace Qt::StringLiterals;
using thaw::glacier::RetrievalTier;

class TestRetrievalEstimate final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void estimate_data()
    {
        QTest::addColumn<RetrievalTier>("tier");
        QTest::addColumn<qint64>("largest");
        QTest::addColumn<QDateTime>("initiated");
        QTest::addColumn<QDateTime>("readyFrom");
        QTest::addColumn<QDateTime>("readyBy");
        QTest::addColumn<bool>("beyondTypical");
        QTest::addColumn<QString>("duration");
        QTest::addColumn<QString>("text");

        const QDateTime noon(QDate(2026, 11, 22), QTime(12, 0), Qt::UTC);
        const QDateTime evening(QDate(2026, 11, 22), QTime(21, 30), Qt::UTC);
        QTest::newRow("expedited small") << RetrievalTier::Expedited << 1'000'000LL << noon
                                         << noon.addSecs(60) << noon.addSecs(300) << false
                                         << u"1–5 minutes"_s << u"between 12:01 and 12:05"_s;
        QTest::newRow("expedited at 250 MB") << RetrievalTier::Expedited << 250'000'000LL << noon
                                             << noon.addSecs(60) << noon.addSecs(300) << false
                                             << u"1–5 minutes"_s << u"12:05."_s;
        QTest::newRow("expedited over 250 MB")
            << RetrievalTier::Expedited << 250'000'001LL << noon << noon.addSecs(60)
            << noon.addSecs(300) << true << u"1–5 minutes"_s << u"over 250 MB"_s;
        QTest::newRow("standard") << RetrievalTier::Standard << 5'000'000'000LL << noon
                                  << noon.addSecs(3 * 3600) << noon.addSecs(5 * 3600) << false
                                  << u"3–5 hours"_s << u"between 15:00 and 17:00"_s;
        QTest::newRow("bulk") << RetrievalTier::Bulk << 1LL << noon << noon.addSecs(5 * 3600)
                              << noon.addSecs(12 * 3600) << false << u"5–12 hours"_s
                              << u"between 17:00 and Mon 23 Nov 00:00"_s;
        QTest::newRow("standard past midnight")
            << RetrievalTier::Standard << 1LL << evening << evening.addSecs(3 * 3600)
            << evening.addSecs(5 * 3600) << false << u"3–5 hours"_s
            << u"between Mon 23 Nov 00:30 and Mon 23 Nov 02:30"_s;
    }
    void estimate()
    {
        QFETCH(RetrievalTier, tier);
        QFETCH(qint64, largest);
        QFETCH(QDateTime, initiated);
        QFETCH(QDateTime, readyFrom);
        QFETCH(QDateTime, readyBy);
        QFETCH(bool, beyondTypical);
        QFETCH(QString, duration);
        QFETCH(QString, text);
        const RetrievalEstimate estimate = estimateRetrieval(tier, largest, initiated);
        QCOMPARE(estimate.readyFrom, readyFrom);
        QCOMPARE(estimate.readyBy, readyBy);
        QCOMPARE(estimate.beyondTypical, beyondTypical);
        QCOMPARE(durationText(estimate), duration);
        QVERIFY2(estimateText(estimate).contains(text), qPrintable(estimateText(estimate)));
    }

    void tierNames()
    {
        QCOMPARE(tierName(RetrievalTier::Expedited), u"Expedited"_s);
        QCOMPARE(tierName(RetrievalTier::Standard), u"Standard"_s);
        QCOMPARE(tierName(RetrievalTier::Bulk), u"Bulk"_s);
    }
};

QTEST_GUILESS_MAIN(TestRetrievalEstimate)
#include "tst_retrievalestimate.moc"
