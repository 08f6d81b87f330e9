#include "fetchslots.h"

namespace thaw::transfer {

FetchSlots::FetchSlots(int limit, QObject *parent)
    : QObject(parent)
    , m_limit(qMax(1, limit))
{}

void FetchSlots::setLimit(int limit)
{
    const int before = m_limit;
    m_limit = qMax(1, limit);
    if (m_limit > before)
        Q_EMIT released();
}

bool FetchSlots::tryAcquire()
{
    if (m_used >= m_limit)
        return false;
    m_peak = qMax(m_peak, ++m_used);
    return true;
}

void FetchSlots::release()
{
    if (m_used > 0)
        --m_used;
    Q_EMIT released();
}

} // namespace thaw::transfer
