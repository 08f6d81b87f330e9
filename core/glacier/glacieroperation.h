#pragma once

#include "core/aws/credentials.h"
#include "core/aws/httprequest.h"
#include "glaciererror.h"
#include "readpacer.h"
#include "retrypolicy.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QIODevice;
class QNetworkAccessManager;
QT_END_NAMESPACE

namespace thaw::glacier {

class JobOutputSink;

// Where credentials come from at each attempt; nullopt when there are none (the call then fails
// with NeedsUser). Called at send time, so refreshed temporary credentials are picked up.
using CredentialsProvider = std::function<std::optional<aws::Credentials>()>;
// The current UTC time; signing adds the clock-skew offset to it.
using Clock = std::function<QDateTime()>;

// What a GlacierClient shares with its operations; the clock offset learnt from one answer is
// used to sign every later request.
struct ClientContext
{
    QNetworkAccessManager *network = nullptr;
    QUrl endpoint;
    QString region;
    QString accountId = QStringLiteral("-");
    CredentialsProvider credentials;
    RetryPolicy retryPolicy;
    Clock clock;
    std::chrono::milliseconds clockOffset{0};
    qint64 readBufferSize = 256 << 10;
    std::chrono::milliseconds transferTimeout{60'000};
};

// One REST call as data: built by GlacierClient, sent (and re-sent) by GlacierOperation.
struct RequestSpec
{
    Operation operation = Operation::ListVaults;
    QByteArray method = "GET";
    QStringList pathSegments;             // below /<account>/, decoded; encoded when sent
    QList<QPair<QString, QString>> query; // decoded; encoded when sent ('+' as %2B)
    aws::HttpHeaders headers;             // signed and sent
    aws::HttpHeaders unsignedHeaders;     // sent only
    QByteArray body;                      // a small body, or:
    QIODevice *bodyDevice = nullptr;      // a streamed one, from bodyStart, bodySize bytes
    qint64 bodyStart = 0;
    qint64 bodySize = 0;
    QByteArray payloadHash; // hex SHA-256 of the body
    // Whether a failed attempt may be repeated for any transient error, or only for those that
    // prove the request was not carried out (throttling, a refused connection).
    bool idempotent = true;
    JobOutputSink *sink = nullptr;    // stream a 2xx body here instead of buffering it
    std::optional<qint64> rangeStart; // the Range asked for, to check Content-Range
    std::optional<qint64> rangeLast;  // inclusive
};

// A successful answer as the operation hands it to the parser.
struct HttpResponse
{
    int status = 0;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray body; // empty when streamed to a sink
    qint64 bytesStreamed = 0;

    QByteArray header(QByteArrayView name) const { return rawHeader(headers, name); }
};

// One asynchronous Glacier call in flight: signs at each send, retries with backoff, corrects
// the clock once, streams to a sink. Deletes itself after finished(); hold it in a QPointer.
class GlacierOperation final : public QObject
{
    Q_OBJECT

public:
    // Turns the answer into the caller's value (and calls back); returns an error instead when
    // the answer cannot be understood.
    using SuccessHandler = std::function<std::optional<GlacierError>(const HttpResponse &)>;
    using ErrorHandler = std::function<void(const GlacierError &)>;

    GlacierOperation(std::shared_ptr<ClientContext> context, RequestSpec spec,
                     SuccessHandler onSuccess, ErrorHandler onError);
    ~GlacierOperation() override;

    Operation operation() const { return m_spec.operation; }
    int attempts() const { return m_attempts; }

    // Sends the first attempt from the event loop (so callbacks never run inside the caller).
    void start();
    // Stops the call; the error handler gets AbortedCode (Fatal). Harmless once finished.
    void abort();

    // The URL a spec goes to (exposed for tests).
    static QUrl requestUrl(const ClientContext &context, const RequestSpec &spec);

    // The longest a sink's read pause runs before the sink is asked again
    // (JobOutputSink::readDelayLeftMs()); see ReadPacer.
    static constexpr std::chrono::milliseconds MaxReadPauseStep = ReadPacer::MaxStep;

Q_SIGNALS:
    void finished();
    // Bytes of a streamed body delivered to the sink in the current attempt.
    void downloadProgress(qint64 bytesReceived, qint64 bytesTotal);

private:
    void sendAttempt();
    void onReadyRead();
    bool writeToSink(QNetworkReply *reply); // false when it failed and aborted the reply
    bool readIntoSink(QNetworkReply *reply, QString *error); // a sink that lends buffers
    void failLocally(QNetworkReply *reply, const QString &error);
    void onReplyFinished();
    void handleFailure(const GlacierError &error,
                       const QList<QNetworkReply::RawHeaderPair> &headers);
    bool correctClockSkew(const GlacierError &error,
                          const QList<QNetworkReply::RawHeaderPair> &headers);
    bool rewindForRetry(GlacierError *error);
    bool mayRetry(const GlacierError &error) const;
    void releaseSink(); // no more calls into it: the caller may delete it now
    void finishWithError(const GlacierError &error);
    void finishWithSuccess(const HttpResponse &response);

    std::shared_ptr<ClientContext> m_context;
    RequestSpec m_spec;
    SuccessHandler m_onSuccess;
    ErrorHandler m_onError;
    QPointer<QNetworkReply> m_reply;
    QTimer m_retryTimer;
    ReadPacer m_pacer; // when the sink lets the body be read
    QElapsedTimer m_elapsed;
    QByteArray m_errorBody;
    QByteArray m_body;
    qint64 m_streamed = 0;
    int m_attempts = 0;
    bool m_sinkBegun = false;
    bool m_sinkDirty = false;
    bool m_skewCorrected = false;
    bool m_aborted = false;
    bool m_done = false;
    std::optional<GlacierError> m_localFailure;
};

// Parses an HTTP Date header ("Wed, 10 Feb 2017 12:00:00 GMT", RFC 1123); invalid when not one.
QDateTime parseHttpDate(QByteArrayView text);

} // namespace thaw::glacier
