// planFetches() (core/transfer/fetchschedule.h): which GETs a download starts next, as a truth
// table after KGet's schedulertest. Expected: the fetches in order, "a,b" being one GET of
// chunks a and b; "~" marks a whole-body GET (no Range); "" none.
#include "core/transfer/fetchschedule.h"

#include <QTest>

using namespace Qt::StringLiterals;
using thaw::transfer::FetchLoad;
using thaw::transfer::planFetches;
using thaw::transfer::PlannedFetch;

namespace {

QString describe(const std::vector<PlannedFetch> &planned)
{
    QStringList fetches;
    for (const PlannedFetch &fetch : planned) {
        QStringList chunks;
        for (int index : fetch.chunks)
            chunks << QString::number(index);
        fetches << (fetch.ranged ? QString() : u"~"_s) + chunks.join(u',');
    }
    return fetches.join(u' ');
}

} // namespace

class TestFetchSchedule final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plan_data()
    {
        QTest::addColumn<QList<int>>("pending");
        QTest::addColumn<int>("inFlight");
        QTest::addColumn<int>("awaitingJournal");
        QTest::addColumn<int>("parallel");
        QTest::addColumn<bool>("wholeBody");
        QTest::addColumn<int>("slots"); // free shared slots; -1: no shared limit
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("slotsAsked");

        const QList<int> five{0, 1, 2, 3, 4};
        QTest::newRow("idle, 4 streams: the first 4 chunks")
            << five << 0 << 0 << 4 << false << -1 << u"0 1 2 3"_s << 0;
        QTest::newRow("in the order given")
            << QList<int>{7, 2, 5} << 0 << 0 << 4 << false << -1 << u"7 2 5"_s << 0;
        QTest::newRow("nothing pending")
            << QList<int>{} << 0 << 0 << 4 << false << -1 << u""_s << 0;
        QTest::newRow("3 in flight of 4: one more")
            << five << 3 << 0 << 4 << false << -1 << u"0"_s << 0;
        QTest::newRow("all streams fetching: none")
            << five << 4 << 0 << 4 << false << -1 << u""_s << 0;
        QTest::newRow("streams waiting for the journal hold their place")
            << five << 1 << 2 << 4 << false << -1 << u"0"_s << 0;
        QTest::newRow("every stream waits for the journal: none")
            << five << 0 << 4 << 4 << false << -1 << u""_s << 0;
        QTest::newRow("more busy than streams (a lowered limit): none")
            << five << 6 << 0 << 4 << false << -1 << u""_s << 0;
        QTest::newRow("parallel 0 counts as 1")
            << five << 0 << 0 << 0 << false << -1 << u"0"_s << 0;
        QTest::newRow("parallel -3 counts as 1, busy")
            << five << 1 << 0 << -3 << false << -1 << u""_s << 0;
        QTest::newRow("shared slots: as many as free")
            << five << 0 << 0 << 4 << false << 2 << u"0 1"_s << 3;
        QTest::newRow("no shared slot free: none")
            << five << 0 << 0 << 4 << false << 0 << u""_s << 1;
        QTest::newRow("no slot asked for when the streams are busy")
            << five << 4 << 0 << 4 << false << 5 << u""_s << 0;
        QTest::newRow("shared slots beyond the streams: streams decide")
            << five << 0 << 0 << 2 << false << 9 << u"0 1"_s << 2;
        QTest::newRow("whole body: one GET of every pending chunk")
            << QList<int>{1, 3, 4} << 0 << 0 << 4 << true << -1 << u"~1,3,4"_s << 0;
        QTest::newRow("whole body: not while a GET is in flight")
            << five << 1 << 0 << 4 << true << -1 << u""_s << 0;
        QTest::newRow("whole body: journal waits do not block it")
            << QList<int>{2} << 0 << 3 << 4 << true << -1 << u"~2"_s << 0;
        QTest::newRow("whole body: nothing pending, no slot asked")
            << QList<int>{} << 0 << 0 << 4 << true << 1 << u""_s << 0;
        QTest::newRow("whole body: takes a shared slot")
            << five << 0 << 0 << 4 << true << 1 << u"~0,1,2,3,4"_s << 1;
        QTest::newRow("whole body: no shared slot free")
            << five << 0 << 0 << 4 << true << 0 << u""_s << 1;
    }

    void plan()
    {
        QFETCH(QList<int>, pending);
        QFETCH(int, inFlight);
        QFETCH(int, awaitingJournal);
        QFETCH(int, parallel);
        QFETCH(bool, wholeBody);
        QFETCH(int, slots);
        QFETCH(QString, expected);
        QFETCH(int, slotsAsked);

        int asked = 0;
        std::function<bool()> takeSlot;
        if (slots >= 0) {
            takeSlot = [&] {
                ++asked;
                if (slots == 0)
                    return false;
                --slots;
                return true;
            };
        }
        const FetchLoad load{inFlight, awaitingJournal, parallel, wholeBody};
        const std::vector<PlannedFetch> planned
            = planFetches(std::vector<int>(pending.cbegin(), pending.cend()), load, takeSlot);
        QCOMPARE(describe(planned), expected);
        QCOMPARE(asked, slotsAsked);
    }
};

QTEST_GUILESS_MAIN(TestFetchSchedule)
#include "tst_fetchschedule.moc"
