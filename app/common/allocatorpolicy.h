#pragma once

namespace thaw::app {

// Sets glibc's allocator up for streaming transfers; called first thing in main(), before any
// thread exists. Qt's network thread allocates each piece of a reply body (up to the 256 KiB
// read buffer) anew and frees it soon after. With glibc's defaults such blocks are mmap'ed
// or, in a thread's arena, given back to the kernel each time the arena's top is free, so every
// piece landed in fresh pages: a page fault per 4 KiB in the socket copy, about a fifth of the
// CPU of a restore (perf, 4 GiB: 6,525 samples instead of 8,065-8,968). Blocks under 8 MiB now
// come from the heap, and an arena keeps up to 16 MiB of free memory instead of trimming it.
// Peak RSS of a 4 GiB restore stays within its 64 MiB target (see the README's benchmarks).
void keepTransferBuffersInHeap();

} // namespace thaw::app
