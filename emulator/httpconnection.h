#pragma once

#include "httpmessage.h"
#include "zerocopy.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace thaw::emulator {

// One client connection: a small HTTP/1.1 parser (keep-alive, Content-Length bodies, no chunked
// requests) and a response writer that applies the response's body faults. A file body is sent
// with sendfile(2) straight from the page cache to the socket (no copy through this process),
// unless the response has a body fault (corrupt, reset, bandwidth) or sendfile(2) cannot read
// the file (a filesystem without it): then it is read and written in blocks, topping Qt's write
// buffer up only when it runs low. The process must ignore SIGPIPE (HttpServer sees to it).
class HttpConnection final : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<Response(const Request &)>;
    using BodyBytesCounter = std::function<void(qint64)>;

    // sendFile: what sends a file body (::sendfile when empty).
    HttpConnection(QTcpSocket *socket, Handler handler, BodyBytesCounter counter,
                   SendFile sendFile = {}, QObject *parent = nullptr);
    ~HttpConnection() override;

private:
    void onReadyRead();
    void processBuffer();
    bool parseHead(qsizetype headEnd);
    void sendError(int status, const QByteArray &reason);
    void startResponse(Response response);
    void pump();
    void pumpBlocks();       // through Qt's write buffer, faults applied to the bytes
    void pumpZeroCopy();     // sendfile(2) from the file to the socket
    void fallBackToBlocks(); // sendfile(2) cannot read the file: the rest goes in blocks
    void afterPump();        // a reset fault that is due, or the end of the response
    void waitUntilWritable();
    void stopWaitingForRoom();
    void finishResponse();
    void resetConnection();
    void onSocketGone(); // disconnected, or failed for good
    qint64 allowance();

    QTcpSocket *m_socket;
    Handler m_handler;
    BodyBytesCounter m_counter;
    SendFile m_sendFile;
    QByteArray m_buffer;

    // The request being read.
    bool m_haveHead = false;
    Request m_request;
    qint64 m_contentLength = 0;
    bool m_closeAfter = false;

    // The response being written.
    bool m_responding = false;
    Response m_response;
    std::unique_ptr<QFile> m_file;
    bool m_zeroCopy = false;
    std::unique_ptr<QSocketNotifier> m_writable; // while sendfile(2) waits for room
    qint64 m_bodySent = 0;
    bool m_stalled = false;
    QTimer m_throttle;
    QElapsedTimer m_rateClock;
    qint64 m_rateSent = 0;
};

} // namespace thaw::emulator
