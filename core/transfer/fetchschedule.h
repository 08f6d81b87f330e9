#pragma once

#include <functional>
#include <vector>

namespace thaw::transfer {

// One GET to start: its target chunks, with a Range header or for the whole output.
struct PlannedFetch
{
    std::vector<int> chunks;
    bool ranged = true;

    bool operator==(const PlannedFetch &) const = default;
};

// What a download has going when it decides what to fetch next.
struct FetchLoad
{
    int inFlight = 0;        // GETs running (or draining)
    int awaitingJournal = 0; // streams whose verified chunk waits for its journal save
    int parallel = 1;        // streams at most (less than 1 counts as 1)
    bool wholeBody = false;  // the server ignored Range: the rest comes in one GET
};

// Which GETs to start now, a pure decision (after KGet's scheduler, tested as a truth table).
// Ranged: one GET per pending chunk, in the order given, while fewer than `parallel` streams are
// busy — fetching, or waiting for the journal save of the chunk they verified, so that a crash
// loses at most one chunk per stream. Whole body: one GET for every pending chunk, only when no
// GET is in flight. takeSlot() is asked before each GET (a limit shared with other downloads);
// once it says no, nothing more starts.
std::vector<PlannedFetch> planFetches(const std::vector<int> &pending, const FetchLoad &load,
                                      const std::function<bool()> &takeSlot);

} // namespace thaw::transfer
