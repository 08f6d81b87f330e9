#pragma once

#include <QByteArray>
#include <QByteArrayView>

// SHA-256 and HMAC-SHA256 over OpenSSL's one-shot EVP calls, for the SigV4 steps only.
// Internal to core/aws; core/crypto owns the general-purpose (streaming, tree hash) helpers.
namespace thaw::aws::sigv4 {

// The 32-byte SHA-256 digest of data.
QByteArray sha256(QByteArrayView data);

// The 32-byte HMAC-SHA256 of data under key.
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);

} // namespace thaw::aws::sigv4
