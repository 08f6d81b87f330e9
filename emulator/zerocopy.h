#pragma once

#include <functional>
#include <sys/types.h>

namespace thaw::emulator {

// sendfile(2)'s signature. HttpServer calls ::sendfile unless given another (tests give one
// that fails as a filesystem without sendfile does).
using SendFile = std::function<ssize_t(int outFd, int inFd, off_t *offset, size_t count)>;

// What a connection does after one sendfile(2) call.
enum class ZeroCopyStep {
    Sent,        // bytes went out: go on
    Retry,       // interrupted by a signal: call again
    WaitForRoom, // the socket buffer is full: resume when the socket is writable
    FallBack,    // sendfile cannot read this file: send the rest in blocks, read and written
    Drop,        // the client went away, or the file is shorter than promised
};

// The step for sendfile's return value `result` and, when it is -1, `error` (errno).
ZeroCopyStep zeroCopyStep(ssize_t result, int error);

} // namespace thaw::emulator
