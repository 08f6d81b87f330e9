// parseInventoryJson on arbitrary bytes: no crash, and the same archives, error and position
// whatever the read size (see fuzz_inventoryparsers.h).
#include "core/inventory/inventoryjsonparser.h"
#include "fuzz_inventoryparsers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return thaw::inventory::fuzz::fuzzOne(&thaw::inventory::parseInventoryJson, data, size);
}
