#include "RawHttpServer.h"

#include "support/TestSupport.h"

#include <QHostAddress>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTimer>

namespace Signet::Test {

RawHttpServer::RawHttpServer(Handler handler, Transport transport)
    : m_handler(std::move(handler))
    , m_transport(transport)
{
    if (transport == Transport::Tls) {
        auto tls = std::make_unique<QSslServer>();
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(QSslCertificate(certificatePem()));
        configuration.setPrivateKey(QSslKey(readData(QStringLiteral("tls/localhost.key")), QSsl::Ec));
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        tls->setSslConfiguration(configuration);
        m_server = std::move(tls);
    } else {
        m_server = std::make_unique<QTcpServer>();
    }
    QObject::connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, m_server.get(), [this] {
        while (QTcpSocket* socket = m_server->nextPendingConnection())
            accepted(socket);
    });
    m_server->listen(QHostAddress::LocalHost, 0);
}

RawHttpServer::~RawHttpServer() = default;

QByteArray RawHttpServer::certificatePem()
{
    return readData(QStringLiteral("tls/localhost.crt"));
}

QUrl RawHttpServer::url(const QString& path) const
{
    const QString scheme = m_transport == Transport::Tls ? QStringLiteral("https") : QStringLiteral("http");
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3").arg(scheme).arg(m_server->serverPort()).arg(path));
}

void RawHttpServer::send(QTcpSocket& socket, const QByteArray& bytes)
{
    m_bytesSent += socket.write(bytes);
}

void RawHttpServer::accepted(QTcpSocket* socket)
{
    socket->setParent(m_server.get());
    auto request = std::make_shared<QByteArray>();
    QObject::connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
        ++m_disconnected;
        socket->deleteLater();
    });
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, request] {
        request->append(socket->readAll());
        // One request per connection: the handler sees the first complete head.
        const qsizetype end = request->indexOf("\r\n\r\n");
        if (end < 0 || request->isNull())
            return;
        const QByteArray path = request->left(request->indexOf("\r\n")).split(' ').value(1);
        *request = QByteArray(); // null: this connection has been answered
        ++m_requests;
        m_handler(*this, *socket, path);
    });
}

QByteArray RawHttpServer::response(int status, const QByteArray& reason, const QByteArray& body,
                                   const QList<QPair<QByteArray, QByteArray>>& headers)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    return out;
}

RawHttpServer::Handler RawHttpServer::neverAnswer()
{
    return [](RawHttpServer&, QTcpSocket&, const QByteArray&) {};
}

RawHttpServer::Handler RawHttpServer::answer(QByteArray bytes)
{
    return [bytes](RawHttpServer& server, QTcpSocket& socket, const QByteArray&) {
        server.send(socket, bytes); // "Connection: close": the client closes
    };
}

RawHttpServer::Handler RawHttpServer::redirect(int status, QByteArray location)
{
    return [status, location](RawHttpServer& server, QTcpSocket& socket, const QByteArray&) {
        server.send(socket, response(status, "Redirect", {}, {{"Location", location}}));
        // Closed from this side too once written: a client that kept the connection for the next
        // redirect (Qt's HTTP/1 channel over TLS may) would read its end as a broken answer.
        socket.disconnectFromHost();
    };
}

RawHttpServer::Handler RawHttpServer::trickle(int intervalMs)
{
    return [intervalMs](RawHttpServer& server, QTcpSocket& socket, const QByteArray&) {
        server.send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
        auto* timer = new QTimer(&socket);
        QObject::connect(timer, &QTimer::timeout, &socket, [&server, &socket] { server.send(socket, " "); });
        timer->start(intervalMs);
    };
}

RawHttpServer::Handler RawHttpServer::endlessBody(qint64 maxBytes)
{
    return [maxBytes](RawHttpServer& server, QTcpSocket& socket, const QByteArray&) {
        server.send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n");
        const QByteArray chunk(64 * 1024, ' ');
        auto more = [&server, &socket, chunk, maxBytes] {
            while (socket.state() == QAbstractSocket::ConnectedState && server.bytesSent() < maxBytes &&
                   socket.bytesToWrite() < 4 * chunk.size())
                server.send(socket, chunk);
        };
        QObject::connect(&socket, &QTcpSocket::bytesWritten, &socket, more);
        more();
    };
}

RawHttpServer::Handler RawHttpServer::announceLength(qint64 length)
{
    return [length](RawHttpServer& server, QTcpSocket& socket, const QByteArray&) {
        server.send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                QByteArray::number(length) + "\r\n\r\n{\"keys\":");
    };
}

} // namespace Signet::Test
