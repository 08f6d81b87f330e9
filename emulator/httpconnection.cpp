#include "httpconnection.h"

#include <QDateTime>
#include <QLocale>
#include <QTcpSocket>

#include <cerrno>
#include <sys/sendfile.h>
#include <sys/socket.h>

namespace thaw::emulator {

namespace {

constexpr qsizetype MaxHeadSize = 64 * 1024;
constexpr qint64 MaxBodySize = qint64(4) * 1024 * 1024 * 1024 + 1;
constexpr qint64 BlockSize = 256 * 1024;
constexpr qint64 LowWater = 1024 * 1024; // top up when fewer bytes than this wait in Qt's buffer
// What one pump() hands to sendfile(2) before it returns to the event loop, so that one fast
// client does not keep the others (and the control endpoints) waiting.
constexpr qint64 ZeroCopyBudget = 8 * 1024 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 416:
        return "Requested Range Not Satisfiable";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

// RFC 7231 IMF-fixdate, as AWS sends in Date.
QByteArray httpDate()
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'")
        .toLatin1();
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, Handler handler, BodyBytesCounter counter,
                               SendFile sendFile, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(std::move(handler))
    , m_counter(std::move(counter))
    , m_sendFile(std::move(sendFile))
{
    m_socket->setParent(this);
    m_throttle.setInterval(10);
    connect(&m_throttle, &QTimer::timeout, this, &HttpConnection::pump);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::pump);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onSocketGone);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            onSocketGone();
    });
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::onReadyRead()
{
    m_buffer += m_socket->readAll();
    processBuffer();
}

void HttpConnection::processBuffer()
{
    while (!m_responding && m_socket->state() == QAbstractSocket::ConnectedState) {
        if (!m_haveHead) {
            const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                if (m_buffer.size() > MaxHeadSize)
                    sendError(431, "request head too large");
                return;
            }
            if (!parseHead(headEnd))
                return;
            m_buffer.remove(0, headEnd + 4);
            m_haveHead = true;
            if (m_request.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0
                && m_buffer.size() < m_contentLength) {
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            }
        }
        if (m_buffer.size() < m_contentLength)
            return;
        m_request.body = m_buffer.left(m_contentLength);
        m_buffer.remove(0, m_contentLength);
        m_haveHead = false;
        m_request.peer = m_socket->peerAddress();
        Request request = std::move(m_request);
        m_request = {};
        startResponse(m_handler(request));
    }
}

bool HttpConnection::parseHead(qsizetype headEnd)
{
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        sendError(400, "malformed request line");
        return false;
    }
    m_request = {};
    m_request.method = requestLine[0];
    const QByteArray target = requestLine[1];
    const qsizetype question = target.indexOf('?');
    m_request.path = question < 0 ? target : target.left(question);
    m_request.query = question < 0 ? QByteArray() : target.mid(question + 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        if ((line.startsWith(' ') || line.startsWith('\t')) && !m_request.headers.isEmpty()) {
            m_request.headers.last().value += ' ' + line.trimmed(); // obs-fold
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            sendError(400, "malformed header");
            return false;
        }
        m_request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    if (m_request.hasHeader("transfer-encoding")) {
        sendError(411, "chunked request bodies are not supported");
        return false;
    }
    bool ok = true;
    const QByteArray length = m_request.header("content-length");
    m_contentLength = length.isNull() ? 0 : length.toLongLong(&ok);
    if (!ok || m_contentLength < 0) {
        sendError(400, "bad Content-Length");
        return false;
    }
    if (m_contentLength > MaxBodySize) {
        sendError(413, "body too large");
        return false;
    }
    m_closeAfter = m_request.header("connection").compare("close", Qt::CaseInsensitive) == 0
                   || requestLine[2] == "HTTP/1.0";
    return true;
}

void HttpConnection::sendError(int status, const QByteArray &reason)
{
    Response response;
    response.status = status;
    response.setHeader("Content-Type", "text/plain");
    response.body = reason + '\n';
    m_closeAfter = true;
    startResponse(std::move(response));
}

void HttpConnection::startResponse(Response response)
{
    m_response = std::move(response);
    m_responding = true;
    m_bodySent = 0;
    m_stalled = false;
    m_zeroCopy = false;
    m_rateSent = 0;
    m_rateClock.start();

    QByteArray head = "HTTP/1.1 " + QByteArray::number(m_response.status) + ' '
                      + reasonPhrase(m_response.status) + "\r\n";
    if (!aws::hasHeader(m_response.headers, "Date"))
        head += "Date: " + httpDate() + "\r\n";
    for (const aws::HttpHeader &header : std::as_const(m_response.headers))
        head += header.name + ": " + header.value + "\r\n";
    head += "Content-Length: " + QByteArray::number(m_response.bodyLength()) + "\r\n";
    if (m_closeAfter)
        head += "Connection: close\r\n";
    head += "\r\n";
    m_socket->write(head);

    if (m_response.fileBody) {
        m_file = std::make_unique<QFile>(m_response.fileBody->path);
        if (!m_file->open(QIODevice::ReadOnly) || !m_file->seek(m_response.fileBody->offset)) {
            resetConnection(); // the headers promised a body that cannot be read
            return;
        }
        // A body without faults goes straight from the page cache. Faulty ones keep the block
        // path, whose behaviour (and byte counts) the fault tests were written against: it
        // counts a block once Qt takes it, also when the client has gone meanwhile.
        m_zeroCopy = !m_response.faults.corruptOutputOffset
                     && m_response.faults.bandwidthBytesPerSecond <= 0
                     && !m_response.faults.resetAfterBytes;
    }
    if (m_response.faults.stallAfterHeaders) {
        m_stalled = true; // the client sees headers and then silence until it gives up
        return;
    }
    if (m_response.faults.bandwidthBytesPerSecond > 0)
        m_throttle.start();
    pump();
}

// Bytes the bandwidth limit lets through now.
qint64 HttpConnection::allowance()
{
    const qint64 rate = m_response.faults.bandwidthBytesPerSecond;
    if (rate <= 0)
        return std::numeric_limits<qint64>::max();
    const qint64 earned = m_rateClock.elapsed() * rate / 1000 + qMin<qint64>(rate / 100, 16384);
    return qMax<qint64>(0, earned - m_rateSent);
}

void HttpConnection::pump()
{
    if (!m_responding || m_stalled)
        return;
    if (m_zeroCopy)
        pumpZeroCopy();
    else
        pumpBlocks();
}

void HttpConnection::pumpBlocks()
{
    const qint64 total = m_response.bodyLength();
    const std::optional<qint64> resetAt = m_response.faults.resetAfterBytes;
    while (m_bodySent < total && m_socket->bytesToWrite() < LowWater) {
        qint64 chunk = qMin(BlockSize, total - m_bodySent);
        if (resetAt)
            chunk = qMin(chunk, *resetAt - m_bodySent);
        chunk = qMin(chunk, allowance());
        if (chunk <= 0)
            break;
        QByteArray block;
        if (m_response.fileBody) {
            block = m_file->read(chunk);
            if (block.size() != chunk) {
                resetConnection();
                return;
            }
        } else {
            block = m_response.body.mid(m_bodySent, chunk);
        }
        if (m_response.faults.corruptOutputOffset && m_response.fileBody) {
            const qint64 at
                = *m_response.faults.corruptOutputOffset - m_response.fileBody->outputOffset;
            if (at >= m_bodySent && at < m_bodySent + chunk)
                block[at - m_bodySent] = char(block[at - m_bodySent] ^ 0x5a);
        }
        m_socket->write(block);
        m_bodySent += chunk;
        m_rateSent += chunk;
        if (m_response.countOutputBytes && m_counter)
            m_counter(chunk);
    }
    afterPump();
}

void HttpConnection::pumpZeroCopy()
{
    if (m_socket->bytesToWrite() > 0)
        return; // the head goes first, through Qt's buffer; bytesWritten() calls again
    const qint64 total = m_response.bodyLength();
    const int socket = int(m_socket->socketDescriptor());
    qint64 budget = ZeroCopyBudget;
    while (m_bodySent < total && budget > 0) {
        const qint64 chunk = qMin(budget, total - m_bodySent);
        off_t offset = off_t(m_response.fileBody->offset + m_bodySent);
        const ssize_t sent = m_sendFile
                                 ? m_sendFile(socket, m_file->handle(), &offset, size_t(chunk))
                                 : ::sendfile(socket, m_file->handle(), &offset, size_t(chunk));
        switch (zeroCopyStep(sent, sent < 0 ? errno : 0)) {
        case ZeroCopyStep::Sent:
            break;
        case ZeroCopyStep::Retry:
            continue;
        case ZeroCopyStep::WaitForRoom:
            waitUntilWritable(); // the socket buffer is full: the client reads slower
            return;
        case ZeroCopyStep::FallBack:
            fallBackToBlocks();
            return;
        case ZeroCopyStep::Drop:
            resetConnection();
            return;
        }
        m_bodySent += sent;
        budget -= sent;
        if (m_response.countOutputBytes && m_counter)
            m_counter(sent);
    }
    afterPump();
    if (m_responding && !m_stalled && m_bodySent < total && budget <= 0)
        waitUntilWritable(); // more next time round the event loop
}

// sendfile(2) moved the offset it was given, not the file's position: the blocks start where it
// stopped. Later responses on this connection try sendfile again (another file may allow it).
void HttpConnection::fallBackToBlocks()
{
    m_zeroCopy = false;
    stopWaitingForRoom();
    if (!m_file->seek(m_response.fileBody->offset + m_bodySent)) {
        resetConnection();
        return;
    }
    pumpBlocks();
}

void HttpConnection::waitUntilWritable()
{
    if (!m_writable) {
        m_writable = std::make_unique<QSocketNotifier>(m_socket->socketDescriptor(),
                                                       QSocketNotifier::Write);
        connect(m_writable.get(), &QSocketNotifier::activated, this, [this] {
            m_writable->setEnabled(false);
            pump();
        });
    }
    m_writable->setEnabled(true);
}

// Disabled, not deleted: this may run inside the notifier's own activated() signal. A disabled
// notifier watches nothing, so it may outlive the descriptor it was made for.
void HttpConnection::stopWaitingForRoom()
{
    if (m_writable)
        m_writable->setEnabled(false);
}

void HttpConnection::afterPump()
{
    const qint64 total = m_response.bodyLength();
    const std::optional<qint64> resetAt = m_response.faults.resetAfterBytes;
    if (resetAt && m_bodySent >= *resetAt && m_bodySent < total) {
        if (m_socket->bytesToWrite() == 0) {
            if (m_response.faults.hardReset) {
                resetConnection();
            } else {
                // FIN before the promised Content-Length: the client gets every byte sent, then
                // a truncated body.
                m_responding = false;
                m_stalled = true;
                stopWaitingForRoom();
                m_socket->disconnectFromHost();
            }
        }
        return;
    }
    if (m_bodySent >= total && m_socket->bytesToWrite() == 0)
        finishResponse();
}

void HttpConnection::finishResponse()
{
    m_throttle.stop();
    stopWaitingForRoom();
    m_file.reset();
    m_responding = false;
    m_response = {};
    if (m_closeAfter) {
        m_socket->disconnectFromHost();
        return;
    }
    processBuffer(); // a pipelined request may already wait
}

// An abortive close (RST), as a dropped connection looks to the client.
void HttpConnection::resetConnection()
{
    m_throttle.stop();
    stopWaitingForRoom();
    m_responding = false;
    m_stalled = true;
    const linger lingerOption{1, 0};
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lingerOption,
                 sizeof lingerOption);
    m_socket->abort();
    deleteLater();
}

// Qt closes the descriptor, whose number the next connection may get: the notifier must not
// wake this connection for it, nor the throttle pump a closed socket, until deleteLater() runs.
void HttpConnection::onSocketGone()
{
    m_throttle.stop();
    stopWaitingForRoom();
    m_responding = false;
    m_stalled = true;
    deleteLater();
}

} // namespace thaw::emulator
