#include "httpserver.h"

#include <QTcpSocket>

#include <csignal>
#include <mutex>

namespace thaw::emulator {

namespace {

// A client that goes away mid-body must give sendfile(2) EPIPE, not end the process: SIGPIPE is
// ignored, once per process (also over a handler installed before, such as a test framework's
// crash handler, which would end a test process just the same).
void ignoreSigpipe()
{
    static std::once_flag once;
    std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}

} // namespace

HttpServer::HttpServer(HttpConnection::Handler handler, HttpConnection::BodyBytesCounter counter,
                       QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_counter(std::move(counter))
{
    ignoreSigpipe();
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection())
            new HttpConnection(socket, m_handler, m_counter, m_sendFile, this);
    });
}

bool HttpServer::listen(quint16 port, QString *error)
{
    if (!m_server.listen(QHostAddress::LocalHost, port)) {
        *error = m_server.errorString();
        return false;
    }
    return true;
}

} // namespace thaw::emulator
