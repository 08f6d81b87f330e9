#pragma once

#include "glaciererror.h"
#include "httpmessage.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace thaw::emulator {

// Faults to inject, set from --faults at start and through POST /_thaw/faults at run time
// (emulator/README.md lists the keys). Error bursts hit the next K Glacier requests; body
// faults hit the next K Get Job Output responses. Each use counts one down.
class FaultInjector final
{
public:
    // Merges the keys present in json into the current faults; false with *error on a bad key.
    bool apply(const QJsonObject &json, QString *error);
    void clear();
    QJsonObject toJson() const;

    // The error to answer this request with instead of handling it, if a burst is on.
    std::optional<GlacierError> takeError(const QString &operation);
    // The body faults of the next job-output response, which serves output bytes
    // [outputFirst, outputFirst + length): a corruption is used up only by a response that
    // contains its byte.
    BodyFaults takeBodyFaults(qint64 outputFirst, qint64 length);
    // Whether this Get Job Output ignores its Range header.
    bool takeIgnoreRange();

    qint64 injectedCount() const { return m_injected; }

private:
    int m_throttle = 0;
    int m_unavailable = 0;
    int m_unavailableStatus = 500; // ServiceUnavailableException's status in the API model
    QStringList m_errorOperations; // empty: every operation
    qint64 m_resetAfterBytes = -1;
    int m_resetCount = 0;
    bool m_resetHard = false;
    int m_stall = 0;
    qint64 m_corruptOffset = -1;
    int m_corruptCount = 0;
    int m_ignoreRange = 0; // -1: always
    qint64 m_bandwidth = 0;
    qint64 m_injected = 0;
};

} // namespace thaw::emulator
