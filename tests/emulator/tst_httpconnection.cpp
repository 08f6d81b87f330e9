// thaw-emulator's HttpConnection in this process (the static library thawemulator, as tests
// link it): what it does after each sendfile(2) result, a file body served whole when sendfile
// cannot read the file (it falls back to blocks where sendfile stopped), a client that goes
// away while the server waits for room, and a write to a closed socket that does not end the
// process (HttpServer ignores SIGPIPE).
#include "emulator/httpserver.h"
#include "emulator/zerocopy.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace thaw::emulator;

Q_DECLARE_METATYPE(thaw::emulator::ZeroCopyStep)

namespace {

constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 Prefix = 1000; // the body starts inside the file, as a range of an output does
// More than one turn's sendfile budget (8 MiB), and not a multiple of anything.
constexpr qint64 BodySize = 12 * MiB + 12345;
constexpr qint64 BigBodySize = 256 * MiB; // far more than the loopback socket buffers hold

QByteArray randomBytes(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(42);
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

} // namespace

class TestHttpConnection final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;    // Prefix bytes, then the body
    QString m_bigPath; // a sparse file of BigBodySize zero bytes
    QByteArray m_body;
    QNetworkAccessManager m_network;

    // Serves "/big" from the sparse file, anything else from the body's region of m_path.
    HttpConnection::Handler handler() const
    {
        return [this](const Request &request) {
            Response response;
            response.setHeader("Content-Type", "application/octet-stream");
            if (request.path == "/big")
                response.fileBody = FileBody{m_bigPath, 0, BigBodySize, 0};
            else
                response.fileBody = FileBody{m_path, Prefix, BodySize, 0};
            response.countOutputBytes = true;
            return response;
        };
    }

    // GETs path from the server; the body, or an empty array with the error logged.
    QByteArray get(const HttpServer &server, const char *path)
    {
        const QUrl url(
            QStringLiteral("http://127.0.0.1:%1%2").arg(server.port()).arg(QLatin1String(path)));
        std::unique_ptr<QNetworkReply> reply(m_network.get(QNetworkRequest(url)));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 60000)) {
            qWarning() << "no answer from" << url;
            return {};
        }
        if (reply->error() != QNetworkReply::NoError) {
            qWarning() << url << reply->errorString();
            return {};
        }
        return reply->readAll();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_body = randomBytes(BodySize);
        m_path = m_dir.filePath(QStringLiteral("output"));
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(QByteArray(Prefix, 'P')), Prefix);
        QCOMPARE(file.write(m_body), BodySize);
        file.close();
        m_bigPath = m_dir.filePath(QStringLiteral("big"));
        QFile big(m_bigPath);
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize(BigBodySize));
    }

    // sendfile(2) into a socket whose peer has closed gets EPIPE, and SIGPIPE, which would end
    // this process (QTest's crash handler catches it) unless it is ignored: a server made
    // anywhere in the process sees to that. First of the tests, before any socket is made
    // (Qt's socket code may ignore SIGPIPE on its own, which is not what this test checks).
    void sigpipeIgnored()
    {
        const HttpServer server(handler(), {});
        struct sigaction current = {};
        QCOMPARE(::sigaction(SIGPIPE, nullptr, &current), 0);
        QVERIFY(!(current.sa_flags & SA_SIGINFO));
        QVERIFY(current.sa_handler == SIG_IGN);

        int pair[2] = {-1, -1};
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
        ::close(pair[1]);
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        off_t offset = 0;
        errno = 0;
        const ssize_t sent = ::sendfile(pair[0], file.handle(), &offset, 4096);
        const int error = errno;
        ::close(pair[0]);
        QCOMPARE(sent, ssize_t(-1));
        QCOMPARE(error, EPIPE);
    }

    void zeroCopyStep_data()
    {
        QTest::addColumn<qint64>("result");
        QTest::addColumn<int>("error");
        QTest::addColumn<ZeroCopyStep>("step");
        QTest::newRow("bytes sent") << qint64(4096) << 0 << ZeroCopyStep::Sent;
        QTest::newRow("end of file early") << qint64(0) << 0 << ZeroCopyStep::Drop;
        QTest::newRow("EINTR") << qint64(-1) << EINTR << ZeroCopyStep::Retry;
        QTest::newRow("EAGAIN") << qint64(-1) << EAGAIN << ZeroCopyStep::WaitForRoom;
        QTest::newRow("EWOULDBLOCK") << qint64(-1) << EWOULDBLOCK << ZeroCopyStep::WaitForRoom;
        QTest::newRow("EINVAL: no mmap-like read of the file")
            << qint64(-1) << EINVAL << ZeroCopyStep::FallBack;
        QTest::newRow("ENOSYS") << qint64(-1) << ENOSYS << ZeroCopyStep::FallBack;
        QTest::newRow("EOPNOTSUPP") << qint64(-1) << EOPNOTSUPP << ZeroCopyStep::FallBack;
        QTest::newRow("EPIPE: the client went away") << qint64(-1) << EPIPE << ZeroCopyStep::Drop;
        QTest::newRow("ECONNRESET") << qint64(-1) << ECONNRESET << ZeroCopyStep::Drop;
        QTest::newRow("EIO") << qint64(-1) << EIO << ZeroCopyStep::Drop;
    }
    void zeroCopyStep()
    {
        QFETCH(qint64, result);
        QFETCH(int, error);
        QFETCH(ZeroCopyStep, step);
        QCOMPARE(thaw::emulator::zeroCopyStep(ssize_t(result), error), step);
    }

    // sendfile(2) passes failAfter bytes (-1: all), then fails with `error` as on a filesystem
    // without it: the client still gets the whole body, the rest through the block path from
    // where sendfile stopped, and every body byte is counted once.
    void fileBodyServed_data()
    {
        QTest::addColumn<qint64>("failAfter");
        QTest::addColumn<int>("error");
        QTest::newRow("sendfile throughout") << qint64(-1) << 0;
        QTest::newRow("EINVAL at once") << qint64(0) << EINVAL;
        QTest::newRow("ENOSYS at once") << qint64(0) << ENOSYS;
        QTest::newRow("EOPNOTSUPP after 3 MiB + 1") << 3 * MiB + 1 << EOPNOTSUPP;
        QTest::newRow("EINVAL after the first turn's budget") << 9 * MiB + 7 << EINVAL;
    }
    void fileBodyServed()
    {
        QFETCH(qint64, failAfter);
        QFETCH(int, error);
        qint64 counted = 0;
        HttpServer server(handler(), [&counted](qint64 bytes) { counted += bytes; });
        qint64 passed = 0;
        int failures = 0;
        server.setSendFile([&](int out, int in, off_t *offset, size_t count) -> ssize_t {
            if (failAfter >= 0 && passed >= failAfter) {
                ++failures;
                errno = error;
                return -1;
            }
            if (failAfter >= 0)
                count = size_t(qMin(qint64(count), failAfter - passed));
            const ssize_t sent = ::sendfile(out, in, offset, count);
            if (sent > 0)
                passed += sent;
            return sent;
        });
        QString listenError;
        QVERIFY2(server.listen(0, &listenError), qPrintable(listenError));

        const QByteArray body = get(server, "/output");
        QCOMPARE(body.size(), BodySize);
        QVERIFY(body == m_body);
        QCOMPARE(counted, BodySize);
        if (failAfter < 0) {
            QCOMPARE(passed, BodySize);
            QCOMPARE(failures, 0);
        } else {
            QCOMPARE(passed, failAfter);
            QCOMPARE(failures, 1); // no retry of a call that cannot work
        }

        // The next response on the connection tries sendfile again (another file may allow
        // it), and falls back again where it cannot.
        QCOMPARE(get(server, "/again"), m_body);
        QCOMPARE(counted, 2 * BodySize);
        QCOMPARE(failures, failAfter < 0 ? 0 : 2);
    }

    // A client that stops reading, then resets the connection while the server waits for room
    // in its socket: the connection goes away (its notifier off, so a later connection given
    // the same descriptor is not woken for it), the process lives on, and the next client is
    // served in full.
    void clientGoneWhileWaitingForRoom()
    {
        HttpServer server(handler(), {});
        bool waiting = false;
        server.setSendFile([&](int out, int in, off_t *offset, size_t count) -> ssize_t {
            const ssize_t sent = ::sendfile(out, in, offset, count);
            if (sent < 0 && errno == EAGAIN)
                waiting = true;
            return sent;
        });
        QString listenError;
        QVERIFY2(server.listen(0, &listenError), qPrintable(listenError));

        QTcpSocket client;
        client.setReadBufferSize(64 * 1024); // Qt stops reading: the kernel's buffers fill
        client.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(client.waitForConnected(10000));
        client.write("GET /big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(waiting, 30000);
        QCOMPARE(server.findChildren<HttpConnection *>().size(), 1);
        client.abort(); // unread bytes: the kernel sends RST

        QTRY_VERIFY_WITH_TIMEOUT(server.findChildren<HttpConnection *>().isEmpty(), 30000);
        QCOMPARE(get(server, "/output"), m_body);
    }
};

QTEST_GUILESS_MAIN(TestHttpConnection)
#include "tst_httpconnection.moc"
