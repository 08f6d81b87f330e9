#pragma once

#include "httpconnection.h"

#include <QTcpServer>

namespace thaw::emulator {

// Listens on 127.0.0.1 only and gives each connection its own HttpConnection. The first server
// made in a process makes it ignore SIGPIPE: sendfile(2) has no MSG_NOSIGNAL, and the server
// also runs inside test processes, not only in thaw-emulator.
class HttpServer final : public QObject
{
    Q_OBJECT

public:
    HttpServer(HttpConnection::Handler handler, HttpConnection::BodyBytesCounter counter,
               QObject *parent = nullptr);

    bool listen(quint16 port, QString *error);
    quint16 port() const { return m_server.serverPort(); }
    // What later connections send file bodies with (empty: ::sendfile); for tests.
    void setSendFile(SendFile sendFile) { m_sendFile = std::move(sendFile); }

private:
    QTcpServer m_server;
    HttpConnection::Handler m_handler;
    HttpConnection::BodyBytesCounter m_counter;
    SendFile m_sendFile;
};

} // namespace thaw::emulator
