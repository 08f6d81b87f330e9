#pragma once

#include "core/glacier/jobdescription.h"

#include <QList>
#include <QPair>
#include <QString>

namespace thaw::ui {

// Every field of a Describe Job answer as (AWS field name, text) pairs, in the order of the API
// reference; absent (null) fields are listed as "—" so the user sees they were not sent.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-GlacierJobDescription.html
QList<QPair<QString, QString>> jobFields(const glacier::JobDescription &job);

} // namespace thaw::ui
