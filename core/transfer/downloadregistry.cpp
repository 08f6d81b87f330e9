#include "downloadregistry.h"

#include <QDir>
#include <QJsonParseError>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>

#include <algorithm>

#include <fcntl.h>
#include <unistd.h>

namespace thaw::transfer {

namespace {

using namespace Qt::StringLiterals;

constexpr int kFormatVersion = 1;

bool syncDirectoryOf(const QString &path, QString *error)
{
    const QByteArray dir = QFile::encodeName(QFileInfo(path).absolutePath());
    const int fd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0)
            ::close(fd);
        *error = u"cannot sync the folder of %1"_s.arg(path);
        return false;
    }
    ::close(fd);
    return true;
}

QJsonObject toObject(const RegisteredDownload &d)
{
    return QJsonObject{
        {u"id"_s, d.id},
        {u"account"_s, d.account},
        {u"region"_s, d.region},
        {u"vault"_s, d.vault},
        {u"jobId"_s, d.jobId},
        {u"outputPath"_s, d.outputPath},
        {u"label"_s, d.label},
        {u"totalBytes"_s, double(d.totalBytes)},
        {u"chunkSizeMiB"_s, double(d.chunkSizeMiB)},
        {u"parallel"_s, d.parallel},
        {u"limitRate"_s, double(d.limitRate)},
        {u"paused"_s, d.paused},
        {u"waitingForJob"_s, d.waitingForJob},
        {u"added"_s, d.added.toUTC().toString(Qt::ISODateWithMs)},
    };
}

std::optional<RegisteredDownload> fromObject(const QJsonObject &o)
{
    RegisteredDownload d;
    d.id = o.value(u"id"_s).toString();
    d.account = o.value(u"account"_s).toString();
    d.region = o.value(u"region"_s).toString();
    d.vault = o.value(u"vault"_s).toString();
    d.jobId = o.value(u"jobId"_s).toString();
    d.outputPath = o.value(u"outputPath"_s).toString();
    if (d.id.isEmpty() || d.region.isEmpty() || d.vault.isEmpty() || d.jobId.isEmpty()
        || d.outputPath.isEmpty() || !QDir::isAbsolutePath(d.outputPath))
        return std::nullopt;
    d.label = o.value(u"label"_s).toString();
    d.totalBytes = std::max<qint64>(0, qint64(o.value(u"totalBytes"_s).toDouble()));
    d.chunkSizeMiB = std::max<qint64>(0, qint64(o.value(u"chunkSizeMiB"_s).toDouble()));
    // A power of two or nothing: anything else is left to the engine's default.
    if (d.chunkSizeMiB & (d.chunkSizeMiB - 1))
        d.chunkSizeMiB = 0;
    d.parallel = std::clamp(o.value(u"parallel"_s).toInt(4), 1, 64);
    d.limitRate = std::max<qint64>(0, qint64(o.value(u"limitRate"_s).toDouble()));
    d.paused = o.value(u"paused"_s).toBool();
    d.waitingForJob = o.value(u"waitingForJob"_s).toBool();
    d.added = QDateTime::fromString(o.value(u"added"_s).toString(), Qt::ISODateWithMs);
    return d;
}

} // namespace

DownloadRegistry::DownloadRegistry(QString path)
    : m_path(std::move(path))
{}

QString DownloadRegistry::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(u"downloads.json"_s);
}

QByteArray DownloadRegistry::toJson(const QList<RegisteredDownload> &entries)
{
    QJsonArray list;
    for (const RegisteredDownload &d : entries)
        list.append(toObject(d));
    return QJsonDocument(QJsonObject{{u"version"_s, kFormatVersion}, {u"downloads"_s, list}})
        .toJson(QJsonDocument::Indented);
}

std::optional<QList<RegisteredDownload>>
DownloadRegistry::fromJson(const QByteArray &json, int *skipped, QString *error)
{
    *skipped = 0;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"not JSON: %1 at offset %2"_s.arg(parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    if (!document.isObject() || root.value(u"version"_s).toInt() != kFormatVersion
        || !root.value(u"downloads"_s).isArray()) {
        *error = u"not a version %1 download registry"_s.arg(kFormatVersion);
        return std::nullopt;
    }
    QList<RegisteredDownload> entries;
    QSet<QString> ids;
    for (const QJsonValue &value : root.value(u"downloads"_s).toArray()) {
        std::optional<RegisteredDownload> d = fromObject(value.toObject());
        if (!d || ids.contains(d->id)) {
            ++*skipped;
            continue;
        }
        ids.insert(d->id);
        entries.append(std::move(*d));
    }
    return entries;
}

bool DownloadRegistry::load(QString *error)
{
    m_entries.clear();
    m_index.clear();
    m_dirty = false;
    m_skipped = 0;
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    QString why;
    std::optional<QList<RegisteredDownload>> entries = fromJson(file.readAll(), &m_skipped, &why);
    file.close();
    if (!entries) {
        const QString aside = m_path + u".corrupt"_s;
        QFile::remove(aside);
        const bool moved = QFile::rename(m_path, aside);
        *error = u"%1 is not a Thaw download list (%2); %3"_s.arg(
            m_path, why,
            moved ? u"it was moved to %1"_s.arg(aside) : u"it could not be moved aside"_s);
        return false;
    }
    m_entries = std::move(*entries);
    reindexFrom(0);
    return true;
}

void DownloadRegistry::reindexFrom(qsizetype first)
{
    if (first == 0)
        m_index.clear();
    for (qsizetype i = first; i < m_entries.size(); ++i)
        m_index.insert(m_entries.at(i).id, i);
}

std::optional<RegisteredDownload> DownloadRegistry::entry(const QString &id) const
{
    const auto it = m_index.constFind(id);
    if (it == m_index.cend())
        return std::nullopt;
    return m_entries.at(*it);
}

bool DownloadRegistry::put(const RegisteredDownload &download, QString *error)
{
    QList<RegisteredDownload> entries = m_entries;
    const auto it = m_index.constFind(download.id);
    if (it != m_index.cend())
        entries[*it] = download;
    else
        entries.append(download);
    if (!save(entries, error))
        return false;
    m_entries = std::move(entries);
    if (it == m_index.cend())
        m_index.insert(download.id, m_entries.size() - 1);
    m_dirty = false;
    return true;
}

bool DownloadRegistry::remove(const QString &id, QString *error)
{
    const auto it = m_index.constFind(id);
    if (it == m_index.cend())
        return m_dirty ? flush(error) : true;
    QList<RegisteredDownload> entries = m_entries;
    const qsizetype at = *it;
    entries.removeAt(at);
    if (!save(entries, error))
        return false;
    m_entries = std::move(entries);
    m_index.remove(id);
    reindexFrom(at);
    m_dirty = false;
    return true;
}

void DownloadRegistry::set(const RegisteredDownload &download)
{
    const auto it = m_index.constFind(download.id);
    if (it != m_index.cend()) {
        if (m_entries.at(*it) == download)
            return;
        m_entries[*it] = download;
    } else {
        m_entries.append(download);
        m_index.insert(download.id, m_entries.size() - 1);
    }
    m_dirty = true;
}

void DownloadRegistry::erase(const QString &id)
{
    const auto it = m_index.constFind(id);
    if (it == m_index.cend())
        return;
    const qsizetype at = *it;
    m_entries.removeAt(at);
    m_index.remove(id);
    reindexFrom(at);
    m_dirty = true;
}

bool DownloadRegistry::flush(QString *error)
{
    if (!m_dirty)
        return true;
    if (!save(m_entries, error))
        return false;
    m_dirty = false;
    return true;
}

QList<RegisteredDownload> DownloadRegistry::takeSnapshot()
{
    m_dirty = false;
    return m_entries;
}

bool DownloadRegistry::save(const QList<RegisteredDownload> &entries, QString *error)
{
    ++m_saveCount;
    return writeFile(m_path, entries, error);
}

bool DownloadRegistry::writeFile(const QString &path, const QList<RegisteredDownload> &entries,
                                 QString *error)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir)) {
        *error = u"cannot create %1"_s.arg(dir);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    const QByteArray json = toJson(entries);
    // QSaveFile renames without syncing the temporary first: sync it, then the folder, so that
    // after a power cut the file is the old list or the new one.
    if (file.write(json) != json.size() || !file.flush() || ::fsync(file.handle()) != 0
        || !file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    return syncDirectoryOf(path, error);
}

} // namespace thaw::transfer
