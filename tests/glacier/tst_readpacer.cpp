// ReadPacer (core/glacier/readpacer.h): when one reply's body may be read. Each row plays a
// script of events against a pacer and compares the trace of what it did: the sink asked for
// the delay still owed ("ask"), reading resumed ("resume"), and the answers of the queries.
// Pauses are a few milliseconds, except those only checked for their step and reset unrun; the
// rows assert order and counts, never durations.
#include "core/glacier/readpacer.h"

#include <QEventLoop>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using thaw::glacier::ReadPacer;

class TestReadPacer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void script_data()
    {
        // Events: "pause N", "full" (no buffer free), "ready" (a buffer came free), "reset",
        // "wait" (until the running step ends and the sink is asked), "finish" (the reply
        // finished: "deferred" or "now"), "drained" / "buffered" (after a read with nothing /
        // bytes left in the reply's buffer: "finish" when a waiting end goes on, else "-"),
        // "fail" (a local failure: "finish" when an end was waiting, else "-"), "held?"
        // ("held" / "free"), "step?" ("step:<ms>").
        QTest::addColumn<QStringList>("events");
        QTest::addColumn<QList<qint64>>("delaysLeft"); // the sink's answers to each ask
        QTest::addColumn<QString>("expected");

        const QString maxStep = QString::number(ReadPacer::MaxStep.count());
        QTest::newRow("no delay asked: reading goes on")
            << QStringList{u"pause 0"_s, u"held?"_s, u"step?"_s} << QList<qint64>{}
            << u"free step:0"_s;
        QTest::newRow("negative delay: reading goes on")
            << QStringList{u"pause -5"_s, u"held?"_s} << QList<qint64>{} << u"free"_s;
        QTest::newRow("short pause: the sink is asked, then reading resumes")
            << QStringList{u"pause 5"_s, u"held?"_s, u"step?"_s, u"wait"_s, u"held?"_s}
            << QList<qint64>{0} << u"held step:5 ask resume free"_s;
        QTest::newRow("long pause: one step of at most MaxStep")
            << QStringList{u"pause 5000"_s, u"step?"_s, u"reset"_s, u"held?"_s} << QList<qint64>{}
            << (u"step:"_s + maxStep + u" free"_s);
        QTest::newRow("still owed after a step: another step, capped")
            << QStringList{u"pause 5"_s, u"wait"_s, u"held?"_s, u"step?"_s, u"reset"_s}
            << QList<qint64>{2500} << (u"ask held step:"_s + maxStep);
        QTest::newRow("owed less after a step: a shorter step, then resume")
            << QStringList{u"pause 5"_s, u"wait"_s, u"step?"_s, u"wait"_s, u"held?"_s}
            << QList<qint64>{3, 0} << u"ask step:3 ask resume free"_s;
        QTest::newRow("a new pause replaces the running step")
            << QStringList{u"pause 5000"_s, u"pause 4"_s, u"step?"_s, u"wait"_s} << QList<qint64>{0}
            << u"step:4 ask resume"_s;
        QTest::newRow("no buffer free: held until one is")
            << QStringList{u"full"_s, u"held?"_s, u"ready"_s, u"held?"_s} << QList<qint64>{}
            << u"held resume free"_s;
        QTest::newRow("a buffer free while not held: nothing")
            << QStringList{u"ready"_s, u"held?"_s} << QList<qint64>{} << u"free"_s;
        QTest::newRow("pause ends while no buffer is free: resumes, still held")
            << QStringList{u"full"_s, u"pause 5"_s, u"wait"_s, u"held?"_s} << QList<qint64>{0}
            << u"ask resume held"_s;
        QTest::newRow("reply finishes while reading goes on: at once")
            << QStringList{u"finish"_s, u"drained"_s} << QList<qint64>{} << u"now -"_s;
        QTest::newRow("reply finishes during a pause: after it, once drained")
            << QStringList{u"pause 5"_s,  u"finish"_s,  u"drained"_s, u"wait"_s,
                           u"buffered"_s, u"drained"_s, u"drained"_s}
            << QList<qint64>{0} << u"deferred - ask resume - finish -"_s;
        QTest::newRow("reply finishes while no buffer is free: after one is")
            << QStringList{u"full"_s, u"finish"_s, u"drained"_s, u"ready"_s, u"drained"_s}
            << QList<qint64>{} << u"deferred - resume finish"_s;
        QTest::newRow("a local failure ends a waiting reply at once")
            << QStringList{u"pause 5000"_s, u"finish"_s, u"fail"_s, u"fail"_s, u"reset"_s}
            << QList<qint64>{} << u"deferred finish -"_s;
        QTest::newRow("a local failure with no waiting reply")
            << QStringList{u"fail"_s} << QList<qint64>{} << u"-"_s;
        QTest::newRow("reset: no pause, no hold, no waiting end")
            << QStringList{u"pause 5000"_s, u"full"_s,  u"finish"_s, u"reset"_s,
                           u"held?"_s,      u"step?"_s, u"fail"_s,   u"drained"_s}
            << QList<qint64>{} << u"deferred free step:0 - -"_s;
    }

    void script()
    {
        QFETCH(QStringList, events);
        QFETCH(QList<qint64>, delaysLeft);
        QFETCH(QString, expected);

        QStringList trace;
        int asks = 0;
        // "wait" runs an event loop that the next ask ends, so that exactly one step ends in it
        // (a following short step has not run yet when the script goes on).
        QEventLoop *waiting = nullptr;
        ReadPacer pacer(
            [&] {
                trace << u"ask"_s;
                if (waiting)
                    waiting->quit();
                return asks < delaysLeft.size() ? delaysLeft.at(asks++) : (++asks, qint64(0));
            },
            [&] { trace << u"resume"_s; });
        auto yesNo = [&](bool yes, const QString &no) {
            trace << (yes ? u"finish"_s : no);
        };
        for (const QString &event : std::as_const(events)) {
            if (event.startsWith(u"pause "_s)) {
                pacer.pause(event.mid(6).toLongLong());
            } else if (event == u"full"_s) {
                pacer.holdForBuffer();
            } else if (event == u"ready"_s) {
                pacer.bufferReady();
            } else if (event == u"reset"_s) {
                pacer.reset();
            } else if (event == u"wait"_s) {
                QVERIFY2(pacer.stepMs() > 0, "no pause step is running");
                const int before = asks;
                QEventLoop loop;
                waiting = &loop;
                QTimer::singleShot(5000, &loop, &QEventLoop::quit);
                loop.exec();
                waiting = nullptr;
                QVERIFY2(asks > before, "the pause step did not end");
            } else if (event == u"finish"_s) {
                trace << (pacer.deferFinish() ? u"deferred"_s : u"now"_s);
            } else if (event == u"drained"_s) {
                yesNo(pacer.takeDueFinish(false), u"-"_s);
            } else if (event == u"buffered"_s) {
                yesNo(pacer.takeDueFinish(true), u"-"_s);
            } else if (event == u"fail"_s) {
                yesNo(pacer.takeDeferredFinish(), u"-"_s);
            } else if (event == u"held?"_s) {
                trace << (pacer.isHeld() ? u"held"_s : u"free"_s);
            } else if (event == u"step?"_s) {
                trace << u"step:"_s + QString::number(pacer.stepMs());
            } else {
                QFAIL(qPrintable(u"unknown event "_s + event));
            }
        }
        QCOMPARE(trace.join(QLatin1Char(' ')), expected);
        QCOMPARE(asks, int(delaysLeft.size()));
    }
};

QTEST_GUILESS_MAIN(TestReadPacer)
#include "tst_readpacer.moc"
