#include "store.h"

#include "core/crypto/filetreehash.h"
#include "core/crypto/rangealignment.h"
#include "core/crypto/treehashcombine.h"
#include "core/crypto/treehasher.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>

#include <algorithm>
#include <span>

namespace thaw::emulator {

namespace {

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromIso(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC();
}

bool writeLeaves(const QString &path, const std::vector<crypto::Digest> &leaves)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    for (const crypto::Digest &leaf : leaves)
        file.write(reinterpret_cast<const char *>(leaf.data()), qint64(leaf.size()));
    return file.commit();
}

std::vector<crypto::Digest> readLeaves(const QString &path)
{
    QFile file(path);
    std::vector<crypto::Digest> leaves;
    if (!file.open(QIODevice::ReadOnly))
        return leaves;
    const QByteArray bytes = file.readAll();
    for (qsizetype at = 0; at + 32 <= bytes.size(); at += 32) {
        crypto::Digest leaf;
        std::copy_n(reinterpret_cast<const unsigned char *>(bytes.constData() + at), 32,
                    leaf.begin());
        leaves.push_back(leaf);
    }
    return leaves;
}

} // namespace

// The tree hash of archive bytes [first, last] from the stored leaf hashes, for a tree-hash
// aligned range; nullopt otherwise.
std::optional<crypto::Digest> rangeTreeHash(const Archive &archive, qint64 first, qint64 last)
{
    if (!crypto::isTreeHashAligned(first, last, archive.size))
        return std::nullopt;
    const qsizetype from = qsizetype(first / crypto::TreeHashLeafSize);
    const qsizetype to = qsizetype((last + crypto::TreeHashLeafSize) / crypto::TreeHashLeafSize);
    if (to > qsizetype(archive.leaves.size()))
        return std::nullopt;
    return crypto::combineTreeHashes(
        std::span<const crypto::Digest>(archive.leaves.data() + from, size_t(to - from)));
}

Store::Store(QString dataDir)
    : m_dataDir(std::move(dataDir))
{}

QString Store::newId(int length)
{
    static const char alphabet[]
        = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    QString id;
    id.reserve(length);
    for (int i = 0; i < length; ++i)
        id += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(64)]);
    return id;
}

bool Store::load(QString *error)
{
    QDir dir(m_dataDir);
    if (!dir.mkpath(QStringLiteral("archives")) || !dir.mkpath(QStringLiteral("jobs"))) {
        *error = QStringLiteral("cannot create the data directory %1").arg(m_dataDir);
        return false;
    }
    QFile file(dir.filePath(QStringLiteral("state.json")));
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    for (const QJsonValue &v : root.value(QStringLiteral("vaults")).toArray()) {
        const QJsonObject o = v.toObject();
        Vault vault;
        vault.name = o.value(QStringLiteral("name")).toString();
        vault.creationDate = fromIso(o.value(QStringLiteral("creationDate")));
        if (o.contains(QStringLiteral("lastInventoryDate")))
            vault.lastInventoryDate = fromIso(o.value(QStringLiteral("lastInventoryDate")));
        m_vaults.insert(vault.name, vault);
    }
    for (const QJsonValue &v : root.value(QStringLiteral("archives")).toArray()) {
        const QJsonObject o = v.toObject();
        Archive a;
        a.id = o.value(QStringLiteral("id")).toString();
        a.vault = o.value(QStringLiteral("vault")).toString();
        a.description
            = QByteArray::fromBase64(o.value(QStringLiteral("description")).toString().toLatin1());
        a.creationDate = fromIso(o.value(QStringLiteral("creationDate")));
        a.size = qint64(o.value(QStringLiteral("size")).toDouble());
        a.treeHash
            = crypto::digestFromHex(o.value(QStringLiteral("treeHash")).toString().toLatin1())
                  .value_or(crypto::Digest{});
        a.dataPath = dir.filePath(QStringLiteral("archives/%1.data").arg(a.id));
        a.leaves = readLeaves(dir.filePath(QStringLiteral("archives/%1.leaves").arg(a.id)));
        if (m_vaults.contains(a.vault))
            m_vaults[a.vault].archiveIds.append(a.id);
        m_archives.insert(a.id, a);
    }
    for (const QJsonValue &v : root.value(QStringLiteral("jobs")).toArray()) {
        const QJsonObject o = v.toObject();
        Job j;
        j.id = o.value(QStringLiteral("id")).toString();
        j.vault = o.value(QStringLiteral("vault")).toString();
        j.type = o.value(QStringLiteral("type")).toString() == u"inventory"
                     ? JobType::InventoryRetrieval
                     : JobType::ArchiveRetrieval;
        j.description = o.value(QStringLiteral("description")).toString();
        j.snsTopic = o.value(QStringLiteral("snsTopic")).toString();
        j.tier = o.value(QStringLiteral("tier")).toString();
        j.creationDate = fromIso(o.value(QStringLiteral("creationDate")));
        j.completionDate = fromIso(o.value(QStringLiteral("completionDate")));
        j.archiveId = o.value(QStringLiteral("archiveId")).toString();
        j.rangeStart = qint64(o.value(QStringLiteral("rangeStart")).toDouble());
        j.rangeEnd = qint64(o.value(QStringLiteral("rangeEnd")).toDouble());
        j.rangeGiven = o.value(QStringLiteral("rangeGiven")).toBool();
        j.format = o.value(QStringLiteral("format")).toString();
        if (o.contains(QStringLiteral("startDate")))
            j.startDate = fromIso(o.value(QStringLiteral("startDate")));
        if (o.contains(QStringLiteral("endDate")))
            j.endDate = fromIso(o.value(QStringLiteral("endDate")));
        if (o.contains(QStringLiteral("limit")))
            j.limit = qint64(o.value(QStringLiteral("limit")).toDouble());
        j.marker = o.value(QStringLiteral("marker")).toString();
        j.nextMarker = o.value(QStringLiteral("nextMarker")).toString();
        j.outputPath = o.value(QStringLiteral("outputPath")).toString();
        j.inventorySize = qint64(o.value(QStringLiteral("inventorySize")).toDouble());
        j.failed = o.value(QStringLiteral("failed")).toBool();
        j.statusMessage = o.value(QStringLiteral("statusMessage")).toString();
        m_jobs.insert(j.id, j);
        m_jobOrder.append(j.id);
    }
    return true;
}

bool Store::save(QString *error) const
{
    QJsonArray vaults, archives, jobs;
    for (const Vault &vault : m_vaults) {
        QJsonObject o{{QStringLiteral("name"), vault.name},
                      {QStringLiteral("creationDate"), iso(vault.creationDate)}};
        if (vault.lastInventoryDate)
            o.insert(QStringLiteral("lastInventoryDate"), iso(*vault.lastInventoryDate));
        vaults.append(o);
        for (const QString &id : vault.archiveIds) {
            const Archive &a = m_archives[id];
            archives.append(QJsonObject{
                {QStringLiteral("id"), a.id},
                {QStringLiteral("vault"), a.vault},
                {QStringLiteral("description"), QString::fromLatin1(a.description.toBase64())},
                {QStringLiteral("creationDate"), iso(a.creationDate)},
                {QStringLiteral("size"), double(a.size)},
                {QStringLiteral("treeHash"), QString::fromLatin1(crypto::toHex(a.treeHash))}});
        }
    }
    for (const QString &id : m_jobOrder) {
        const Job &j = m_jobs[id];
        QJsonObject o{{QStringLiteral("id"), j.id},
                      {QStringLiteral("vault"), j.vault},
                      {QStringLiteral("type"), j.type == JobType::InventoryRetrieval
                                                   ? QStringLiteral("inventory")
                                                   : QStringLiteral("archive")},
                      {QStringLiteral("description"), j.description},
                      {QStringLiteral("snsTopic"), j.snsTopic},
                      {QStringLiteral("tier"), j.tier},
                      {QStringLiteral("creationDate"), iso(j.creationDate)},
                      {QStringLiteral("completionDate"), iso(j.completionDate)},
                      {QStringLiteral("archiveId"), j.archiveId},
                      {QStringLiteral("rangeStart"), double(j.rangeStart)},
                      {QStringLiteral("rangeEnd"), double(j.rangeEnd)},
                      {QStringLiteral("rangeGiven"), j.rangeGiven},
                      {QStringLiteral("format"), j.format},
                      {QStringLiteral("marker"), j.marker},
                      {QStringLiteral("nextMarker"), j.nextMarker},
                      {QStringLiteral("outputPath"), j.outputPath},
                      {QStringLiteral("inventorySize"), double(j.inventorySize)}};
        if (j.startDate)
            o.insert(QStringLiteral("startDate"), iso(*j.startDate));
        if (j.endDate)
            o.insert(QStringLiteral("endDate"), iso(*j.endDate));
        if (j.limit)
            o.insert(QStringLiteral("limit"), double(*j.limit));
        if (j.failed) {
            o.insert(QStringLiteral("failed"), true);
            o.insert(QStringLiteral("statusMessage"), j.statusMessage);
        }
        jobs.append(o);
    }
    QSaveFile file(QDir(m_dataDir).filePath(QStringLiteral("state.json")));
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("vaults"), vaults},
                                         {QStringLiteral("archives"), archives},
                                         {QStringLiteral("jobs"), jobs}})
                   .toJson());
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QStringList Store::vaultNames() const
{
    QStringList names = m_vaults.keys();
    std::sort(names.begin(), names.end());
    return names;
}

Vault *Store::vault(const QString &name)
{
    const auto it = m_vaults.find(name);
    return it == m_vaults.end() ? nullptr : &it.value();
}

Vault &Store::createVault(const QString &name, const QDateTime &now)
{
    const auto it = m_vaults.find(name);
    if (it != m_vaults.end())
        return it.value(); // Create Vault is idempotent
    Vault vault;
    vault.name = name;
    vault.creationDate = now;
    return m_vaults.insert(name, vault).value();
}

const Archive *Store::archive(const QString &id) const
{
    const auto it = m_archives.constFind(id);
    return it == m_archives.constEnd() ? nullptr : &it.value();
}

const Archive *Store::addArchive(const QString &vault, const QByteArray &description,
                                 const QByteArray &data, const QDateTime &now, QString *error)
{
    Archive a;
    a.id = newId(138);
    a.vault = vault;
    a.description = description;
    a.creationDate = now;
    a.size = data.size();
    const crypto::TreeHash hash = crypto::TreeHasher::hash(data);
    a.treeHash = hash.root;
    a.leaves = hash.leaves;
    a.dataPath = QDir(m_dataDir).filePath(QStringLiteral("archives/%1.data").arg(a.id));
    QSaveFile file(a.dataPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        *error = file.errorString();
        return nullptr;
    }
    return registerArchive(std::move(a));
}

const Archive *Store::addArchiveFromFile(const QString &vault, const QByteArray &description,
                                         const QString &path, const QDateTime &now, QString *error)
{
    Archive a;
    a.id = newId(138);
    a.vault = vault;
    a.description = description;
    a.creationDate = now;
    a.dataPath = QDir(m_dataDir).filePath(QStringLiteral("archives/%1.data").arg(a.id));
    if (!QFile::copy(path, a.dataPath)) {
        *error = QStringLiteral("cannot copy %1").arg(path);
        return nullptr;
    }
    const crypto::FileTreeHashResult hash = crypto::treeHashFile(a.dataPath);
    if (!hash.ok()) {
        *error = hash.error;
        return nullptr;
    }
    a.size = hash.treeHash.size;
    a.treeHash = hash.treeHash.root;
    a.leaves = hash.treeHash.leaves;
    return registerArchive(std::move(a));
}

const Archive *Store::registerArchive(Archive a)
{
    writeLeaves(QDir(m_dataDir).filePath(QStringLiteral("archives/%1.leaves").arg(a.id)), a.leaves);
    createVault(a.vault, a.creationDate).archiveIds.append(a.id);
    const QString id = a.id;
    m_archives.insert(id, std::move(a));
    save();
    return &m_archives[id];
}

qint64 Store::vaultSize(const Vault &vault) const
{
    qint64 total = 0;
    for (const QString &id : vault.archiveIds)
        total += m_archives.value(id).size;
    return total;
}

Job *Store::job(const QString &id)
{
    const auto it = m_jobs.find(id);
    return it == m_jobs.end() ? nullptr : &it.value();
}

QList<const Job *> Store::jobsOf(const QString &vault) const
{
    QList<const Job *> jobs;
    for (const QString &id : m_jobOrder) {
        const auto it = m_jobs.constFind(id);
        if (it != m_jobs.constEnd() && it->vault == vault)
            jobs.append(&it.value());
    }
    return jobs;
}

Job &Store::addJob(Job job)
{
    const QString id = job.id;
    m_jobOrder.append(id);
    Job &stored = m_jobs.insert(id, std::move(job)).value();
    save();
    return stored;
}

} // namespace thaw::emulator
