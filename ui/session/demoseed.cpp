#include "demoseed.h"

#include <QFile>
#include <QJsonDocument>

namespace thaw::ui {

namespace {

constexpr qint64 MiB = 1 << 20;
constexpr double Hour = 3600;

QJsonObject archiveJob(int archive, const QString &tier, const QString &status, double created,
                       double completed, const QString &description)
{
    QJsonObject job{{QStringLiteral("type"), QStringLiteral("archive-retrieval")},
                    {QStringLiteral("archive"), archive},
                    {QStringLiteral("tier"), tier},
                    {QStringLiteral("status"), status},
                    {QStringLiteral("creationDate"), created},
                    {QStringLiteral("completionDate"), completed},
                    {QStringLiteral("description"), description}};
    if (status == u"Failed")
        job.insert(QStringLiteral("statusMessage"),
                   QStringLiteral("The retrieval failed: the archive could not be read. Start a "
                                  "new retrieval job."));
    return job;
}

} // namespace

QJsonObject demoSeed(const QJsonArray &descriptionSamples)
{
    QJsonArray archives;
    for (qsizetype i = 0; i < descriptionSamples.size(); ++i) {
        const QJsonObject sample = descriptionSamples.at(i).toObject();
        // Small stand-ins for the real sizes; the first is big enough for a chunked download.
        const qint64 size
            = i == 0 ? 12 * MiB + 123
                     : qBound<qint64>(1024,
                                      qint64(sample.value(QStringLiteral("size")).toDouble(65536)),
                                      2 * MiB);
        archives.append(QJsonObject{
            {QStringLiteral("description"), sample.value(QStringLiteral("raw")).toString()},
            {QStringLiteral("size"), double(size)},
            {QStringLiteral("creationDate"), -Hour * 24 * (400 - 7 * double(i))}});
    }
    const int last = int(archives.size()) - 1;
    auto pick = [last](int i) {
        return qMin(i, qMax(last, 0));
    };
    QJsonArray jobs{
        QJsonObject{{QStringLiteral("type"), QStringLiteral("inventory-retrieval")},
                    {QStringLiteral("format"), QStringLiteral("JSON")},
                    {QStringLiteral("status"), QStringLiteral("Succeeded")},
                    {QStringLiteral("creationDate"), -6 * Hour},
                    {QStringLiteral("completionDate"), -2 * Hour},
                    {QStringLiteral("description"), QStringLiteral("Inventory for the demo")}}};
    if (last >= 0) {
        jobs.append(archiveJob(pick(0), QStringLiteral("Standard"), QStringLiteral("Succeeded"),
                               -5 * Hour, -1 * Hour, QStringLiteral("Ready to download")));
        jobs.append(archiveJob(pick(1), QStringLiteral("Standard"), QStringLiteral("Succeeded"),
                               -28 * Hour, -23.5 * Hour,
                               QStringLiteral("About to expire: its output goes in 30 minutes")));
        jobs.append(archiveJob(pick(2), QStringLiteral("Standard"), QStringLiteral("InProgress"),
                               -1 * Hour, 3 * Hour, QStringLiteral("Standard: 3 to 5 hours")));
        jobs.append(archiveJob(pick(3), QStringLiteral("Bulk"), QStringLiteral("InProgress"),
                               -2 * Hour, 9 * Hour, QStringLiteral("Bulk: 5 to 12 hours")));
        jobs.append(archiveJob(pick(4), QStringLiteral("Expedited"), QStringLiteral("Failed"),
                               -3 * Hour, -2.9 * Hour, QStringLiteral("A failed retrieval")));
        jobs.append(archiveJob(pick(5), QStringLiteral("Standard"), QStringLiteral("Succeeded"),
                               -40 * Hour, -36 * Hour,
                               QStringLiteral("Expired: its output window has passed")));
    }
    const QJsonObject photos{{QStringLiteral("name"), QStringLiteral("demo-photos")},
                             {QStringLiteral("creationDate"), -Hour * 24 * 420},
                             {QStringLiteral("archives"), archives},
                             {QStringLiteral("jobs"), jobs}};
    const QJsonObject documents{
        {QStringLiteral("name"), QStringLiteral("demo-documents")},
        {QStringLiteral("creationDate"), -Hour * 24 * 200},
        {QStringLiteral("archives"),
         QJsonArray{QJsonObject{{QStringLiteral("description"), QStringLiteral("taxes-2019.zip")},
                                {QStringLiteral("size"), double(300 * 1024)}},
                    QJsonObject{{QStringLiteral("description"), QStringLiteral("letters.tar.gz")},
                                {QStringLiteral("size"), double(MiB + 17)}}}},
        {QStringLiteral("jobs"),
         QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("inventory-retrieval")},
                                {QStringLiteral("format"), QStringLiteral("CSV")},
                                {QStringLiteral("status"), QStringLiteral("InProgress")},
                                {QStringLiteral("creationDate"), -0.5 * Hour},
                                {QStringLiteral("completionDate"), 3.5 * Hour}}}}};
    const QJsonObject empty{{QStringLiteral("name"), QStringLiteral("demo-empty")},
                            {QStringLiteral("creationDate"), -Hour * 24 * 3}};
    return QJsonObject{{QStringLiteral("vaults"), QJsonArray{photos, documents, empty}}};
}

QJsonArray demoDescriptionSamples()
{
    QFile file(QStringLiteral(":/demo/samples.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).array();
}

} // namespace thaw::ui
