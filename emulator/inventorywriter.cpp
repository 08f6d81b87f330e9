#include "inventorywriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace thaw::emulator::inventory {

QByteArray toJson(const QString &vaultArn, const QDateTime &inventoryDate,
                  const QList<const Archive *> &archives)
{
    QJsonArray list;
    for (const Archive *a : archives) {
        list.append(QJsonObject{
            {QStringLiteral("ArchiveId"), a->id},
            {QStringLiteral("ArchiveDescription"), QString::fromUtf8(a->description)},
            {QStringLiteral("CreationDate"), a->creationDate.toUTC().toString(Qt::ISODate)},
            {QStringLiteral("Size"), double(a->size)},
            {QStringLiteral("SHA256TreeHash"), QString::fromLatin1(crypto::toHex(a->treeHash))}});
    }
    const QJsonObject root{
        {QStringLiteral("VaultARN"), vaultArn},
        {QStringLiteral("InventoryDate"), inventoryDate.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("ArchiveList"), list}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QByteArray csvField(const QByteArray &value)
{
    if (!value.contains(',') && !value.contains('"') && !value.contains('\n')
        && !value.contains('\r')) {
        return value;
    }
    QByteArray quoted = "\"";
    for (const char c : value) {
        if (c == '"')
            quoted += '\\';
        quoted += c;
    }
    return quoted + '"';
}

QByteArray toCsv(const QList<const Archive *> &archives)
{
    QByteArray csv = "ArchiveId,ArchiveDescription,CreationDate,Size,SHA256TreeHash\n";
    for (const Archive *a : archives) {
        csv += csvField(a->id.toLatin1()) + ',' + csvField(a->description) + ','
               + a->creationDate.toUTC().toString(Qt::ISODate).toLatin1() + ','
               + QByteArray::number(a->size) + ',' + crypto::toHex(a->treeHash) + '\n';
    }
    return csv;
}

} // namespace thaw::emulator::inventory
