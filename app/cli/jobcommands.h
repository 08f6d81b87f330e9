#pragma once

#include <QStringList>

// thaw-cli list-jobs, describe-job, initiate-job: `aws glacier`'s commands and output.
namespace thaw::cli {

int runListJobs(const QStringList &arguments);
int runDescribeJob(const QStringList &arguments);
int runInitiateJob(const QStringList &arguments);

} // namespace thaw::cli
