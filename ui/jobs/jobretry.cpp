#include "jobretry.h"

#include <QCoreApplication>

namespace thaw::ui {

std::optional<glacier::JobParameters> repeatRetrieval(const glacier::JobDescription &job,
                                                      QString *error)
{
    switch (job.action) {
    case glacier::JobAction::ArchiveRetrieval: {
        if (!job.archiveId || job.archiveId->isEmpty())
            break;
        glacier::ArchiveRetrievalParameters p;
        p.archiveId = *job.archiveId;
        p.tier = job.tier;
        p.retrievalByteRange = job.retrievalByteRange;
        p.description = job.jobDescription;
        p.snsTopic = job.snsTopic;
        return glacier::JobParameters(p);
    }
    case glacier::JobAction::InventoryRetrieval: {
        glacier::InventoryRetrievalJobParameters p;
        if (job.inventoryRetrievalParameters) {
            const auto &in = *job.inventoryRetrievalParameters;
            p.format = in.format;
            p.startDate = in.startDate;
            p.endDate = in.endDate;
            p.limit = in.limit;
            // in.marker is where the *next* inventory starts: the same inventory again starts
            // where this one did, which the description does not record, so none is sent.
        }
        p.description = job.jobDescription;
        p.snsTopic = job.snsTopic;
        return glacier::JobParameters(p);
    }
    case glacier::JobAction::Select:
    case glacier::JobAction::Unknown:
        break;
    }
    *error = QCoreApplication::translate("thaw::ui::JobsView",
                                         "This job (%1) cannot be requested again from Thaw.")
                 .arg(job.actionText);
    return std::nullopt;
}

} // namespace thaw::ui
