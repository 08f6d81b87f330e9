#pragma once

#include "glaciererror.h"
#include "httpmessage.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>

namespace thaw::emulator {

// Checks a request's AWS Signature Version 4 the way AWS does: the signature is recomputed
// from the request as received with core/aws/sigv4.h (the normalised path as sent on the wire,
// the signed headers only, x-amz-content-sha256 or the body's hash as the payload hash).
// https://docs.aws.amazon.com/amazonglacier/latest/dev/amazon-glacier-signing-requests.html
class SigV4Verifier final
{
public:
    SigV4Verifier(QString region, QHash<QString, QString> secretsByAccessKey);

    // nullopt when the request is properly signed at `now` (the real clock: the emulator's
    // adjustable clock only moves jobs). Otherwise the error AWS would send.
    std::optional<GlacierError> verify(const Request &request, const QDateTime &now) const;

private:
    QString m_region;
    QHash<QString, QString> m_secrets;
};

} // namespace thaw::emulator
