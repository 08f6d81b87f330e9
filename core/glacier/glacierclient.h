#pragma once

#include "glacieroperation.h"
#include "glaciertypes.h"
#include "jobdescription.h"
#include "jobparameters.h"
#include "result.h"
#include "retrypolicy.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QIODevice;
class QNetworkAccessManager;
QT_END_NAMESPACE

namespace thaw::glacier {

class JobOutputSink;

// Glacier's REST API, one asynchronous call per operation. Every call signs its request with
// SigV4 at send time (again at each retry), retries transient failures per the RetryPolicy,
// corrects the clock once on a skew error, and calls back exactly once, never before the call
// returns, with a Result. The returned GlacierOperation may be aborted; it deletes itself after
// finished(). Copies share one context (endpoint, credentials, clock offset); operations keep
// it alive, so a client may be destroyed while its calls run.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/amazon-glacier-api.html
class GlacierClient final
{
public:
    template<typename T>
    using Callback = std::function<void(Result<T>)>;

    struct Options
    {
        QString accountId = QStringLiteral("-");
        RetryPolicy retryPolicy;
        Clock clock; // QDateTime::currentDateTimeUtc when empty
        // Bytes a streamed body (Get Job Output) may hold unread per reply before TCP slows the
        // sender (a sink may ask for less: JobOutputSink::readAheadLimit()). 256 KiB: 1 MiB
        // spared Qt's network thread stalls (12 % less CPU per restore) but raised a 4 GiB
        // restore's peak RSS from 33 to 68-80 MiB (Qt buffers that much more per stream, in
        // flight between its threads), past the 64 MiB target.
        qint64 readBufferSize = 256 << 10;
        std::chrono::milliseconds transferTimeout{60'000};
    };

    // endpoint from glacierEndpoint(); the network manager is not owned and must outlive the
    // client and its operations.
    GlacierClient(QNetworkAccessManager *network, QUrl endpoint, QString region,
                  CredentialsProvider credentials, Options options);
    GlacierClient(QNetworkAccessManager *network, QUrl endpoint, QString region,
                  aws::Credentials credentials, Options options);
    GlacierClient(QNetworkAccessManager *network, QUrl endpoint, QString region,
                  aws::Credentials credentials);

    const QUrl &endpoint() const { return m_context->endpoint; }
    const QString &region() const { return m_context->region; }
    // The server-minus-local clock offset learnt from a skew error (0 until then).
    std::chrono::milliseconds clockOffset() const { return m_context->clockOffset; }

    // GET /<account>/vaults[?limit=&marker=]
    GlacierOperation *listVaults(std::optional<int> limit, std::optional<QString> marker,
                                 Callback<ListVaultsPage> done);
    // GET /<account>/vaults/<vault>
    GlacierOperation *describeVault(const QString &vault, Callback<VaultDescription> done);
    // PUT /<account>/vaults/<vault>
    GlacierOperation *createVault(const QString &vault, Callback<CreateVaultResult> done);
    // GET /<account>/vaults/<vault>/jobs[?completed=&statuscode=&limit=&marker=]
    GlacierOperation *listJobs(const QString &vault, const ListJobsFilter &filter,
                               Callback<ListJobsPage> done);
    // Follows Marker from page to page (filter.marker is the first); the jobs of every page.
    void listAllJobs(const QString &vault, const ListJobsFilter &filter,
                     Callback<QList<JobDescription>> done);
    // GET /<account>/vaults/<vault>/jobs/<job>
    GlacierOperation *describeJob(const QString &vault, const QString &jobId,
                                  Callback<JobDescription> done);
    // POST /<account>/vaults/<vault>/jobs with {"Type":...}; 202. Retried only when AWS
    // throttled it or the connection was refused: a duplicate job would cost money.
    GlacierOperation *initiateJob(const QString &vault, const JobParameters &parameters,
                                  Callback<InitiateJobResult> done);
    // GET /<account>/vaults/<vault>/jobs/<job>/output [Range: bytes=first-last]; the body goes
    // to `sink` as it arrives (reset() before a retry). The sink must outlive the call.
    struct ByteRange
    {
        qint64 first = 0;
        qint64 last = 0; // inclusive
    };
    GlacierOperation *getJobOutput(const QString &vault, const QString &jobId,
                                   std::optional<ByteRange> range, JobOutputSink *sink,
                                   Callback<JobOutputResult> done);
    // POST /<account>/vaults/<vault>/archives with the body read from `body` (open, from its
    // current position to its end; not owned; must outlive the call). Its tree hash and SHA-256
    // are computed first (synchronously) unless given as hex. Retried only when `body` is
    // seekable.
    struct UploadHashes
    {
        QByteArray treeHash; // hex
        QByteArray sha256;   // hex
    };
    GlacierOperation *uploadArchive(const QString &vault, QIODevice *body,
                                    const std::optional<QString> &description,
                                    Callback<UploadArchiveResult> done,
                                    std::optional<UploadHashes> hashes = std::nullopt);

    // Computes the SHA-256 tree hash and the linear SHA-256 of what `body` holds from its
    // position to its end, and seeks back; nullopt with *error when it cannot be read.
    static std::optional<UploadHashes> hashBody(QIODevice *body, QString *error);

private:
    GlacierOperation *start(RequestSpec spec, GlacierOperation::SuccessHandler onSuccess,
                            GlacierOperation::ErrorHandler onError);
    template<typename T>
    GlacierOperation *
    startJson(RequestSpec spec,
              std::function<std::optional<T>(const HttpResponse &, QString *)> parse,
              Callback<T> done);
    void failSoon(Operation operation, GlacierError error,
                  std::function<void(const GlacierError &)> done);

    std::shared_ptr<ClientContext> m_context;
};

} // namespace thaw::glacier
