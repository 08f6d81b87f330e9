#include "faultinjector.h"

#include <QJsonArray>

namespace thaw::emulator {

bool FaultInjector::apply(const QJsonObject &json, QString *error)
{
    const auto number = [&](const QString &key, auto &target) {
        if (!json.contains(key))
            return true;
        const QJsonValue value = json.value(key);
        if (!value.isDouble()) {
            *error = QStringLiteral("fault '%1' must be a number").arg(key);
            return false;
        }
        target = static_cast<std::remove_reference_t<decltype(target)>>(value.toDouble());
        return true;
    };
    static const QStringList known{
        QStringLiteral("throttle"),          QStringLiteral("unavailable"),
        QStringLiteral("unavailableStatus"), QStringLiteral("errorOperations"),
        QStringLiteral("resetAfterBytes"),   QStringLiteral("resetCount"),
        QStringLiteral("resetHard"),         QStringLiteral("stallAfterHeaders"),
        QStringLiteral("corruptOffset"),     QStringLiteral("corruptCount"),
        QStringLiteral("ignoreRange"),       QStringLiteral("bandwidth")};
    for (const QString &key : json.keys()) {
        if (!known.contains(key)) {
            *error = QStringLiteral("unknown fault '%1'").arg(key);
            return false;
        }
    }
    FaultInjector next = *this;
    if (!number(QStringLiteral("throttle"), next.m_throttle)
        || !number(QStringLiteral("unavailable"), next.m_unavailable)
        || !number(QStringLiteral("unavailableStatus"), next.m_unavailableStatus)
        || !number(QStringLiteral("resetAfterBytes"), next.m_resetAfterBytes)
        || !number(QStringLiteral("resetCount"), next.m_resetCount)
        || !number(QStringLiteral("stallAfterHeaders"), next.m_stall)
        || !number(QStringLiteral("corruptOffset"), next.m_corruptOffset)
        || !number(QStringLiteral("corruptCount"), next.m_corruptCount)
        || !number(QStringLiteral("ignoreRange"), next.m_ignoreRange)
        || !number(QStringLiteral("bandwidth"), next.m_bandwidth)) {
        return false;
    }
    if (json.contains(QStringLiteral("resetAfterBytes"))
        && !json.contains(QStringLiteral("resetCount")))
        next.m_resetCount = next.m_resetAfterBytes >= 0 ? 1 : 0;
    if (json.contains(QStringLiteral("corruptOffset"))
        && !json.contains(QStringLiteral("corruptCount")))
        next.m_corruptCount = next.m_corruptOffset >= 0 ? 1 : 0;
    if (json.contains(QStringLiteral("resetHard")))
        next.m_resetHard = json.value(QStringLiteral("resetHard")).toBool();
    if (json.contains(QStringLiteral("errorOperations"))) {
        next.m_errorOperations.clear();
        for (const QJsonValue &v : json.value(QStringLiteral("errorOperations")).toArray())
            next.m_errorOperations.append(v.toString());
    }
    *this = next;
    return true;
}

void FaultInjector::clear()
{
    const qint64 injected = m_injected;
    *this = FaultInjector();
    m_injected = injected;
}

QJsonObject FaultInjector::toJson() const
{
    return QJsonObject{
        {QStringLiteral("throttle"), m_throttle},
        {QStringLiteral("unavailable"), m_unavailable},
        {QStringLiteral("unavailableStatus"), m_unavailableStatus},
        {QStringLiteral("errorOperations"), QJsonArray::fromStringList(m_errorOperations)},
        {QStringLiteral("resetAfterBytes"), double(m_resetAfterBytes)},
        {QStringLiteral("resetCount"), m_resetCount},
        {QStringLiteral("resetHard"), m_resetHard},
        {QStringLiteral("stallAfterHeaders"), m_stall},
        {QStringLiteral("corruptOffset"), double(m_corruptOffset)},
        {QStringLiteral("corruptCount"), m_corruptCount},
        {QStringLiteral("ignoreRange"), m_ignoreRange},
        {QStringLiteral("bandwidth"), double(m_bandwidth)}};
}

std::optional<GlacierError> FaultInjector::takeError(const QString &operation)
{
    if (!m_errorOperations.isEmpty() && !m_errorOperations.contains(operation))
        return std::nullopt;
    if (m_throttle > 0) {
        --m_throttle;
        ++m_injected;
        return GlacierError{400, QStringLiteral("ThrottlingException"),
                            QStringLiteral("Rate exceeded")};
    }
    if (m_unavailable > 0) {
        --m_unavailable;
        ++m_injected;
        return GlacierError{m_unavailableStatus, QStringLiteral("ServiceUnavailableException"),
                            QStringLiteral("Service is unavailable. Please try again later."),
                            QStringLiteral("Server")};
    }
    return std::nullopt;
}

BodyFaults FaultInjector::takeBodyFaults(qint64 outputFirst, qint64 length)
{
    BodyFaults faults;
    faults.bandwidthBytesPerSecond = m_bandwidth;
    if (m_resetCount > 0 && m_resetAfterBytes >= 0) {
        --m_resetCount;
        ++m_injected;
        faults.resetAfterBytes = m_resetAfterBytes;
        faults.hardReset = m_resetHard;
    }
    if (m_stall > 0) {
        --m_stall;
        ++m_injected;
        faults.stallAfterHeaders = true;
    }
    if (m_corruptCount > 0 && m_corruptOffset >= outputFirst
        && m_corruptOffset < outputFirst + length) {
        --m_corruptCount;
        ++m_injected;
        faults.corruptOutputOffset = m_corruptOffset;
    }
    return faults;
}

bool FaultInjector::takeIgnoreRange()
{
    if (m_ignoreRange == 0)
        return false;
    if (m_ignoreRange > 0)
        --m_ignoreRange;
    ++m_injected;
    return true;
}

} // namespace thaw::emulator
