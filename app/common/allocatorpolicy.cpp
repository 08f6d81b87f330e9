#include "allocatorpolicy.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace thaw::app {

void keepTransferBuffersInHeap()
{
#if defined(__GLIBC__)
    // Each setting also turns off glibc's own adjustment of both thresholds.
    mallopt(M_MMAP_THRESHOLD, 8 << 20);
    mallopt(M_TRIM_THRESHOLD, 16 << 20);
#endif
}

} // namespace thaw::app
