#pragma once

#include "core/inventory/inventoryimporter.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

// Inventories built for the cache, export and CLI tests, written with QJsonDocument (an
// implementation independent of the parser under test).
struct TestArchive
{
    QString id;
    QString description;
    QString creationDate;
    qint64 size = 0;
    QString treeHash;
};

inline QByteArray inventoryJson(const QString &inventoryDate, const QList<TestArchive> &archives,
                                const QString &vaultArn = QStringLiteral(
                                    "arn:aws:glacier:us-east-1:012345678901:vaults/v"))
{
    QJsonArray list;
    for (const TestArchive &a : archives) {
        list.append(QJsonObject{{"ArchiveId", a.id},
                                {"ArchiveDescription", a.description},
                                {"CreationDate", a.creationDate},
                                {"Size", double(a.size)},
                                {"SHA256TreeHash", a.treeHash}});
    }
    return QJsonDocument(QJsonObject{{"VaultARN", vaultArn},
                                     {"InventoryDate", inventoryDate},
                                     {"ArchiveList", list}})
        .toJson(QJsonDocument::Indented);
}

inline TestArchive testArchive(const QString &id, const QString &description, qint64 size,
                               const QString &creationDate = "2020-01-01T00:00:00Z")
{
    return TestArchive{id, description, creationDate, size, QString(64, QLatin1Char('0'))};
}

// Feeds bytes to an importer in reads of readSize bytes.
inline thaw::inventory::CacheResult<thaw::inventory::InventorySummary>
importBytes(thaw::inventory::InventoryImporter &importer, const QByteArray &bytes,
            const thaw::inventory::ImportOptions &options, qint64 readSize = 1 << 20)
{
    qint64 position = 0;
    return importer.importStream(
        [&](char *data, qint64 maxSize) -> qint64 {
            const qint64 n = std::min({maxSize, readSize, qint64(bytes.size()) - position});
            memcpy(data, bytes.constData() + position, size_t(n));
            position += n;
            return n;
        },
        options, bytes.size());
}
