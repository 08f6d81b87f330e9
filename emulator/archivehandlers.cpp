// Upload Archive: api-archive-post.md. Both checksums are checked against the body received.
#include "glacierservice.h"

#include "core/crypto/treehasher.h"

namespace thaw::emulator {

Response GlacierService::uploadArchive(const Request &request, const Route &route)
{
    const Vault *vault = m_store.vault(route.vault);
    if (!vault)
        return vaultNotFound(route.vault).toResponse();
    const QByteArray treeHashHeader = request.header("x-amz-sha256-tree-hash");
    const QByteArray contentHashHeader = request.header("x-amz-content-sha256");
    if (treeHashHeader.isNull())
        return GlacierError::missingParameter(
                   QStringLiteral("Required header or parameter missing: x-amz-sha256-tree-hash"))
            .toResponse();
    if (contentHashHeader.isNull())
        return GlacierError::missingParameter(
                   QStringLiteral("Required header or parameter missing: x-amz-content-sha256"))
            .toResponse();
    const QByteArray description = request.header("x-amz-archive-description");
    if (description.size() > 1024)
        return GlacierError::invalidParameter(
                   QStringLiteral("Invalid archive description: longer than 1024 characters"))
            .toResponse();
    for (const char c : description) {
        if (uchar(c) < 0x20 || uchar(c) > 0x7e)
            return GlacierError::invalidParameter(
                       QStringLiteral("Invalid archive description: only printable ASCII "
                                      "characters (0x20-0x7E) are allowed"))
                .toResponse();
    }
    const QByteArray contentHash = crypto::toHex(crypto::Sha256::hash(request.body));
    if (contentHashHeader.toLower() != contentHash)
        return GlacierError::invalidParameter(
                   QStringLiteral("Checksum mismatch: expected %1 (calculated), got %2")
                       .arg(QString::fromLatin1(contentHash),
                            QString::fromLatin1(contentHashHeader)))
            .toResponse();
    const QByteArray treeHash = crypto::toHex(crypto::TreeHasher::hash(request.body).root);
    if (treeHashHeader.toLower() != treeHash)
        return GlacierError::invalidParameter(
                   QStringLiteral("Checksum mismatch: expected %1 (calculated), got %2")
                       .arg(QString::fromLatin1(treeHash), QString::fromLatin1(treeHashHeader)))
            .toResponse();
    QString error;
    const Archive *archive
        = m_store.addArchive(route.vault, description, request.body, now(), &error);
    if (!archive)
        return GlacierError{500, QStringLiteral("ServiceUnavailableException"), error,
                            QStringLiteral("Server")}
            .toResponse();
    Response response;
    response.status = 201;
    response.setHeader("Location", vaultPath(route.vault) + "/archives/" + archive->id.toLatin1());
    response.setHeader("x-amz-archive-id", archive->id.toLatin1());
    response.setHeader("x-amz-sha256-tree-hash", treeHash);
    return response;
}

} // namespace thaw::emulator
