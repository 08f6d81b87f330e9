#include "credentials.h"

#include <utility>

namespace thaw::aws {

Credentials::Credentials(QString accessKeyId, QString secretAccessKey, QString sessionToken)
    : m_accessKeyId(std::move(accessKeyId))
    , m_secretAccessKey(std::move(secretAccessKey))
    , m_sessionToken(std::move(sessionToken))
{
}

} // namespace thaw::aws
