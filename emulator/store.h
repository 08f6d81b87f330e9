#pragma once

#include "core/crypto/sha256.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace thaw::emulator {

struct Archive final
{
    QString id;
    QString vault;
    QByteArray description; // as sent in x-amz-archive-description (bytes, usually ASCII)
    QDateTime creationDate;
    qint64 size = 0;
    crypto::Digest treeHash{};
    std::vector<crypto::Digest> leaves; // 1 MiB leaf hashes, so aligned ranges need no reread
    QString dataPath;
};

struct Vault final
{
    QString name;
    QDateTime creationDate;
    QStringList archiveIds; // in upload order
    std::optional<QDateTime> lastInventoryDate;
};

// The tree hash of archive bytes [first, last] combined from the stored leaf hashes, when the
// range is tree-hash aligned (checksum-calculations-range.md); nullopt otherwise.
std::optional<crypto::Digest> rangeTreeHash(const Archive &archive, qint64 first, qint64 last);

enum class JobType { ArchiveRetrieval, InventoryRetrieval };

struct Job final
{
    QString id;
    QString vault;
    JobType type = JobType::ArchiveRetrieval;
    QString description;
    QString snsTopic;
    QString tier = QStringLiteral("Standard");
    QDateTime creationDate;
    QDateTime completionDate; // when it completes (creation + job delay, or as seeded)
    // Seeded jobs only (--seed): the job ends Failed at completionDate with this message.
    bool failed = false;
    QString statusMessage;
    // Archive retrieval
    QString archiveId;
    qint64 rangeStart = 0;
    qint64 rangeEnd = -1; // inclusive, within the archive
    bool rangeGiven = false;
    // Inventory retrieval
    QString format = QStringLiteral("JSON");
    std::optional<QDateTime> startDate;
    std::optional<QDateTime> endDate;
    std::optional<qint64> limit;
    QString marker;     // as given
    QString nextMarker; // where a truncated inventory continues; empty when complete
    QString outputPath; // inventory output file
    qint64 inventorySize = 0;

    qint64 outputSize() const
    {
        return type == JobType::ArchiveRetrieval ? rangeEnd - rangeStart + 1 : inventorySize;
    }
};

// Vaults, archives and jobs, kept in memory and mirrored under the data directory:
// state.json (metadata), archives/<id>.data (bytes), archives/<id>.leaves (leaf hashes),
// jobs/<id>.out (inventory outputs).
class Store final
{
public:
    explicit Store(QString dataDir);

    bool load(QString *error);
    bool save(QString *error = nullptr) const;

    QString dataDir() const { return m_dataDir; }

    QStringList vaultNames() const; // sorted, as ListVaults returns them
    Vault *vault(const QString &name);
    Vault &createVault(const QString &name, const QDateTime &now);

    const Archive *archive(const QString &id) const;
    // Stores data as a new archive of the vault; the bytes are written to disk first.
    const Archive *addArchive(const QString &vault, const QByteArray &description,
                              const QByteArray &data, const QDateTime &now, QString *error);
    // The same for a file on disk (the --seed-archive option): copied, then hashed.
    const Archive *addArchiveFromFile(const QString &vault, const QByteArray &description,
                                      const QString &file, const QDateTime &now, QString *error);
    qint64 vaultSize(const Vault &vault) const;

    Job *job(const QString &id);
    QList<const Job *> jobsOf(const QString &vault) const; // in creation order
    Job &addJob(Job job);

    static QString newId(int length);

private:
    const Archive *registerArchive(Archive archive);

    QString m_dataDir;
    QHash<QString, Vault> m_vaults;
    QHash<QString, Archive> m_archives;
    QHash<QString, Job> m_jobs;
    QStringList m_jobOrder;
};

} // namespace thaw::emulator
