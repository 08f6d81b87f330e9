#pragma once

// Shared by the Inventory view tests: a generated inventory imported through the core importer
// into a temporary cache, and a ClientProvider for thaw-emulator.

#include "core/glacier/glacierclient.h"
#include "core/inventory/inventoryimporter.h"
#include "ui/clientprovider.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <memory>

namespace thaw::ui::test {

struct GeneratedArchive
{
    QString archiveId;
    QString description;
    QString creationDate; // ISO 8601
    qint64 size = 0;
    QString treeHash;
};

// An inventory in Glacier's JSON format (vault-inventory.md).
inline QByteArray inventoryJson(const QList<GeneratedArchive> &archives,
                                const QString &inventoryDate = QStringLiteral("2026-11-20T08:00:00Z"))
{
    QJsonArray list;
    for (const GeneratedArchive &archive : archives) {
        list.append(QJsonObject{
            {QStringLiteral("ArchiveId"), archive.archiveId},
            {QStringLiteral("ArchiveDescription"), archive.description},
            {QStringLiteral("CreationDate"), archive.creationDate},
            {QStringLiteral("Size"), archive.size},
            {QStringLiteral("SHA256TreeHash"), archive.treeHash},
        });
    }
    const QJsonObject root{
        {QStringLiteral("VaultARN"),
         QStringLiteral("arn:aws:glacier:us-east-1:012345678901:vaults/photos")},
        {QStringLiteral("InventoryDate"), inventoryDate},
        {QStringLiteral("ArchiveList"), list},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

// Archive i of a generated vault: names spread over folders "dir<k>/sub<m>/file<i>.dat",
// sizes and dates that differ from the name order.
inline GeneratedArchive generatedArchive(int i)
{
    GeneratedArchive archive;
    archive.archiveId = QStringLiteral("id%1").arg(i, 8, 10, QLatin1Char('0'))
                        + QString(130, QLatin1Char('x'));
    archive.description = QStringLiteral("dir%1/sub%2/file%3.dat")
                              .arg(i % 7)
                              .arg(i % 3)
                              .arg(i, 6, 10, QLatin1Char('0'));
    archive.size = qint64((i * 7919) % 100'000) + 1;
    archive.creationDate = QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC)
                               .addSecs(qint64((i * 104729) % 10'000'000))
                               .toString(Qt::ISODate);
    archive.treeHash = QString(64, QLatin1Char('a' + i % 6));
    return archive;
}

inline QList<GeneratedArchive> generatedArchives(int count)
{
    QList<GeneratedArchive> archives;
    archives.reserve(count);
    for (int i = 0; i < count; ++i)
        archives.append(generatedArchive(i));
    return archives;
}

inline inventory::CacheResult<inventory::InventorySummary>
importInventory(const QString &cachePath, const inventory::VaultKey &vault, QByteArray json)
{
    QBuffer buffer(&json);
    buffer.open(QIODevice::ReadOnly);
    inventory::InventoryImporter importer(cachePath);
    inventory::ImportOptions options;
    options.vault = vault;
    return importer.importDevice(buffer, options, json.size());
}

// GlacierClient for a thaw-emulator at baseUrl, with the emulator's test credentials.
class EmulatorClients final : public ClientProvider
{
public:
    EmulatorClients(const QUrl &baseUrl, const QString &region, const QString &accessKey,
                    const QString &secretKey)
    {
        glacier::GlacierClient::Options options;
        options.retryPolicy.baseDelay = std::chrono::milliseconds(1);
        options.retryPolicy.maxDelay = std::chrono::milliseconds(5);
        m_client = std::make_unique<glacier::GlacierClient>(
            &m_network, baseUrl, region, aws::Credentials(accessKey, secretKey), options);
        m_region = region;
    }

    glacier::GlacierClient *client(const QString &account, const QString &region) override
    {
        return account == QStringLiteral("test") && region == m_region ? m_client.get()
                                                                        : nullptr;
    }
    QString errorString(const QString &account, const QString &) const override
    {
        return QStringLiteral("No account named %1").arg(account);
    }

private:
    QNetworkAccessManager m_network;
    std::unique_ptr<glacier::GlacierClient> m_client;
    QString m_region;
};

} // namespace thaw::ui::test
