#pragma once

#include "core/crypto/sha256.h"
#include "core/crypto/treehasher.h"
#include "emulatorprocess.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

// Shared by the thaw-cli integration tests: runs thaw-cli against a thaw-emulator with a clean
// environment (test credentials, temporary HOME and AWS files), talks to the emulator's control
// endpoints, and makes deterministic test data. Every wait has a timeout.

// What one thaw-cli run left behind.
struct CliRun
{
    int exitCode = -1; // -1: it did not finish in time or crashed
    QByteArray out;
    QByteArray err;

    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QString value(const char *key) const { return json().value(QLatin1String(key)).toString(); }
    // For QVERIFY2: the command's stderr and stdout.
    QByteArray describe() const
    {
        return "exit " + QByteArray::number(exitCode) + "\nstderr: " + err
               + "\nstdout: " + out.left(2000);
    }
};

// The lower-case hex SHA-256 tree hash of data, from core/crypto (not from the client under
// test, which only forwards the server's header).
inline QString treeHashHex(QByteArrayView data)
{
    return QString::fromLatin1(thaw::crypto::toHex(thaw::crypto::TreeHasher::hash(data).root));
}

// size bytes of reproducible pseudo-random data.
inline QByteArray testData(qint64 size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray data(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        data[i] = char(generator.bounded(256));
    return data;
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// thaw-cli with the emulator's credentials in the environment and nothing of the user's: HOME,
// XDG_CONFIG_HOME and the AWS files point into a temporary directory.
class CliRunner final
{
public:
    explicit CliRunner(const EmulatorProcess &emulator)
        : m_baseUrl(emulator.baseUrl())
    {
        m_environment = QProcessEnvironment::systemEnvironment();
        for (const QString &name : m_environment.keys()) {
            if (name.startsWith(QLatin1String("AWS_")))
                m_environment.remove(name);
        }
        m_environment.insert(QStringLiteral("HOME"), m_home.path());
        m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath("config"));
        m_environment.insert(QStringLiteral("AWS_CONFIG_FILE"), m_home.filePath("aws-config"));
        m_environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                             m_home.filePath("aws-credentials"));
        m_environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), EmulatorProcess::accessKey());
        m_environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), EmulatorProcess::secretKey());
        m_environment.insert(QStringLiteral("AWS_REGION"), EmulatorProcess::region());
    }

    QProcessEnvironment &environment() { return m_environment; }
    QString tempPath(const QString &name) const { return m_home.filePath(name); }
    QString endpoint() const { return m_baseUrl.toString(); }

    // thaw-cli <arguments> --endpoint-url <emulator>.
    CliRun run(const QStringList &arguments, int timeoutMs = 30000) const
    {
        return runRaw(arguments + QStringList{QStringLiteral("--endpoint-url"), endpoint()},
                      m_environment, timeoutMs);
    }

    // thaw-cli <arguments>, nothing added.
    static CliRun runRaw(const QStringList &arguments, const QProcessEnvironment &environment,
                         int timeoutMs = 30000)
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(THAW_CLI_PATH), arguments);
        CliRun run;
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished(5000);
            run.err = "thaw-cli did not finish in time: " + process.readAllStandardError();
            return run;
        }
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        if (process.exitStatus() == QProcess::NormalExit)
            run.exitCode = process.exitCode();
        return run;
    }

    // Polls describe-job until the job is Completed (or the deadline passes); its last JSON.
    QJsonObject waitForJob(const QString &vault, const QString &jobId, int timeoutMs = 15000) const
    {
        const QDeadlineTimer deadline(timeoutMs);
        QJsonObject job;
        do {
            const CliRun run
                = this->run({QStringLiteral("describe-job"), QStringLiteral("--vault-name"), vault,
                             QStringLiteral("--job-id"), jobId});
            job = run.json();
            if (run.exitCode != 0 || job.value(QLatin1String("Completed")).toBool())
                return job;
        } while (!deadline.hasExpired());
        return job;
    }

    // initiate-job; the job id, empty on failure.
    QString initiateJob(const QString &vault, const QJsonObject &parameters) const
    {
        const CliRun run = this->run(
            {QStringLiteral("initiate-job"), QStringLiteral("--vault-name"), vault,
             QStringLiteral("--job-parameters"),
             QString::fromUtf8(QJsonDocument(parameters).toJson(QJsonDocument::Compact))});
        return run.exitCode == 0 ? run.value("jobId") : QString();
    }

    // upload-archive of data; the archive id, empty on failure.
    QString uploadArchive(const QString &vault, const QByteArray &data) const
    {
        const QString path = tempPath(QStringLiteral("upload-%1.bin").arg(++m_uploads));
        if (!writeFile(path, data))
            return {};
        const CliRun run
            = this->run({QStringLiteral("upload-archive"), QStringLiteral("--vault-name"), vault,
                         QStringLiteral("--body"), path});
        return run.exitCode == 0 ? run.value("archiveId") : QString();
    }

private:
    QUrl m_baseUrl;
    QTemporaryDir m_home;
    QProcessEnvironment m_environment;
    mutable int m_uploads = 0;
};

// The emulator's unsigned control endpoints (/_thaw/faults, /_thaw/counters, /_thaw/clock).
class EmulatorControl final
{
public:
    explicit EmulatorControl(QUrl baseUrl)
        : m_baseUrl(std::move(baseUrl))
    {}

    // The answer's JSON, or nullopt-like empty object with *ok false on failure or timeout.
    QJsonObject send(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                     bool *ok = nullptr, int timeoutMs = 5000)
    {
        QUrl url = m_baseUrl;
        url.setPath(path);
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setTransferTimeout(timeoutMs);
        QNetworkReply *reply = m_network.sendCustomRequest(
            request, method,
            body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        const bool success = reply->isFinished() && reply->error() == QNetworkReply::NoError;
        const QByteArray answer = reply->isFinished() ? reply->readAll() : QByteArray();
        reply->abort();
        reply->deleteLater();
        if (ok)
            *ok = success;
        return QJsonDocument::fromJson(answer).object();
    }

    bool setFaults(const QJsonObject &faults)
    {
        bool ok = false;
        send("POST", QStringLiteral("/_thaw/faults"), faults, &ok);
        return ok;
    }
    bool clearFaults()
    {
        bool ok = false;
        send("DELETE", QStringLiteral("/_thaw/faults"), {}, &ok);
        return ok;
    }
    QJsonObject faults() { return send("GET", QStringLiteral("/_thaw/faults")); }
    QJsonObject counters() { return send("GET", QStringLiteral("/_thaw/counters")); }
    bool resetCounters()
    {
        bool ok = false;
        send("POST", QStringLiteral("/_thaw/counters/reset"), {}, &ok);
        return ok;
    }
    // Requests counted for one operation ("GetJobOutput", ...) since the last reset.
    int requests(const QString &operation)
    {
        return counters().value(QLatin1String("requests")).toObject().value(operation).toInt();
    }
    qint64 outputBytes()
    {
        return qint64(counters().value(QLatin1String("outputBytes")).toDouble());
    }
    bool advanceClock(qint64 seconds)
    {
        bool ok = false;
        send("POST", QStringLiteral("/_thaw/clock"),
             QJsonObject{{QStringLiteral("advanceSeconds"), double(seconds)}}, &ok);
        return ok;
    }

private:
    QUrl m_baseUrl;
    QNetworkAccessManager m_network;
};
