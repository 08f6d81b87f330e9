#pragma once

#include "glaciertypes.h"
#include "jobdescription.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// Parsers for the JSON bodies of Glacier's answers: pure functions, so tests feed them the
// examples of the API reference. Malformed JSON or a field of the wrong type gives nullopt and
// *error naming the field; never a crash, never a silent zero.
namespace thaw::glacier::json {

// "2013-03-20T17:03:43.221Z" or "2013-03-20T17:03:43Z" (ISO 8601, UTC); invalid QDateTime else.
QDateTime parseDate(const QString &text);
// Glacier's form with milliseconds, e.g. "2013-03-20T17:03:43.221Z".
QString formatDate(const QDateTime &dateTime);

std::optional<JobDescription> jobDescription(const QJsonObject &object, QString *error);
std::optional<VaultDescription> vaultDescription(const QJsonObject &object, QString *error);

std::optional<JobDescription> parseJobDescription(const QByteArray &body, QString *error);
std::optional<VaultDescription> parseVaultDescription(const QByteArray &body, QString *error);
std::optional<ListVaultsPage> parseListVaults(const QByteArray &body, QString *error);
std::optional<ListJobsPage> parseListJobs(const QByteArray &body, QString *error);

// Back to JSON with the API's field names, as `aws glacier` prints them (absent → null).
QJsonObject toJson(const JobDescription &job);
QJsonObject toJson(const VaultDescription &vault);

QString actionText(JobAction action);
QString statusText(JobStatus status);
QString tierText(RetrievalTier tier);

} // namespace thaw::glacier::json
