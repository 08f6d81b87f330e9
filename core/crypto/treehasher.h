#pragma once

#include "sha256.h"

#include <QByteArrayView>
#include <QtGlobal>

#include <vector>

namespace thaw::crypto {

// The SHA-256 tree hash of some data and the hashes of its 1 MiB leaves.
struct TreeHash
{
    Digest root{};
    // One per started MiB; empty data has one leaf, the hash of nothing, so that
    // combineTreeHashes(leaves) == root always holds.
    std::vector<Digest> leaves;
    qint64 size = 0;
};

// Computes a SHA-256 tree hash of data fed in pieces of any size, split anywhere.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/checksum-calculations.html
class TreeHasher final
{
public:
    void addData(const void *data, qint64 size);
    void addData(QByteArrayView data) { addData(data.data(), data.size()); }

    qint64 size() const { return m_size; }

    // Returns the tree hash of everything fed, and starts over.
    TreeHash finish();

    static TreeHash hash(QByteArrayView data);

private:
    Sha256 m_leaf;
    qint64 m_leafFill = 0; // bytes fed into m_leaf so far
    qint64 m_size = 0;
    std::vector<Digest> m_leaves;
};

} // namespace thaw::crypto
