// decodeDescription on arbitrary bytes: never crashes, and its result keeps its contract; the
// importer's byte-level decodeDescriptionBytes says the same.

#include "core/inventory/descriptiondecoder.h"

#include <QStringDecoder>

#include <cstdint>
#include <cstdlib>

using namespace thaw::inventory;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView raw(reinterpret_cast<const char *>(data), qsizetype(size));
    const DecodedDescription d = decodeDescription(raw);

    switch (d.format) {
    case DescriptionFormat::Empty:
        if (size != 0 || !d.path.isEmpty())
            std::abort();
        break;
    case DescriptionFormat::Unknown:
        if (d.path != QString::fromUtf8(raw))
            std::abort(); // Unknown always carries the raw text
        break;
    default:
        if (d.path.isEmpty() || size == 0)
            std::abort(); // a recognised format always names something
        for (const QChar c : d.path) {
            if (c.unicode() < 0x20 || c.unicode() == 0x7F)
                std::abort(); // and never with a control character
        }
        break;
    }
    if (d.modified && (!d.modified->isValid() || d.modified->timeSpec() != Qt::UTC))
        std::abort();
    if (d.size && (*d.size < 0 || d.format != DescriptionFormat::FastGlacierV4))
        std::abort();
    if (descriptionFormatFromName(descriptionFormatName(d.format)) != d.format)
        std::abort();

    QByteArray path;
    const DecodedDescriptionBytes b = decodeDescriptionBytes(raw, &path);
    // Decoded as QString::fromUtf8 does (invalid sequences replaced) but keeping a leading
    // U+FEFF, which fromUtf8 drops and a decoded name may start with (UTF-7 "+/v8-").
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    if (b.format != d.format || b.size != d.size
        || QString(utf8(b.pathIsRaw ? raw : QByteArrayView(path))) != d.path
        || b.modifiedMs.has_value() != d.modified.has_value()
        || (d.modified && *b.modifiedMs != d.modified->toMSecsSinceEpoch()))
        std::abort();
    return 0;
}
