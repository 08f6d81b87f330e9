#include "inventoryparser.h"

namespace thaw::inventory {

std::optional<InventoryFormat> detectInventoryFormat(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    for (const char c : head) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' ? InventoryFormat::Json : InventoryFormat::Csv;
    }
    return std::nullopt;
}

} // namespace thaw::inventory
