#pragma once

#include "core/glacier/jobdescription.h"
#include "core/glacier/jobparameters.h"

#include <optional>

namespace thaw::ui {

// The Initiate Job body that repeats `job`'s retrieval (the same archive, byte range, tier,
// description and SNS topic; or the same inventory format, dates, limit and marker), for when
// its output window has passed. nullopt with *error for a job that cannot be repeated (a Select
// job, an archive retrieval without ArchiveId).
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-initiate-job-post.html
std::optional<glacier::JobParameters> repeatRetrieval(const glacier::JobDescription &job,
                                                      QString *error);

} // namespace thaw::ui
