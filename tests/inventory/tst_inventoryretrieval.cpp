// InventoryRetrieval against thaw-emulator: a JSON inventory end to end, a CSV one truncated by
// Limit and continued at each Marker (parts merged into one cached inventory), and the marker
// reported instead of followed. Descriptions with commas, quotes, backslashes and line breaks
// must come back byte for byte.
#include "core/glacier/glacierclient.h"
#include "core/inventory/inventoryreader.h"
#include "core/inventory/inventoryretrieval.h"
#include "emulatorprocess.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace thaw;
using namespace thaw::inventory;

class TestInventoryRetrieval final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void jsonInventory();
    void csvFollowsMarkers();
    void markerReportedWhenNotFollowed();
    void unknownJobFails();

private:
    RetrievalResult retrieve(const InventoryRequest &request, bool follow = true,
                             const QString &jobId = {});
    QStringList cachedDescriptions(qint64 inventoryId);

    EmulatorProcess m_emulator;
    QTemporaryDir m_files;
    QNetworkAccessManager m_network;
    std::unique_ptr<glacier::GlacierClient> m_client;
    std::unique_ptr<QTemporaryDir> m_cacheDir;
    QStringList m_descriptions;
};

void TestInventoryRetrieval::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_descriptions = QStringList{"plain/path/file.txt", "comma, and \"quotes\"",
                                 "back\\slash \\\"both\\\"", "line\nbreak", "=formula"};
    QStringList arguments;
    for (int i = 0; i < m_descriptions.size(); ++i) {
        const QString path = m_files.filePath(QStringLiteral("seed%1.bin").arg(i));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(100 + i, char('a' + i)));
        file.close();
        arguments << "--seed-archive" << QStringLiteral("inv:%1:%2").arg(path, m_descriptions[i]);
    }
    QVERIFY2(m_emulator.start(arguments), qPrintable(m_emulator.errorString()));
    glacier::GlacierClient::Options options;
    options.retryPolicy.baseDelay = std::chrono::milliseconds(20);
    options.retryPolicy.maxDelay = std::chrono::milliseconds(200);
    m_client = std::make_unique<glacier::GlacierClient>(
        &m_network, m_emulator.baseUrl(), EmulatorProcess::region(),
        aws::Credentials(EmulatorProcess::accessKey(), EmulatorProcess::secretKey()), options);
}

void TestInventoryRetrieval::init()
{
    m_cacheDir = std::make_unique<QTemporaryDir>();
}

RetrievalResult TestInventoryRetrieval::retrieve(const InventoryRequest &request, bool follow,
                                                 const QString &jobId)
{
    RetrievalOptions options;
    options.vault = VaultKey{"test", EmulatorProcess::region(), "inv"};
    options.cachePath = m_cacheDir->filePath("cache.sqlite");
    options.workDirectory = m_cacheDir->filePath("work");
    options.pollIntervalMs = 50;
    options.followMarker = follow;
    InventoryRetrieval retrieval(m_client.get(), options);
    QSignalSpy finished(&retrieval, &InventoryRetrieval::finished);
    if (jobId.isEmpty())
        retrieval.start(request);
    else
        retrieval.startWithJob(jobId);
    if (!finished.wait(30000)) {
        RetrievalResult timedOut;
        timedOut.error = InventoryError{InventoryError::Kind::Io, "timed out"};
        return timedOut;
    }
    return retrieval.result();
}

QStringList TestInventoryRetrieval::cachedDescriptions(qint64 inventoryId)
{
    InventoryReader reader(m_cacheDir->filePath("cache.sqlite"));
    ArchiveQuery query;
    query.inventoryId = inventoryId;
    query.sort = SortColumn::Size; // the seeds have sizes 100, 101, ...
    QStringList list;
    const auto rows = reader.page(query, 0, 100);
    if (rows) {
        for (const ArchiveRow &row : *rows)
            list << row.description;
    }
    return list;
}

void TestInventoryRetrieval::jsonInventory()
{
    const RetrievalResult result = retrieve(InventoryRequest{});
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->message : QString()));
    QCOMPARE(result.jobIds.size(), 1);
    QCOMPARE(result.inventory.archiveCount, m_descriptions.size());
    QCOMPARE(result.inventory.totalSize, 100 + 101 + 102 + 103 + 104);
    QCOMPARE(result.inventory.format, QStringLiteral("JSON"));
    QVERIFY(!result.nextMarker);
    QCOMPARE(cachedDescriptions(result.inventory.id), m_descriptions);
    // The downloaded output is removed once imported.
    QCOMPARE(QDir(m_cacheDir->filePath("work")).entryList(QDir::Files), QStringList{});
}

void TestInventoryRetrieval::csvFollowsMarkers()
{
    InventoryRequest request;
    request.format = "CSV";
    request.limit = 2;
    const RetrievalResult result = retrieve(request);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->message : QString()));
    QCOMPARE(result.jobIds.size(), 3); // 2 + 2 + 1
    QCOMPARE(result.inventory.parts, 3);
    QCOMPARE(result.inventory.archiveCount, m_descriptions.size());
    QCOMPARE(result.inventory.format, QStringLiteral("CSV"));
    QVERIFY(result.inventory.inventoryDateTime.isValid()); // the first job's CompletionDate
    QCOMPARE(cachedDescriptions(result.inventory.id), m_descriptions);
    InventoryReader reader(m_cacheDir->filePath("cache.sqlite"));
    QCOMPARE(reader.inventories(VaultKey{"test", EmulatorProcess::region(), "inv"})->size(), 1);
}

void TestInventoryRetrieval::markerReportedWhenNotFollowed()
{
    InventoryRequest request;
    request.limit = 3;
    const RetrievalResult result = retrieve(request, false);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->message : QString()));
    QCOMPARE(result.jobIds.size(), 1);
    QCOMPARE(result.inventory.archiveCount, 3);
    QVERIFY(result.nextMarker);
    QVERIFY(!result.nextMarker->isEmpty());
}

void TestInventoryRetrieval::unknownJobFails()
{
    const RetrievalResult result = retrieve(InventoryRequest{}, true, "no-such-job");
    QVERIFY(!result.ok());
    QVERIFY(result.awsError);
    QCOMPARE(result.awsError->code, QStringLiteral("ResourceNotFoundException"));
}

QTEST_GUILESS_MAIN(TestInventoryRetrieval)
#include "tst_inventoryretrieval.moc"
