#pragma once

// A bare TCP (or TLS) server on loopback for the answers a well-behaved HTTP server never gives: no
// answer, a body that trickles or never ends, a lying Content-Length, redirects. Each request's
// first line is read, then the handler writes whatever it likes.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>
#include <memory>

namespace Signet::Test {

class RawHttpServer
{
public:
    enum class Transport
    {
        Plain,
        Tls // tests/data/tls/localhost.crt, self-signed
    };
    // Called once per request with the socket and the request path.
    using Handler = std::function<void(RawHttpServer& server, QTcpSocket& socket, const QByteArray& path)>;

    explicit RawHttpServer(Handler handler, Transport transport = Transport::Plain);
    ~RawHttpServer();

    [[nodiscard]] bool isListening() const { return m_server && m_server->isListening(); }
    [[nodiscard]] QUrl url(const QString& path) const;
    [[nodiscard]] int requests() const { return m_requests; }
    [[nodiscard]] qint64 bytesSent() const { return m_bytesSent; }
    [[nodiscard]] int disconnected() const { return m_disconnected; }

    // Writes and counts what was written.
    void send(QTcpSocket& socket, const QByteArray& bytes);

    static QByteArray response(int status, const QByteArray& reason, const QByteArray& body,
                               const QList<QPair<QByteArray, QByteArray>>& headers = {});
    // The test certificate, for a client that should trust it.
    static QByteArray certificatePem();

    // Handlers for the usual misbehaviours.
    static Handler neverAnswer();
    static Handler answer(QByteArray bytes); // then closes
    static Handler redirect(int status, QByteArray location);
    static Handler trickle(int intervalMs);       // announces 1000 bytes, sends one per interval
    static Handler endlessBody(qint64 maxBytes);  // no length; streams as fast as the client reads
    static Handler announceLength(qint64 length); // a Content-Length over the cap, then a little body

private:
    void accepted(QTcpSocket* socket);

    Handler m_handler;
    Transport m_transport;
    std::unique_ptr<QTcpServer> m_server;
    int m_requests = 0;
    int m_disconnected = 0;
    qint64 m_bytesSent = 0;
};

} // namespace Signet::Test
