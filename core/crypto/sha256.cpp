#include "sha256.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace thaw::crypto {

namespace {

// Fetched once: EVP_sha256() would make every EVP_DigestInit_ex look the algorithm up again in
// OpenSSL 3's provider store, which is measurable for the 64-byte messages of tree nodes.
const EVP_MD *sha256Method()
{
    static EVP_MD *const method = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return method;
}

// Running out of memory or losing the SHA-256 provider leaves nothing sensible to return.
void check(bool ok)
{
    if (!ok)
        std::abort();
}

} // namespace

Sha256::Sha256()
    : m_context(EVP_MD_CTX_new())
{
    check(m_context != nullptr && sha256Method() != nullptr);
    init();
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_context);
}

Sha256::Sha256(Sha256 &&other) noexcept
    : m_context(std::exchange(other.m_context, nullptr))
{}

Sha256 &Sha256::operator=(Sha256 &&other) noexcept
{
    std::swap(m_context, other.m_context);
    return *this;
}

void Sha256::init()
{
    check(EVP_DigestInit_ex(m_context, sha256Method(), nullptr) == 1);
}

void Sha256::update(const void *data, std::size_t size)
{
    if (size > 0)
        check(EVP_DigestUpdate(m_context, data, size) == 1);
}

Digest Sha256::finish()
{
    Digest digest;
    unsigned int length = 0;
    check(EVP_DigestFinal_ex(m_context, digest.data(), &length) == 1 && length == digest.size());
    init();
    return digest;
}

Digest Sha256::hash(QByteArrayView data)
{
    return hash(data.data(), std::size_t(data.size()));
}

Digest Sha256::hash(const void *data, std::size_t size)
{
    Sha256 sha;
    sha.update(data, size);
    return sha.finish();
}

Digest hashPair(const Digest &left, const Digest &right)
{
    std::array<unsigned char, 64> both;
    std::copy(left.begin(), left.end(), both.begin());
    std::copy(right.begin(), right.end(), both.begin() + 32);
    return Sha256::hash(both.data(), both.size());
}

QByteArray toByteArray(const Digest &digest)
{
    return QByteArray(reinterpret_cast<const char *>(digest.data()), qsizetype(digest.size()));
}

QByteArray toHex(const Digest &digest)
{
    return toByteArray(digest).toHex();
}

std::optional<Digest> digestFromHex(QByteArrayView hex)
{
    if (hex.size() != 64)
        return std::nullopt;
    for (const char c : hex) {
        const bool isHex
            = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!isHex)
            return std::nullopt;
    }
    const QByteArray bytes = QByteArray::fromHex(hex.toByteArray());
    Digest digest;
    std::copy(bytes.begin(), bytes.end(), digest.begin());
    return digest;
}

} // namespace thaw::crypto
