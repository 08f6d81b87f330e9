#include "zerocopy.h"

#include <cerrno>

namespace thaw::emulator {

ZeroCopyStep zeroCopyStep(ssize_t result, int error)
{
    if (result > 0)
        return ZeroCopyStep::Sent;
    if (result == 0)
        return ZeroCopyStep::Drop; // end of file before the promised length
    switch (error) {
    case EINTR:
        return ZeroCopyStep::Retry;
    case EAGAIN:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
        return ZeroCopyStep::WaitForRoom;
    // sendfile(2): EINVAL when "an mmap(2)-like operation is not available for in_fd" (a
    // filesystem or file without splice support); ENOSYS and EOPNOTSUPP where the call or the
    // operation is missing altogether. None of them says anything about the client, so the
    // bytes can still go out the ordinary way.
    case EINVAL:
    case ENOSYS:
    case EOPNOTSUPP:
        return ZeroCopyStep::FallBack;
    default: // EPIPE, ECONNRESET (the client went away), EIO, ...
        return ZeroCopyStep::Drop;
    }
}

} // namespace thaw::emulator
