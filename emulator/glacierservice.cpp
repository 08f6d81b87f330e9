#include "glacierservice.h"

#include "core/aws/sigv4signer.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>

namespace thaw::emulator {

namespace {

QByteArray newRequestId()
{
    return Store::newId(46).toLatin1();
}

} // namespace

QUrlQuery queryOf(const Request &request)
{
    // '+' is a literal plus in AWS query strings, not a space.
    QByteArray query = request.query;
    query.replace('+', "%2B");
    return QUrlQuery(QString::fromUtf8(query));
}

std::variant<int, GlacierError> limitOf(const QUrlQuery &query, int defaultAndMax)
{
    if (!query.hasQueryItem(QStringLiteral("limit")))
        return defaultAndMax;
    const QString text = query.queryItemValue(QStringLiteral("limit"));
    bool ok = false;
    const int limit = text.toInt(&ok);
    if (!ok || limit < 1 || limit > defaultAndMax)
        return GlacierError::invalidParameter(
            QStringLiteral("The limit is not valid: %1").arg(text));
    return limit;
}

GlacierService::GlacierService(EmulatorOptions options)
    : m_options(std::move(options))
    , m_store(m_options.dataDir)
    , m_verifier(m_options.region, {{m_options.accessKey, m_options.secretKey}})
{}

bool GlacierService::start(QString *error)
{
    if (!m_store.load(error))
        return false;
    if (!m_faults.apply(m_options.faults, error))
        return false;
    if (!m_options.seedFile.isEmpty()) {
        QFile file(m_options.seedFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("--seed: cannot read %1: %2")
                         .arg(m_options.seedFile, file.errorString());
            return false;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (!doc.isObject()) {
            *error = QStringLiteral("--seed: %1 is not a JSON object: %2")
                         .arg(m_options.seedFile, parseError.errorString());
            return false;
        }
        QString seedError;
        if (!seed(doc.object(), &seedError)) {
            *error = QStringLiteral("--seed %1: %2").arg(m_options.seedFile, seedError);
            return false;
        }
    }
    for (const SeedArchive &seed : std::as_const(m_options.seeds)) {
        if (!QFileInfo(seed.file).isFile()) {
            *error = QStringLiteral("--seed-archive: no file %1").arg(seed.file);
            return false;
        }
        if (!m_store.addArchiveFromFile(seed.vault, seed.description, seed.file, now(), error))
            return false;
    }
    return true;
}

Response GlacierService::handle(const Request &request)
{
    Response response;
    if (request.path.startsWith("/_thaw/")) {
        response = handleControl(request);
    } else {
        const Route route = Route::match(request.method, request.path);
        m_counters.countRequest(route.operation.isEmpty() ? QStringLiteral("Unknown")
                                                          : route.operation);
        response = dispatch(request, route);
    }
    response.headers.prepend({"x-amzn-RequestId", newRequestId()});
    return response;
}

Response GlacierService::dispatch(const Request &request, const Route &route)
{
    if (const auto error = m_verifier.verify(request, QDateTime::currentDateTimeUtc()))
        return error->toResponse();
    const QByteArray version = request.header("x-amz-glacier-version");
    if (version.isNull())
        return GlacierError::missingParameter(
                   QStringLiteral("Required header or parameter missing: x-amz-glacier-version"))
            .toResponse();
    if (version != aws::sigv4::GlacierApiVersion)
        return GlacierError::invalidParameter(QStringLiteral("Invalid API version specified: %1")
                                                  .arg(QString::fromLatin1(version)))
            .toResponse();
    if (route.operation.isEmpty())
        return GlacierError{
            400, QStringLiteral("BadRequest"),
            QStringLiteral("No Glacier operation matches %1 %2")
                .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path))}
            .toResponse();
    if (route.accountId != u"-" && route.accountId != m_options.accountId) {
        static const QRegularExpression twelveDigits(QStringLiteral("^[0-9]{12}$"));
        if (!twelveDigits.match(route.accountId).hasMatch())
            return GlacierError::invalidParameter(
                       QStringLiteral("Invalid account id: %1").arg(route.accountId))
                .toResponse();
        return GlacierError{403, QStringLiteral("AccessDeniedException"),
                            QStringLiteral("Access denied for account %1").arg(route.accountId)}
            .toResponse();
    }
    if (const auto error = m_faults.takeError(route.operation))
        return error->toResponse();

    const QString &op = route.operation;
    if (op == u"ListVaults")
        return listVaults(request, route);
    if (op == u"DescribeVault")
        return describeVault(route);
    if (op == u"CreateVault")
        return createVault(route);
    if (op == u"UploadArchive")
        return uploadArchive(request, route);
    if (op == u"InitiateJob")
        return initiateJob(request, route);
    if (op == u"ListJobs")
        return listJobs(request, route);
    if (op == u"DescribeJob")
        return describeJob(route);
    return getJobOutput(request, route);
}

QString GlacierService::vaultArn(const QString &vault) const
{
    return QStringLiteral("arn:aws:glacier:%1:%2:vaults/%3")
        .arg(m_options.region, m_options.accountId, vault);
}

QByteArray GlacierService::vaultPath(const QString &vault) const
{
    return '/' + m_options.accountId.toLatin1() + "/vaults/" + vault.toUtf8();
}

GlacierError GlacierService::vaultNotFound(const QString &vault) const
{
    return GlacierError::notFound(
        QStringLiteral("Vault not found for ARN: %1").arg(vaultArn(vault)));
}

Response GlacierService::json(int status, const QJsonObject &body)
{
    Response response;
    response.status = status;
    response.setHeader("Content-Type", "application/json");
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

// The control channel: not part of the Glacier API, unsigned, answered on loopback only.
Response GlacierService::handleControl(const Request &request)
{
    if (!request.peer.isLoopback())
        return GlacierError{403, QStringLiteral("AccessDeniedException"),
                            QStringLiteral("control endpoints answer loopback clients only")}
            .toResponse();
    const QByteArray path = request.path;
    const QByteArray &method = request.method;
    QJsonObject body;
    if (!request.body.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
        if (!doc.isObject())
            return GlacierError{400, QStringLiteral("SerializationException"),
                                parseError.errorString()}
                .toResponse();
        body = doc.object();
    }
    if (path == "/_thaw/faults") {
        if (method == "DELETE") {
            m_faults.clear();
        } else if (method == "POST" || method == "PUT") {
            QString error;
            if (method == "PUT")
                m_faults.clear();
            if (!m_faults.apply(body, &error))
                return GlacierError::invalidParameter(error).toResponse();
        } else if (method != "GET") {
            return GlacierError{405, QStringLiteral("BadRequest"), QStringLiteral("method")}
                .toResponse();
        }
        return json(200, m_faults.toJson());
    }
    if (path == "/_thaw/counters" && method == "GET")
        return json(200, m_counters.toJson(m_faults.injectedCount()));
    if ((path == "/_thaw/counters/reset" && method == "POST")
        || (path == "/_thaw/counters" && method == "DELETE")) {
        m_counters.reset();
        return json(200, m_counters.toJson(m_faults.injectedCount()));
    }
    if (path == "/_thaw/clock") {
        if (method == "POST") {
            if (body.contains(QStringLiteral("advanceSeconds")))
                m_clockOffsetMs
                    += qint64(body.value(QStringLiteral("advanceSeconds")).toDouble() * 1000);
            if (body.contains(QStringLiteral("offsetSeconds")))
                m_clockOffsetMs
                    = qint64(body.value(QStringLiteral("offsetSeconds")).toDouble() * 1000);
        }
        return json(200, QJsonObject{{QStringLiteral("now"), now().toString(Qt::ISODateWithMs)},
                                     {QStringLiteral("offsetSeconds"), m_clockOffsetMs / 1000.0}});
    }
    return GlacierError::notFound(QStringLiteral("no control endpoint %1 %2")
                                      .arg(QString::fromLatin1(method), QString::fromUtf8(path)))
        .toResponse();
}

} // namespace thaw::emulator
