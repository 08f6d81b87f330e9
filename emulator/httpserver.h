#pragma once

#include "httpconnection.h"

#include <QTcpServer>

namespace thaw::emulator {

// Listens on 127.0.0.1 only and gives each connection its own HttpConnection.
class HttpServer final : public QObject
{
    Q_OBJECT

public:
    HttpServer(HttpConnection::Handler handler, HttpConnection::BodyBytesCounter counter,
               QObject *parent = nullptr);

    bool listen(quint16 port, QString *error);
    quint16 port() const { return m_server.serverPort(); }

private:
    QTcpServer m_server;
    HttpConnection::Handler m_handler;
    HttpConnection::BodyBytesCounter m_counter;
};

} // namespace thaw::emulator
