#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPair>
#include <QUrl>

#include <deque>
#include <functional>

// An in-memory server behind a QNetworkAccessManager, after nextcloud/desktop's FakeQNAM
// (test/syncenginetestutils.h): replies are answered through queued calls, so their signals
// arrive from the event loop as from a real network. Each request is captured; the answer comes
// from a per-test handler or, without one, from a queue of canned responses.
namespace thaw::test {

// A request as the fake server saw it.
struct CapturedRequest
{
    QByteArray method;
    QUrl url;
    QNetworkRequest request;
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return request.rawHeader(name); }
};

// What the fake server answers.
struct FakeResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qsizetype chunkSize = 0; // deliver the body in pieces of this size (0: at once)
    qint64 breakAfter = -1;  // after this many body bytes, the connection is reset
    // Fail before any answer (status and body ignored), e.g. ConnectionRefusedError.
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    bool hang = false; // never answer (until aborted)

    FakeResponse &header(const QByteArray &name, const QByteArray &value);

    static FakeResponse json(int status, const QByteArray &body);
    // Glacier's error body {"code","message","type"} with a request id.
    static FakeResponse awsError(int status, const QString &code, const QString &message,
                                 const QString &type = QStringLiteral("Client"));
    static FakeResponse bytes(int status, const QByteArray &body, qsizetype chunkSize = 0);
    static FakeResponse failure(QNetworkReply::NetworkError error);
    static FakeResponse hanging();
};

class FakeNetworkAccessManager final : public QNetworkAccessManager
{
    Q_OBJECT

public:
    using Handler = std::function<FakeResponse(const CapturedRequest &)>;

    explicit FakeNetworkAccessManager(QObject *parent = nullptr);

    // Answers every request; overrides the queue.
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    // Answers the next request that no handler answers; an empty queue gives a 599 error.
    void enqueue(FakeResponse response) { m_queue.push_back(std::move(response)); }

    const QList<CapturedRequest> &requests() const { return m_requests; }

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    Handler m_handler;
    std::deque<FakeResponse> m_queue;
    QList<CapturedRequest> m_requests;
};

// The reply FakeNetworkAccessManager hands out.
class FakeReply final : public QNetworkReply
{
    Q_OBJECT

public:
    FakeReply(const CapturedRequest &request, FakeResponse response, QObject *parent);

    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    void respond();
    void deliverNext();
    void fail(QNetworkReply::NetworkError error, const QString &text);
    void finish();

    FakeResponse m_response;
    QByteArray m_buffer; // delivered, not yet read
    qint64 m_delivered = 0;
    bool m_done = false;
};

} // namespace thaw::test
