#include "glacierclient.h"

#include "core/aws/sigv4.h"
#include "core/crypto/sha256.h"
#include "core/crypto/treehasher.h"
#include "glacierjson.h"
#include "joboutputsink.h"

#include <QIODevice>
#include <QNetworkAccessManager>
#include <QTimer>

namespace thaw::glacier {

namespace {

std::optional<QString> optionalHeader(const HttpResponse &response, QByteArrayView name)
{
    const QByteArray value = response.header(name);
    if (value.isNull())
        return std::nullopt;
    return QString::fromUtf8(value);
}

} // namespace

GlacierClient::GlacierClient(QNetworkAccessManager *network, QUrl endpoint, QString region,
                             CredentialsProvider credentials, Options options)
    : m_context(std::make_shared<ClientContext>())
{
    m_context->network = network;
    m_context->endpoint = std::move(endpoint);
    m_context->region = std::move(region);
    m_context->accountId = options.accountId.isEmpty() ? QStringLiteral("-") : options.accountId;
    m_context->credentials = std::move(credentials);
    m_context->retryPolicy = std::move(options.retryPolicy);
    m_context->clock = std::move(options.clock);
    m_context->readBufferSize = options.readBufferSize;
    m_context->transferTimeout = options.transferTimeout;
}

GlacierClient::GlacierClient(QNetworkAccessManager *network, QUrl endpoint, QString region,
                             aws::Credentials credentials, Options options)
    : GlacierClient(
        network, std::move(endpoint), std::move(region),
        [credentials] { return std::optional<aws::Credentials>(credentials); }, std::move(options))
{}

GlacierClient::GlacierClient(QNetworkAccessManager *network, QUrl endpoint, QString region,
                             aws::Credentials credentials)
    : GlacierClient(network, std::move(endpoint), std::move(region), std::move(credentials),
                    Options())
{}

GlacierOperation *GlacierClient::start(RequestSpec spec, GlacierOperation::SuccessHandler onSuccess,
                                       GlacierOperation::ErrorHandler onError)
{
    if (spec.payloadHash.isEmpty())
        spec.payloadHash = aws::sigv4::payloadHash(spec.body);
    auto *operation = new GlacierOperation(m_context, std::move(spec), std::move(onSuccess),
                                           std::move(onError));
    operation->start();
    return operation;
}

template<typename T>
GlacierOperation *
GlacierClient::startJson(RequestSpec spec,
                         std::function<std::optional<T>(const HttpResponse &, QString *)> parse,
                         Callback<T> done)
{
    const Operation operation = spec.operation;
    auto onSuccess
        = [operation, parse, done](const HttpResponse &response) -> std::optional<GlacierError> {
        QString error;
        std::optional<T> value = parse(response, &error);
        if (!value)
            return malformedResponse(operation, error, response.status);
        done(Result<T>(std::move(*value)));
        return std::nullopt;
    };
    auto onError = [done](const GlacierError &error) {
        done(Result<T>(error));
    };
    return start(std::move(spec), std::move(onSuccess), std::move(onError));
}

void GlacierClient::failSoon(Operation, GlacierError error,
                             std::function<void(const GlacierError &)> done)
{
    QTimer::singleShot(0, m_context->network, [error, done] { done(error); });
}

GlacierOperation *GlacierClient::listVaults(std::optional<int> limit, std::optional<QString> marker,
                                            Callback<ListVaultsPage> done)
{
    RequestSpec spec;
    spec.operation = Operation::ListVaults;
    spec.pathSegments = {QStringLiteral("vaults")};
    if (limit)
        spec.query.append({QStringLiteral("limit"), QString::number(*limit)});
    if (marker)
        spec.query.append({QStringLiteral("marker"), *marker});
    return startJson<ListVaultsPage>(
        std::move(spec),
        [](const HttpResponse &response, QString *error) {
            return json::parseListVaults(response.body, error);
        },
        std::move(done));
}

GlacierOperation *GlacierClient::describeVault(const QString &vault,
                                               Callback<VaultDescription> done)
{
    RequestSpec spec;
    spec.operation = Operation::DescribeVault;
    spec.pathSegments = {QStringLiteral("vaults"), vault};
    return startJson<VaultDescription>(
        std::move(spec),
        [](const HttpResponse &response, QString *error) {
            return json::parseVaultDescription(response.body, error);
        },
        std::move(done));
}

GlacierOperation *GlacierClient::createVault(const QString &vault, Callback<CreateVaultResult> done)
{
    RequestSpec spec;
    spec.operation = Operation::CreateVault;
    spec.method = "PUT";
    spec.pathSegments = {QStringLiteral("vaults"), vault};
    return startJson<CreateVaultResult>(
        std::move(spec),
        [](const HttpResponse &response, QString *) {
            return std::optional<CreateVaultResult>(
                CreateVaultResult{QString::fromUtf8(response.header("Location"))});
        },
        std::move(done));
}

GlacierOperation *GlacierClient::listJobs(const QString &vault, const ListJobsFilter &filter,
                                          Callback<ListJobsPage> done)
{
    RequestSpec spec;
    spec.operation = Operation::ListJobs;
    spec.pathSegments = {QStringLiteral("vaults"), vault, QStringLiteral("jobs")};
    if (filter.completed)
        spec.query.append({QStringLiteral("completed"),
                           *filter.completed ? QStringLiteral("true") : QStringLiteral("false")});
    if (filter.limit)
        spec.query.append({QStringLiteral("limit"), QString::number(*filter.limit)});
    if (filter.marker)
        spec.query.append({QStringLiteral("marker"), *filter.marker});
    if (filter.statusCode)
        spec.query.append({QStringLiteral("statuscode"), *filter.statusCode});
    return startJson<ListJobsPage>(
        std::move(spec),
        [](const HttpResponse &response, QString *error) {
            return json::parseListJobs(response.body, error);
        },
        std::move(done));
}

void GlacierClient::listAllJobs(const QString &vault, const ListJobsFilter &filter,
                                Callback<QList<JobDescription>> done)
{
    struct State
    {
        QList<JobDescription> jobs;
        int pages = 0;
    };
    auto state = std::make_shared<State>();
    auto next = std::make_shared<std::function<void(ListJobsFilter)>>();
    // The lambda holds `next` weakly so the chain frees itself after the last page.
    std::weak_ptr<std::function<void(ListJobsFilter)>> weakNext = next;
    // A copy of the client shares its context, so the chain survives the client's destruction.
    *next = [client = *this, vault, state, done, weakNext](ListJobsFilter page) mutable {
        auto self = weakNext.lock();
        client.listJobs(vault, page,
                        [state, done, self, page](Result<ListJobsPage> result) mutable {
                            if (!result) {
                                done(Result<QList<JobDescription>>(result.error()));
                                return;
                            }
                            state->jobs.append(result.value().jobList);
                            ++state->pages;
                            const std::optional<QString> &marker = result.value().marker;
                            // A repeated marker would loop forever; 10000 pages is ten million
                            // jobs.
                            if (!marker || marker->isEmpty() || marker == page.marker
                                || state->pages >= 10000) {
                                done(Result<QList<JobDescription>>(std::move(state->jobs)));
                                return;
                            }
                            page.marker = marker;
                            (*self)(page);
                        });
    };
    (*next)(filter);
}

GlacierOperation *GlacierClient::describeJob(const QString &vault, const QString &jobId,
                                             Callback<JobDescription> done)
{
    RequestSpec spec;
    spec.operation = Operation::DescribeJob;
    spec.pathSegments = {QStringLiteral("vaults"), vault, QStringLiteral("jobs"), jobId};
    return startJson<JobDescription>(
        std::move(spec),
        [](const HttpResponse &response, QString *error) {
            return json::parseJobDescription(response.body, error);
        },
        std::move(done));
}

GlacierOperation *GlacierClient::initiateJob(const QString &vault, const JobParameters &parameters,
                                             Callback<InitiateJobResult> done)
{
    RequestSpec spec;
    spec.operation = Operation::InitiateJob;
    spec.method = "POST";
    spec.pathSegments = {QStringLiteral("vaults"), vault, QStringLiteral("jobs")};
    spec.body = toJsonBody(parameters);
    spec.headers.append(aws::HttpHeader{"Content-Type", "application/json"});
    spec.idempotent = false;
    return startJson<InitiateJobResult>(
        std::move(spec),
        [](const HttpResponse &response, QString *error) -> std::optional<InitiateJobResult> {
            InitiateJobResult result;
            result.location = QString::fromUtf8(response.header("Location"));
            result.jobId = QString::fromUtf8(response.header("x-amz-job-id"));
            result.jobOutputPath = optionalHeader(response, "x-amz-job-output-path");
            if (result.jobId.isEmpty()) {
                *error = QStringLiteral("x-amz-job-id is missing");
                return std::nullopt;
            }
            return result;
        },
        std::move(done));
}

GlacierOperation *GlacierClient::getJobOutput(const QString &vault, const QString &jobId,
                                              std::optional<ByteRange> range, JobOutputSink *sink,
                                              Callback<JobOutputResult> done)
{
    RequestSpec spec;
    spec.operation = Operation::GetJobOutput;
    spec.pathSegments = {QStringLiteral("vaults"), vault, QStringLiteral("jobs"), jobId,
                         QStringLiteral("output")};
    if (range) {
        spec.headers.append(aws::HttpHeader{"Range", "bytes=" + QByteArray::number(range->first)
                                                         + '-' + QByteArray::number(range->last)});
        spec.rangeStart = range->first;
        spec.rangeLast = range->last;
    }
    // Qt would otherwise ask for gzip and inflate it, and Content-Length would stop matching.
    spec.unsignedHeaders.append(aws::HttpHeader{"Accept-Encoding", "identity"});
    spec.sink = sink;
    return startJson<JobOutputResult>(
        std::move(spec),
        [](const HttpResponse &response, QString *) {
            JobOutputResult result;
            JobOutputMetadata &metadata = result.metadata;
            metadata.status = response.status;
            metadata.checksum = optionalHeader(response, "x-amz-sha256-tree-hash");
            metadata.contentRange = optionalHeader(response, "Content-Range");
            metadata.contentType = optionalHeader(response, "Content-Type");
            metadata.acceptRanges = optionalHeader(response, "Accept-Ranges");
            metadata.archiveDescription = optionalHeader(response, "x-amz-archive-description");
            bool ok = false;
            const qint64 length = response.header("Content-Length").toLongLong(&ok);
            if (ok)
                metadata.contentLength = length;
            metadata.requestId = response.header("x-amzn-RequestId");
            result.bytesWritten = response.bytesStreamed;
            return std::optional<JobOutputResult>(result);
        },
        std::move(done));
}

std::optional<GlacierClient::UploadHashes> GlacierClient::hashBody(QIODevice *body, QString *error)
{
    if (body->isSequential()) {
        *error = QStringLiteral("the upload body must be a seekable file");
        return std::nullopt;
    }
    const qint64 start = body->pos();
    crypto::TreeHasher tree;
    crypto::Sha256 linear;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 read = body->read(buffer.data(), buffer.size());
        if (read < 0) {
            *error = body->errorString();
            return std::nullopt;
        }
        if (read == 0)
            break;
        tree.addData(buffer.constData(), read);
        linear.update(buffer.constData(), std::size_t(read));
    }
    if (!body->seek(start)) {
        *error = body->errorString();
        return std::nullopt;
    }
    return UploadHashes{crypto::toHex(tree.finish().root), crypto::toHex(linear.finish())};
}

GlacierOperation *GlacierClient::uploadArchive(const QString &vault, QIODevice *body,
                                               const std::optional<QString> &description,
                                               Callback<UploadArchiveResult> done,
                                               std::optional<UploadHashes> hashes)
{
    auto fail = [this, done](const GlacierError &error) {
        failSoon(Operation::UploadArchive, error,
                 [done](const GlacierError &e) { done(Result<UploadArchiveResult>(e)); });
    };
    if (!body || !body->isReadable()) {
        fail(localError(Operation::UploadArchive, QLatin1String(LocalErrorCode),
                        QStringLiteral("the upload body is not open for reading")));
        return nullptr;
    }
    if (!hashes) {
        QString error;
        hashes = hashBody(body, &error);
        if (!hashes) {
            fail(localError(Operation::UploadArchive, QLatin1String(LocalErrorCode),
                            QStringLiteral("cannot read the upload body: %1").arg(error)));
            return nullptr;
        }
    }
    RequestSpec spec;
    spec.operation = Operation::UploadArchive;
    spec.method = "POST";
    spec.pathSegments = {QStringLiteral("vaults"), vault, QStringLiteral("archives")};
    if (description)
        spec.headers.append(aws::HttpHeader{"x-amz-archive-description", description->toUtf8()});
    spec.headers.append(aws::HttpHeader{"x-amz-sha256-tree-hash", hashes->treeHash});
    spec.headers.append(aws::HttpHeader{"x-amz-content-sha256", hashes->sha256});
    spec.headers.append(aws::HttpHeader{"Content-Type", "application/octet-stream"});
    spec.payloadHash = hashes->sha256;
    spec.bodyDevice = body;
    spec.bodyStart = body->isSequential() ? 0 : body->pos();
    spec.bodySize = body->isSequential() ? body->bytesAvailable() : body->size() - body->pos();
    return startJson<UploadArchiveResult>(
        std::move(spec),
        [](const HttpResponse &response, QString *error) -> std::optional<UploadArchiveResult> {
            UploadArchiveResult result;
            result.location = QString::fromUtf8(response.header("Location"));
            result.checksum = QString::fromUtf8(response.header("x-amz-sha256-tree-hash"));
            result.archiveId = QString::fromUtf8(response.header("x-amz-archive-id"));
            if (result.archiveId.isEmpty()) {
                *error = QStringLiteral("x-amz-archive-id is missing");
                return std::nullopt;
            }
            return result;
        },
        std::move(done));
}

} // namespace thaw::glacier
