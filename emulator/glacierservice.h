#pragma once

#include "counters.h"
#include "emulatoroptions.h"
#include "faultinjector.h"
#include "glaciererror.h"
#include "httpmessage.h"
#include "router.h"
#include "sigv4verifier.h"
#include "store.h"

#include <QDateTime>
#include <QJsonObject>
#include <QUrlQuery>

#include <optional>
#include <variant>

namespace thaw::emulator {

// Answers one request: the control endpoints under /_thaw/, or a Glacier operation after the
// signature, API version, account and fault checks. Handlers live in one file per resource.
class GlacierService final
{
public:
    explicit GlacierService(EmulatorOptions options);

    bool start(QString *error); // loads the store, applies --faults and --seed-archive

    Response handle(const Request &request);

    // The emulator's clock: the real one plus whatever /_thaw/clock added. Jobs complete and
    // expire by it; signatures are checked against the real clock.
    QDateTime now() const { return QDateTime::currentDateTimeUtc().addMSecs(m_clockOffsetMs); }

    Counters &counters() { return m_counters; }

private:
    Response dispatch(const Request &request, const Route &route);
    Response handleControl(const Request &request);

    // vaulthandlers.cpp
    Response listVaults(const Request &request, const Route &route);
    Response describeVault(const Route &route);
    Response createVault(const Route &route);
    // archivehandlers.cpp
    Response uploadArchive(const Request &request, const Route &route);
    // jobhandlers.cpp
    Response initiateJob(const Request &request, const Route &route);
    Response describeJob(const Route &route);
    Response listJobs(const Request &request, const Route &route);
    QJsonObject jobJson(const Job &job) const;
    bool isComplete(const Job &job) const { return now() >= job.completionDate; }
    bool hasSucceeded(const Job &job) const { return isComplete(job) && !job.failed; }
    // "InProgress", "Succeeded" or "Failed" (api-describe-job-get.md's StatusCode).
    QString statusCode(const Job &job) const;
    // Takes the inventory of `vault` for an inventory-retrieval job (as AWS does when the job
    // is initiated) and writes its output; the error when it cannot be written.
    std::optional<GlacierError> takeInventory(Job &job, const Vault &vault);
    // seeder.cpp: vaults, archives and jobs from a --seed file (see README.md).
    bool seed(const QJsonObject &seed, QString *error);
    // joboutputhandler.cpp
    Response getJobOutput(const Request &request, const Route &route);

    QString vaultArn(const QString &vault) const;
    QJsonObject vaultJson(const Vault &vault);
    std::optional<QDateTime> lastInventoryDate(const Vault &vault) const;
    QByteArray vaultPath(const QString &vault) const;
    GlacierError vaultNotFound(const QString &vault) const;
    static Response json(int status, const QJsonObject &body);

    EmulatorOptions m_options;
    Store m_store;
    SigV4Verifier m_verifier;
    FaultInjector m_faults;
    Counters m_counters;
    qint64 m_clockOffsetMs = 0;
};

// Decoded query parameters of a request.
QUrlQuery queryOf(const Request &request);

// The `limit` query parameter of a list call: its value, `defaultAndMax` when absent, or the
// InvalidParameterValueException for a value outside 1..defaultAndMax (the API's constraint).
std::variant<int, GlacierError> limitOf(const QUrlQuery &query, int defaultAndMax);

} // namespace thaw::emulator
