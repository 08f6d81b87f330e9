#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <cstddef>
#include <optional>

struct evp_md_ctx_st; // OpenSSL's EVP_MD_CTX, kept out of this header

namespace thaw::crypto {

// A SHA-256 digest: 32 raw bytes.
using Digest = std::array<unsigned char, 32>;

// Incremental SHA-256 through OpenSSL's EVP interface (which picks SHA-NI/AVX2 by itself).
// A moved-from object may only be destroyed or assigned to.
class Sha256 final
{
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256 &&other) noexcept;
    Sha256 &operator=(Sha256 &&other) noexcept;
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void update(const void *data, std::size_t size);
    void update(QByteArrayView data) { update(data.data(), std::size_t(data.size())); }
    void update(const Digest &digest) { update(digest.data(), digest.size()); }

    // Returns the digest of everything fed since construction or the last finish(), and
    // starts over, so one object can hash many messages.
    Digest finish();

    // The one-shot form.
    static Digest hash(QByteArrayView data);
    static Digest hash(const void *data, std::size_t size);

private:
    void init();

    evp_md_ctx_st *m_context = nullptr;
};

// SHA-256 of the concatenation left || right: one parent node of a tree hash.
Digest hashPair(const Digest &left, const Digest &right);

QByteArray toByteArray(const Digest &digest);
QByteArray toHex(const Digest &digest); // lower case, 64 characters
std::optional<Digest> digestFromHex(QByteArrayView hex);

} // namespace thaw::crypto
