#include "treehasher.h"

#include "treehashcombine.h"

#include <algorithm>
#include <utility>

namespace thaw::crypto {

void TreeHasher::addData(const void *data, qint64 size)
{
    const auto *bytes = static_cast<const unsigned char *>(data);
    while (size > 0) {
        const qint64 take = std::min(size, TreeHashLeafSize - m_leafFill);
        m_leaf.update(bytes, std::size_t(take));
        m_leafFill += take;
        m_size += take;
        bytes += take;
        size -= take;
        if (m_leafFill == TreeHashLeafSize) {
            m_leaves.push_back(m_leaf.finish());
            m_leafFill = 0;
        }
    }
}

TreeHash TreeHasher::finish()
{
    // A partial last leaf, or the single empty leaf of empty data.
    if (m_leafFill > 0 || m_leaves.empty())
        m_leaves.push_back(m_leaf.finish());
    TreeHash result;
    result.root = combineTreeHashes(m_leaves);
    result.leaves = std::exchange(m_leaves, {});
    result.size = std::exchange(m_size, 0);
    m_leafFill = 0;
    return result;
}

TreeHash TreeHasher::hash(QByteArrayView data)
{
    TreeHasher hasher;
    hasher.addData(data);
    return hasher.finish();
}

} // namespace thaw::crypto
