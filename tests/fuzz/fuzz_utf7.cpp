// decodeUtf7 on arbitrary bytes: never crashes, and whatever it accepts is well-formed UTF-16
// that an independent fully-shifted encoding decodes back to the same text.

#include "core/inventory/utf7.h"

#include <QByteArray>

#include <cstdint>
#include <cstdlib>

using namespace thaw::inventory;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<QString> decoded = decodeUtf7(input);
    if (!decoded)
        return 0;
    if (decoded->size() > input.size() || !decoded->isValidUtf16())
        std::abort();

    // Re-encode every code unit in one shifted run ("+<base64 of UTF-16BE>-").
    QByteArray utf16;
    utf16.reserve(decoded->size() * 2);
    for (const QChar c : *decoded) {
        utf16.append(char(c.unicode() >> 8));
        utf16.append(char(c.unicode() & 0xFF));
    }
    if (utf16.isEmpty())
        return 0;
    const QByteArray shifted = '+' + utf16.toBase64(QByteArray::OmitTrailingEquals) + '-';
    const std::optional<QString> again = decodeUtf7(shifted, shifted.size());
    if (!again || *again != *decoded)
        std::abort();
    return 0;
}
