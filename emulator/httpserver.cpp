#include "httpserver.h"

#include <QTcpSocket>

namespace thaw::emulator {

HttpServer::HttpServer(HttpConnection::Handler handler, HttpConnection::BodyBytesCounter counter,
                       QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_counter(std::move(counter))
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection())
            new HttpConnection(socket, m_handler, m_counter, this);
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
