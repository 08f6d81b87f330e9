#pragma once

// Shared by the crypto tests: the deterministic input pattern and the botocore vectors of
// tests/data/treehash/vectors.json (see generate.py there for how both are defined).

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <vector>

namespace thaw::crypto::test {

// Bytes [0, size) of the pattern: little-endian 32-bit words, word(n) = n * 0x9E3779B1 mod 2^32.
inline QByteArray pattern(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i) {
        const auto word = std::uint32_t(std::uint32_t(i / 4) * 0x9E3779B1u);
        bytes[i] = char((word >> (8 * (i % 4))) & 0xFF);
    }
    return bytes;
}

struct SizeVector
{
    qint64 size = 0;
    QByteArray treeHash; // lower-case hex
    QByteArray sha256;
    std::vector<QByteArray> leaves;
};

struct RangeVector
{
    qint64 first = 0;
    qint64 last = 0; // inclusive
    QByteArray treeHash;
    QByteArray sha256;
    bool treeHashAligned = false;
};

struct Vectors
{
    qint64 archiveSize = 0; // the archive RangeVector refers to: pattern(archiveSize)
    std::vector<SizeVector> sizes;
    std::vector<RangeVector> ranges;
    bool ok = false;
};

inline const Vectors &vectors()
{
    static const Vectors loaded = [] {
        Vectors result;
        QFile file(QStringLiteral(THAW_TEST_DATA_DIR "/treehash/vectors.json"));
        if (!file.open(QIODevice::ReadOnly))
            return result;
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        result.archiveSize = root.value(QStringLiteral("archiveSize")).toInteger();
        for (const QJsonValue &value : root.value(QStringLiteral("sizes")).toArray()) {
            const QJsonObject object = value.toObject();
            SizeVector vector;
            vector.size = object.value(QStringLiteral("size")).toInteger();
            vector.treeHash = object.value(QStringLiteral("treeHash")).toString().toLatin1();
            vector.sha256 = object.value(QStringLiteral("sha256")).toString().toLatin1();
            for (const QJsonValue &leaf : object.value(QStringLiteral("leaves")).toArray())
                vector.leaves.push_back(leaf.toString().toLatin1());
            result.sizes.push_back(vector);
        }
        for (const QJsonValue &value : root.value(QStringLiteral("ranges")).toArray()) {
            const QJsonObject object = value.toObject();
            RangeVector vector;
            vector.first = object.value(QStringLiteral("first")).toInteger();
            vector.last = object.value(QStringLiteral("last")).toInteger();
            vector.treeHash = object.value(QStringLiteral("treeHash")).toString().toLatin1();
            vector.sha256 = object.value(QStringLiteral("sha256")).toString().toLatin1();
            vector.treeHashAligned = object.value(QStringLiteral("treeHashAligned")).toBool();
            result.ranges.push_back(vector);
        }
        result.ok = !result.sizes.empty() && !result.ranges.empty() && result.archiveSize > 0;
        return result;
    }();
    return loaded;
}

// The whole archive the range vectors refer to, generated once per test process.
inline const QByteArray &archive()
{
    static const QByteArray bytes = pattern(vectors().archiveSize);
    return bytes;
}

inline QByteArray sizeTag(qint64 size)
{
    return QByteArray::number(size);
}

inline QByteArray rangeTag(const RangeVector &range)
{
    return QByteArray::number(range.first) + '-' + QByteArray::number(range.last);
}

} // namespace thaw::crypto::test
