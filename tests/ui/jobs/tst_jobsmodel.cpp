// JobsModel and JobsFilterProxy over VaultJobs with an injected clock and download rate: the
// columns, the live countdown, the filters (as a table), search and sort. Both models stay
// under QAbstractItemModelTester for the whole of each test.
#include "ui/jobs/jobexpiry.h"
#include "ui/jobs/jobsfilterproxy.h"
#include "ui/jobs/jobsmodel.h"
#include "ui/jobs/vaultjobs.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace thaw;
using namespace thaw::ui;
using glacier::JobDescription;

namespace {

constexpr qint64 MiB = 1 << 20;
const QDateTime kNow(QDate(2026, 3, 2), QTime(12, 0), Qt::UTC);

JobDescription job(const QString &id, glacier::JobStatus status, qint64 size,
                   std::optional<qint64> completedSecondsAgo)
{
    JobDescription j;
    j.jobId = id;
    j.action = glacier::JobAction::ArchiveRetrieval;
    j.actionText = QStringLiteral("ArchiveRetrieval");
    j.statusCode = status;
    j.completed = status != glacier::JobStatus::InProgress;
    j.creationDate = kNow.addSecs(-100000);
    if (completedSecondsAgo)
        j.completionDate = kNow.addSecs(-*completedSecondsAgo);
    j.archiveId = QStringLiteral("ARCHIVE-") + id;
    j.archiveSizeInBytes = size;
    j.tier = glacier::RetrievalTier::Standard;
    j.jobDescription = QStringLiteral("description of ") + id;
    return j;
}

// fresh: 23 h left; soon: 1 h left; huge: 20 h left but 100 GiB at 1 MiB/s won't fit;
// expired: 25 h ago; running: in progress; failed.
QList<JobDescription> testJobs()
{
    QList<JobDescription> list{
        job(QStringLiteral("fresh"), glacier::JobStatus::Succeeded, 5 * MiB, 3600),
        job(QStringLiteral("soon"), glacier::JobStatus::Succeeded, 1 * MiB, 23 * 3600),
        job(QStringLiteral("huge"), glacier::JobStatus::Succeeded, 102400 * MiB, 4 * 3600),
        job(QStringLiteral("expired"), glacier::JobStatus::Succeeded, 2 * MiB, 25 * 3600),
        job(QStringLiteral("running"), glacier::JobStatus::InProgress, 3 * MiB, std::nullopt),
        job(QStringLiteral("failed"), glacier::JobStatus::Failed, 4 * MiB, 600),
    };
    list[5].statusMessage = QStringLiteral("Access denied to the SNS topic");
    // A FastGlacier v4 description decodes to its path.
    list[0].jobDescription = QStringLiteral(
        "<m><v>4</v><p>cGhvdG9zL2JlYWNoLmpwZw==</p><lm>20190301T100000Z</lm></m>");
    return list;
}

} // namespace

class TestJobsModel final : public QObject
{
    Q_OBJECT

    TestClientProvider m_clients;
    QDateTime m_now = kNow;
    qint64 m_rate = MiB;
    std::unique_ptr<VaultJobs> m_source;
    std::unique_ptr<JobsModel> m_model;
    std::unique_ptr<JobsFilterProxy> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;

    QStringList visibleIds() const
    {
        QStringList ids;
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            ids.append(m_proxy->index(row, 0).data(JobsModel::JobIdRole).toString());
        return ids;
    }
    QString cell(const QString &id, int column) const
    {
        const int row = m_source->indexOf(id);
        return m_model->index(row, column).data().toString();
    }

private Q_SLOTS:
    void init()
    {
        m_now = kNow;
        m_rate = MiB;
        auto clock = [this] { return m_now; };
        m_source = std::make_unique<VaultJobs>(m_clients, clock);
        m_model = std::make_unique<JobsModel>(*m_source, clock, [this] { return m_rate; });
        m_proxy = std::make_unique<JobsFilterProxy>();
        m_proxy->setSourceModel(m_model.get());
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_proxyTester = std::make_unique<QAbstractItemModelTester>(
            m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_source->setJobs(VaultRef{QStringLiteral("nobody"), QStringLiteral("us-east-1"),
                                   QStringLiteral("photos")},
                          testJobs());
    }
    void cleanup()
    {
        m_proxyTester.reset();
        m_modelTester.reset();
        m_proxy.reset();
        m_model.reset();
        m_source.reset();
    }

    void columns()
    {
        QCOMPARE(m_model->rowCount(), 6);
        QCOMPARE(m_model->columnCount(), int(JobsModel::ColumnCount));
        QCOMPARE(cell(QStringLiteral("fresh"), JobsModel::Action), QStringLiteral("Archive"));
        QCOMPARE(cell(QStringLiteral("fresh"), JobsModel::Status), QStringLiteral("Succeeded"));
        QCOMPARE(cell(QStringLiteral("running"), JobsModel::Status), QStringLiteral("In progress"));
        QCOMPARE(cell(QStringLiteral("fresh"), JobsModel::Tier), QStringLiteral("Standard"));
        QCOMPARE(cell(QStringLiteral("fresh"), JobsModel::Description),
                 QStringLiteral("photos/beach.jpg"));
        QCOMPARE(cell(QStringLiteral("soon"), JobsModel::Description),
                 QStringLiteral("description of soon"));
        QCOMPARE(cell(QStringLiteral("fresh"), JobsModel::Size), QLocale().formattedDataSize(5 * MiB));
        QCOMPARE(cell(QStringLiteral("fresh"), JobsModel::Expires), QStringLiteral("23:00:00"));
        QCOMPARE(cell(QStringLiteral("soon"), JobsModel::Expires), QStringLiteral("01:00:00"));
        QCOMPARE(cell(QStringLiteral("expired"), JobsModel::Expires), QStringLiteral("expired"));
        QCOMPARE(cell(QStringLiteral("running"), JobsModel::Expires), QString());
        QCOMPARE(cell(QStringLiteral("failed"), JobsModel::Expires), QString());
        QVERIFY(cell(QStringLiteral("huge"), JobsModel::Expires).startsWith(QStringLiteral("20:00:00")));
        QVERIFY(cell(QStringLiteral("huge"), JobsModel::Expires).contains(QStringLiteral("too short")));
        const QModelIndex failedStatus
            = m_model->index(m_source->indexOf(QStringLiteral("failed")), JobsModel::Status);
        QCOMPARE(failedStatus.data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Access denied to the SNS topic"));
        QVERIFY(!failedStatus.data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(m_model->headerData(JobsModel::Expires, Qt::Horizontal).toString(),
                 QStringLiteral("Expires in"));
    }

    // The countdown follows the clock: one dataChanged for the Expires column per tick.
    void countdownFollowsTheClock()
    {
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_now = m_now.addSecs(3599);
        m_model->tick();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().column(), int(JobsModel::Expires));
        QCOMPARE(changed.first().at(1).toModelIndex().column(), int(JobsModel::Expires));
        QCOMPARE(cell(QStringLiteral("fresh"), JobsModel::Expires), QStringLiteral("22:00:01"));
        QCOMPARE(cell(QStringLiteral("soon"), JobsModel::Expires), QStringLiteral("00:00:01"));
        m_now = m_now.addSecs(1);
        m_model->tick();
        QCOMPARE(cell(QStringLiteral("soon"), JobsModel::Expires), QStringLiteral("expired"));
        // The timer ticks by itself too (once a second).
        QVERIFY(changed.wait(3000));
    }

    void filters_data()
    {
        QTest::addColumn<int>("filter");
        QTest::addColumn<qint64>("rate");
        QTest::addColumn<QStringList>("ids");
        const QStringList all{QStringLiteral("fresh"),   QStringLiteral("soon"),
                              QStringLiteral("huge"),    QStringLiteral("expired"),
                              QStringLiteral("running"), QStringLiteral("failed")};
        QTest::newRow("all") << int(JobsFilterProxy::All) << MiB << all;
        QTest::newRow("in progress") << int(JobsFilterProxy::InProgress) << MiB
                                     << QStringList{QStringLiteral("running")};
        QTest::newRow("succeeded")
            << int(JobsFilterProxy::Succeeded) << MiB
            << QStringList{QStringLiteral("fresh"), QStringLiteral("soon"), QStringLiteral("huge"),
                           QStringLiteral("expired")};
        QTest::newRow("failed") << int(JobsFilterProxy::Failed) << MiB
                                << QStringList{QStringLiteral("failed")};
        QTest::newRow("expiring soon at 1 MiB/s")
            << int(JobsFilterProxy::ExpiringSoon) << MiB
            << QStringList{QStringLiteral("soon"), QStringLiteral("huge")};
        // Fast enough for 100 GiB in 20 h: only the short window is left.
        QTest::newRow("expiring soon at 10 MiB/s")
            << int(JobsFilterProxy::ExpiringSoon) << 10 * MiB
            << QStringList{QStringLiteral("soon")};
        // So slow that 5 MiB takes over 23 h: everything still downloadable warns.
        QTest::newRow("expiring soon at 60 B/s")
            << int(JobsFilterProxy::ExpiringSoon) << 60LL
            << QStringList{QStringLiteral("fresh"), QStringLiteral("soon"),
                           QStringLiteral("huge")};
    }
    void filters()
    {
        QFETCH(int, filter);
        QFETCH(qint64, rate);
        QFETCH(QStringList, ids);
        m_rate = rate;
        m_proxy->invalidate();
        m_proxy->setFilter(JobsFilterProxy::Filter(filter));
        QCOMPARE(visibleIds(), ids);
    }

    // Time moving on changes what "expiring soon" holds, without any call but the tick.
    void expiringSoonFollowsTheClock()
    {
        m_proxy->setFilter(JobsFilterProxy::ExpiringSoon);
        QCOMPARE(visibleIds(), (QStringList{QStringLiteral("soon"), QStringLiteral("huge")}));
        m_now = m_now.addSecs(3600); // "soon" expires
        m_model->tick();
        QCOMPARE(visibleIds(), QStringList{QStringLiteral("huge")});
        m_now = m_now.addSecs(72000 - 3600 + 1); // "fresh" under 3 h left, "huge" expired
        m_model->tick();
        QCOMPARE(visibleIds(), QStringList{QStringLiteral("fresh")});
    }

    void search_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("filter");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("job id") << QStringLiteral("runn") << int(JobsFilterProxy::All)
                                << QStringList{QStringLiteral("running")};
        QTest::newRow("decoded name, any case") << QStringLiteral("BEACH")
                                                << int(JobsFilterProxy::All)
                                                << QStringList{QStringLiteral("fresh")};
        QTest::newRow("archive id") << QStringLiteral("archive-exp") << int(JobsFilterProxy::All)
                                    << QStringList{QStringLiteral("expired")};
        QTest::newRow("with a filter") << QStringLiteral("description of")
                                       << int(JobsFilterProxy::Failed)
                                       << QStringList{QStringLiteral("failed")};
        QTest::newRow("nothing") << QStringLiteral("zzz") << int(JobsFilterProxy::All)
                                 << QStringList{};
        QTest::newRow("blank is no search") << QStringLiteral("   ") << int(JobsFilterProxy::All)
                                            << QStringList{QStringLiteral("fresh"),
                                                           QStringLiteral("soon"),
                                                           QStringLiteral("huge"),
                                                           QStringLiteral("expired"),
                                                           QStringLiteral("running"),
                                                           QStringLiteral("failed")};
    }
    void search()
    {
        QFETCH(QString, text);
        QFETCH(int, filter);
        QFETCH(QStringList, ids);
        m_proxy->setFilter(JobsFilterProxy::Filter(filter));
        m_proxy->setSearchText(text);
        QCOMPARE(visibleIds(), ids);
    }

    // Sorting uses the raw values: sizes as numbers, countdowns as milliseconds.
    void sort_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("size") << int(JobsModel::Size)
                              << QStringList{QStringLiteral("soon"), QStringLiteral("expired"),
                                             QStringLiteral("running"), QStringLiteral("failed"),
                                             QStringLiteral("fresh"), QStringLiteral("huge")};
        // No window (-1) first, then expired (0), then by time left.
        QTest::newRow("expires") << int(JobsModel::Expires)
                                 << QStringList{QStringLiteral("running"), QStringLiteral("failed"),
                                                QStringLiteral("expired"), QStringLiteral("soon"),
                                                QStringLiteral("huge"), QStringLiteral("fresh")};
    }
    void sort()
    {
        QFETCH(int, column);
        QFETCH(QStringList, ids);
        m_proxy->sort(column, Qt::AscendingOrder);
        QCOMPARE(visibleIds(), ids);
    }

    // A new list resets the model; rows of an update change in place.
    void resetOnNewList()
    {
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_source->setJobs(VaultRef{QStringLiteral("nobody"), QStringLiteral("us-east-1"),
                                   QStringLiteral("other")},
                          {testJobs().at(1)});
        QCOMPARE(reset.size(), 1);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(visibleIds(), QStringList{QStringLiteral("soon")});
    }
};

QTEST_MAIN(TestJobsModel)
#include "tst_jobsmodel.moc"
