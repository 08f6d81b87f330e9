// sanitizePath on arbitrary names: never crashes, and anything it accepts is really safe:
// relative, no "..", "." or empty component, no separator other than '/', no control
// character, no Windows-reserved name, no trailing dot/space, bounded, and idempotent.

#include "core/inventory/pathsanitizer.h"

#include <QList>
#include <QStringList>

#include <cstdint>
#include <cstdlib>
#include <cstring>

using namespace thaw::inventory;
using namespace Qt::StringLiterals;

namespace {

qsizetype utf8Size(QStringView s)
{
    return s.toUtf8().size();
}

bool reserved(QStringView component)
{
    const qsizetype dot = component.indexOf(u'.');
    QStringView base = dot < 0 ? component : component.first(dot);
    while (base.endsWith(u' '))
        base.chop(1);
    const QString upper = base.toString().toUpper();
    static const QStringList names
        = {u"CON"_s, u"PRN"_s, u"AUX"_s, u"NUL"_s, u"CONIN$"_s, u"CONOUT$"_s};
    if (names.contains(upper))
        return true;
    return upper.size() == 4 && (upper.startsWith(u"COM") || upper.startsWith(u"LPT"))
           && ((upper[3] >= u'0' && upper[3] <= u'9') || upper[3] == u'\u00B9'
               || upper[3] == u'\u00B2' || upper[3] == u'\u00B3');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // First byte chooses how the rest becomes a name: UTF-8 (what decoders produce) or raw
    // UTF-16 code units (to reach lone surrogates).
    if (size == 0)
        return 0;
    QString name;
    const char *bytes = reinterpret_cast<const char *>(data + 1);
    if (data[0] & 1) {
        name.resize(qsizetype((size - 1) / 2));
        std::memcpy(name.data(), bytes, size_t(name.size()) * 2); // input is unaligned
    } else
        name = QString::fromUtf8(bytes, qsizetype(size - 1));

    const PathResult<SanitizedPath> result = sanitizePath(name);
    if (!result) {
        if (result.error().message().isEmpty())
            std::abort();
        return 0;
    }
    const QString &path = result->relativePath;
    if (path.isEmpty() || path.startsWith(u'/') || path.contains(u'\\') || utf8Size(path) > 4096
        || !path.isValidUtf16()) {
        std::abort();
    }
    for (const QChar c : path) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            std::abort();
    }
    for (const QStringView component : QStringView(path).split(u'/')) {
        if (component.isEmpty() || component == u"." || component == u".."
            || component.endsWith(u'.') || component.endsWith(u' ') || utf8Size(component) > 255
            || reserved(component)) {
            std::abort();
        }
    }
    const PathResult<SanitizedPath> again = sanitizePath(path);
    if (!again || again->relativePath != path || again->rewrites != PathRewrites())
        std::abort();
    return 0;
}
