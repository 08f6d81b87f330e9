#include "fetchschedule.h"

#include <algorithm>

namespace thaw::transfer {

std::vector<PlannedFetch> planFetches(const std::vector<int> &pending, const FetchLoad &load,
                                      const std::function<bool()> &takeSlot)
{
    auto slotFree = [&takeSlot] {
        return !takeSlot || takeSlot();
    };
    std::vector<PlannedFetch> planned;
    if (load.wholeBody) {
        if (load.inFlight == 0 && !pending.empty() && slotFree())
            planned.push_back(PlannedFetch{pending, false});
        return planned;
    }
    const int streams = std::max(1, load.parallel);
    int busy = load.inFlight + load.awaitingJournal;
    for (int index : pending) {
        if (busy >= streams || !slotFree())
            break;
        planned.push_back(PlannedFetch{{index}, true});
        ++busy;
    }
    return planned;
}

} // namespace thaw::transfer
