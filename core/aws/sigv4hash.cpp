#include "sigv4hash.h"

#include <openssl/evp.h>

namespace thaw::aws::sigv4 {

namespace {
constexpr qsizetype Sha256Size = 32;
}

QByteArray sha256(QByteArrayView data)
{
    QByteArray digest(Sha256Size, Qt::Uninitialized);
    size_t length = 0;
    // EVP_Q_digest fails only when the default provider cannot be loaded or memory runs out;
    // an empty result then makes every later comparison fail rather than sign garbage.
    if (EVP_Q_digest(nullptr, "SHA256", nullptr, data.data(), size_t(data.size()),
                     reinterpret_cast<unsigned char *>(digest.data()), &length)
            != 1
        || length != size_t(Sha256Size)) {
        return {};
    }
    return digest;
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    QByteArray mac(Sha256Size, Qt::Uninitialized);
    size_t length = 0;
    if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), size_t(key.size()),
                  reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()),
                  reinterpret_cast<unsigned char *>(mac.data()), size_t(mac.size()), &length)
            == nullptr
        || length != size_t(Sha256Size)) {
        return {};
    }
    return mac;
}

} // namespace thaw::aws::sigv4
