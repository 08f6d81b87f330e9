#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace thaw::emulator {

// What tests read back through GET /_thaw/counters: requests per Glacier operation and the
// job-output body bytes actually written to sockets. Reset by POST /_thaw/counters/reset.
class Counters final
{
public:
    void countRequest(const QString &operation) { ++m_requests[operation]; }
    void countOutputBytes(qint64 bytes) { m_outputBytes += bytes; }
    void reset()
    {
        m_requests.clear();
        m_outputBytes = 0;
    }
    QJsonObject toJson(qint64 faultsInjected) const
    {
        QJsonObject requests;
        qint64 total = 0;
        for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it) {
            requests.insert(it.key(), double(it.value()));
            total += it.value();
        }
        return QJsonObject{{QStringLiteral("requests"), requests},
                           {QStringLiteral("totalRequests"), double(total)},
                           {QStringLiteral("outputBytes"), double(m_outputBytes)},
                           {QStringLiteral("faultsInjected"), double(faultsInjected)}};
    }

private:
    QMap<QString, qint64> m_requests;
    qint64 m_outputBytes = 0;
};

} // namespace thaw::emulator
