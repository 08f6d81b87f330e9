// RegistrySaver: the downloads registry is written on a worker thread, not on the GUI thread
// (flush() excepted, which is synchronous by design); a change after a quiet moment is written at
// once, the changes of a burst together; a snapshot waiting behind a save under way is replaced by
// a newer one; flush() waits for the save under way and then writes the newest state itself; a
// failed save is reported and tried again. The writer is the real DownloadRegistry::writeFile,
// wrapped to record each call's thread and entries (and, where a test says so, to hold the worker
// until released).
#include "ui/transfers/registrysaver.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QMutexLocker>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <chrono>

using namespace thaw;
using namespace thaw::ui;
using namespace Qt::StringLiterals;
using transfer::DownloadRegistry;
using transfer::RegisteredDownload;

namespace {

RegisteredDownload entryNamed(const QString &name)
{
    RegisteredDownload d;
    d.id = u"id-"_s + name;
    d.account = u"test"_s;
    d.region = u"us-east-1"_s;
    d.vault = u"photos"_s;
    d.jobId = u"job-"_s + name;
    d.outputPath = u"/restore/"_s + name;
    d.label = name;
    d.added = QDateTime(QDate(2026, 1, 15), QTime(10, 0), Qt::UTC);
    return d;
}

QStringList idsOf(const QList<RegisteredDownload> &entries)
{
    QStringList ids;
    for (const RegisteredDownload &d : entries)
        ids.append(d.id);
    return ids;
}

// What the file on disk holds now, read by a registry of its own.
QStringList idsOnDisk(const QString &path)
{
    DownloadRegistry saved(path);
    QString error;
    if (!saved.load(&error))
        return {u"unreadable: "_s + error};
    return idsOf(saved.entries());
}

// Wraps DownloadRegistry::writeFile: records every call; holds a call that finds `hold` set
// until release() (with a timeout, so a broken test cannot hang the worker for ever).
class RecordingWriter
{
public:
    struct Call
    {
        bool onGuiThread = true;
        QStringList ids;
        bool ok = false;
    };

    RegistrySaver::Writer writer()
    {
        return
            [this](const QString &path, const QList<RegisteredDownload> &entries, QString *error) {
                bool hold = false;
                bool fail = false;
                {
                    QMutexLocker lock(&m_mutex);
                    hold = m_hold;
                    m_hold = false;
                    fail = m_fail;
                }
                if (hold) {
                    m_holding.release();
                    m_go.tryAcquire(1, 30000);
                }
                bool ok = false;
                if (fail)
                    *error = u"the disk is full"_s;
                else
                    ok = DownloadRegistry::writeFile(path, entries, error);
                QMutexLocker lock(&m_mutex);
                m_calls.append({QThread::currentThread() == QCoreApplication::instance()->thread(),
                                idsOf(entries), ok});
                return ok;
            };
    }

    // The next write waits in the writer until release(); waitHolding() returns once it does.
    void holdNext()
    {
        QMutexLocker lock(&m_mutex);
        m_hold = true;
    }
    bool waitHolding() { return m_holding.tryAcquire(1, 30000); }
    void release() { m_go.release(); }
    void setFailing(bool fail)
    {
        QMutexLocker lock(&m_mutex);
        m_fail = fail;
    }

    QList<Call> calls() const
    {
        QMutexLocker lock(&m_mutex);
        return m_calls;
    }
    int count() const { return int(calls().size()); }

private:
    mutable QMutex m_mutex;
    QList<Call> m_calls;
    bool m_hold = false;
    bool m_fail = false;
    QSemaphore m_holding;
    QSemaphore m_go;
};

// An interval no test waits for: what is saved before it ends is saved by the rule under test.
constexpr std::chrono::hours kLongInterval{1};

} // namespace

class TestRegistrySaver final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_case = 0;
    QString m_path;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }
    void init() { m_path = m_dir.filePath(u"case%1/downloads.json"_s.arg(++m_case)); }

    // One change after a quiet moment (a restore the user just queued) is written at once, on
    // the worker thread, without waiting for the interval.
    void aSingleChangeIsWrittenAtOnceOffTheGuiThread()
    {
        DownloadRegistry registry(m_path);
        RecordingWriter writer;
        RegistrySaver saver(registry, kLongInterval, writer.writer());
        registry.set(entryNamed(u"a"_s));
        saver.scheduleSave();
        QVERIFY(saver.isSavePending());
        QTRY_COMPARE_WITH_TIMEOUT(writer.count(), 1, 10000);
        const RecordingWriter::Call call = writer.calls().constFirst();
        QVERIFY(call.ok);
        QVERIFY(!call.onGuiThread);
        QCOMPARE(call.ids, QStringList{u"id-a"_s});
        QTRY_VERIFY_WITH_TIMEOUT(!saver.isSavePending(), 10000);
        QCOMPARE(saver.writeCount(), 1);
        QCOMPARE(idsOnDisk(m_path), QStringList{u"id-a"_s});
        QCOMPARE(registry.saveCount(), 0); // the registry itself never wrote
    }

    // A burst: the first change is written at once, the 999 after it wait for the interval
    // (here: for flush()) and are written together, once.
    void aBurstIsWrittenTogether()
    {
        DownloadRegistry registry(m_path);
        RecordingWriter writer;
        RegistrySaver saver(registry, kLongInterval, writer.writer());
        QStringList all;
        for (int i = 0; i < 1000; ++i) {
            registry.set(entryNamed(QString::number(i)));
            all.append(u"id-"_s + QString::number(i));
            saver.scheduleSave();
        }
        QTRY_COMPARE_WITH_TIMEOUT(writer.count(), 1, 10000);
        QCOMPARE(writer.calls().constFirst().ids, QStringList{u"id-0"_s});
        QVERIFY(saver.isSavePending());
        QVERIFY(registry.isDirty());
        QString error;
        QVERIFY2(saver.flush(&error), qPrintable(error));
        QCOMPARE(writer.count(), 2);
        QCOMPARE(writer.calls().at(1).ids, all);
        QCOMPARE(idsOnDisk(m_path), all);
        QVERIFY(!saver.isSavePending());
    }

    // With a short interval the burst's rest is written when it ends, on the worker too.
    void theRestOfABurstIsWrittenWhenTheIntervalEnds()
    {
        DownloadRegistry registry(m_path);
        RecordingWriter writer;
        RegistrySaver saver(registry, std::chrono::milliseconds(20), writer.writer());
        for (const QString &name : {u"a"_s, u"b"_s, u"c"_s}) {
            registry.set(entryNamed(name));
            saver.scheduleSave();
        }
        QTRY_VERIFY_WITH_TIMEOUT(!saver.isSavePending(), 10000);
        const QList<RecordingWriter::Call> calls = writer.calls();
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls.at(0).ids, QStringList{u"id-a"_s});
        QCOMPARE(calls.at(1).ids, (QStringList{u"id-a"_s, u"id-b"_s, u"id-c"_s}));
        for (const RecordingWriter::Call &call : calls)
            QVERIFY(!call.onGuiThread);
        QCOMPARE(idsOnDisk(m_path), (QStringList{u"id-a"_s, u"id-b"_s, u"id-c"_s}));
    }

    // While a save is under way, a snapshot waits; a newer snapshot replaces it, so the worker
    // writes the first one and then only the newest.
    void aNewerSnapshotReplacesAQueuedOne()
    {
        DownloadRegistry registry(m_path);
        RecordingWriter writer;
        RegistrySaver saver(registry, std::chrono::milliseconds(1), writer.writer());
        writer.holdNext();
        registry.set(entryNamed(u"a"_s));
        saver.scheduleSave();
        QVERIFY(writer.waitHolding()); // the worker is in the first save
        // Each change after the interval: a snapshot, queued behind the held save.
        registry.set(entryNamed(u"b"_s));
        saver.scheduleSave();
        QTRY_VERIFY_WITH_TIMEOUT(!registry.isDirty(), 10000); // snapshot {a, b} taken
        registry.set(entryNamed(u"c"_s));
        saver.scheduleSave();
        QTRY_VERIFY_WITH_TIMEOUT(!registry.isDirty(), 10000); // snapshot {a, b, c} replaces it
        QCOMPARE(writer.count(), 0);
        writer.release();
        QTRY_VERIFY_WITH_TIMEOUT(!saver.isSavePending(), 10000);
        const QList<RecordingWriter::Call> calls = writer.calls();
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls.at(0).ids, QStringList{u"id-a"_s});
        QCOMPARE(calls.at(1).ids, (QStringList{u"id-a"_s, u"id-b"_s, u"id-c"_s}));
        QCOMPARE(idsOnDisk(m_path), (QStringList{u"id-a"_s, u"id-b"_s, u"id-c"_s}));
    }

    // flush() (on quit) waits for the save under way, drops the queued snapshot and writes the
    // newest state on the calling thread; nothing the worker does afterwards overwrites it.
    void flushWaitsForTheWorkerThenWritesTheNewest()
    {
        DownloadRegistry registry(m_path);
        RecordingWriter writer;
        {
            RegistrySaver saver(registry, kLongInterval, writer.writer());
            writer.holdNext();
            registry.set(entryNamed(u"a"_s));
            saver.scheduleSave();
            QVERIFY(writer.waitHolding());
            registry.set(entryNamed(u"b"_s));
            saver.scheduleSave(); // waits for the interval
            registry.erase(u"id-a"_s);
            registry.set(entryNamed(u"c"_s));
            saver.scheduleSave();
            writer.release(); // the worker may finish before or during flush(): both must hold
            QString error;
            QVERIFY2(saver.flush(&error), qPrintable(error));
            const QList<RecordingWriter::Call> calls = writer.calls();
            QCOMPARE(calls.size(), 2);
            QCOMPARE(calls.at(0).ids, QStringList{u"id-a"_s});
            QVERIFY(!calls.at(0).onGuiThread);
            QCOMPARE(calls.at(1).ids, (QStringList{u"id-b"_s, u"id-c"_s}));
            QVERIFY(calls.at(1).onGuiThread);
            QVERIFY(!saver.isSavePending());
            QCOMPARE(idsOnDisk(m_path), (QStringList{u"id-b"_s, u"id-c"_s}));
            // The finished save's late notification changes nothing.
            QCoreApplication::processEvents();
            QCOMPARE(saver.writeCount(), 2);
            QVERIFY(!saver.isSavePending());
            // After the flush the next change is written at once again, and one within its
            // interval by the destructor, after the first. (That first save runs on the worker
            // or, when it has not begun yet, in the destructor's wait: QFuture's wait runs a
            // task that has not started in the waiting thread.)
            registry.set(entryNamed(u"d"_s));
            saver.scheduleSave();
            registry.set(entryNamed(u"e"_s));
            saver.scheduleSave();
        }
        const QList<RecordingWriter::Call> calls = writer.calls();
        QCOMPARE(calls.size(), 4);
        QCOMPARE(calls.at(2).ids, (QStringList{u"id-b"_s, u"id-c"_s, u"id-d"_s}));
        QCOMPARE(calls.at(3).ids, (QStringList{u"id-b"_s, u"id-c"_s, u"id-d"_s, u"id-e"_s}));
        QVERIFY(calls.at(3).onGuiThread);
        QCOMPARE(idsOnDisk(m_path), (QStringList{u"id-b"_s, u"id-c"_s, u"id-d"_s, u"id-e"_s}));
    }

    // A failed save is reported, leaves the registry dirty, and the next flush writes it.
    void aFailedSaveIsReportedAndTriedAgain()
    {
        DownloadRegistry registry(m_path);
        RecordingWriter writer;
        RegistrySaver saver(registry, kLongInterval, writer.writer());
        QSignalSpy failed(&saver, &RegistrySaver::saveFailed);
        writer.setFailing(true);
        registry.set(entryNamed(u"a"_s));
        saver.scheduleSave();
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.constFirst().at(0).toString(), u"the disk is full"_s);
        QVERIFY(registry.isDirty());
        QVERIFY(saver.isSavePending());
        QCOMPARE(saver.writeCount(), 0);
        QString error;
        QVERIFY(!saver.flush(&error));
        QCOMPARE(error, u"the disk is full"_s);
        writer.setFailing(false);
        QVERIFY2(saver.flush(&error), qPrintable(error));
        QCOMPARE(saver.writeCount(), 1);
        QCOMPARE(idsOnDisk(m_path), QStringList{u"id-a"_s});
    }

    // A failed save is tried again by itself, without another change or a flush (a crash
    // before either must not lose the restores it held), later after each failure.
    void aFailedSaveIsRetriedByItself()
    {
        DownloadRegistry registry(m_path);
        RecordingWriter writer;
        RegistrySaver saver(registry, std::chrono::milliseconds(20), writer.writer());
        QSignalSpy failed(&saver, &RegistrySaver::saveFailed);
        writer.setFailing(true);
        registry.set(entryNamed(u"a"_s));
        saver.scheduleSave();
        QTRY_VERIFY_WITH_TIMEOUT(failed.size() >= 3, 10000); // after 20, 40, 80 ms
        QCOMPARE(saver.writeCount(), 0);
        writer.setFailing(false);
        QTRY_VERIFY_WITH_TIMEOUT(saver.writeCount() == 1, 10000);
        QVERIFY(!registry.isDirty());
        QVERIFY(!saver.isSavePending());
        QCOMPARE(idsOnDisk(m_path), QStringList{u"id-a"_s});
    }

    // A registry that did not change is not written again.
    void nothingChangedNothingWritten()
    {
        DownloadRegistry registry(m_path);
        RecordingWriter writer;
        RegistrySaver saver(registry, kLongInterval, writer.writer());
        saver.scheduleSave();
        QVERIFY(!saver.isSavePending());
        QString error;
        QVERIFY(saver.flush(&error));
        QCOMPARE(writer.count(), 0);
        QVERIFY(!QFile::exists(m_path));
    }
};

QTEST_GUILESS_MAIN(TestRegistrySaver)
#include "tst_registrysaver.moc"
