#include "server/LocalServer.h"

#include "server/RequestBody.h"
#include "workspace/Workspace.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHttpServerRequest>
#include <QSet>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>

namespace Signet {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

// When a connection last asked or was answered (monotonicNs), kept on the socket itself.
const char* const kLastActive = "signetLastActiveNs";

qint64 monotonicNs()
{
    static QElapsedTimer timer = [] {
        QElapsedTimer started;
        started.start();
        return started;
    }();
    return timer.nsecsElapsed();
}

bool isLoopback(const QHostAddress& address)
{
    return address.isLoopback();
}

Result<QSslConfiguration> tlsConfiguration(const QString& certificatePath, const QString& keyPath)
{
    const auto certificates = QSslCertificate::fromPath(certificatePath, QSsl::Pem);
    if (certificates.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("no PEM certificate could be read from %1").arg(certificatePath));
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io,
                    QStringLiteral("cannot read the TLS key %1: %2").arg(keyPath, keyFile.errorString()));
    const QByteArray pem = keyFile.readAll();
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        key = QSslKey(pem, algorithm, QSsl::Pem);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 is not an unencrypted PEM RSA or EC private key").arg(keyPath));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(certificates);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

} // namespace

QString RequestLogEntry::line() const
{
    return QStringLiteral("%1 %2 %3 %4 %5 ms %6")
        .arg(at.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")), QString::fromLatin1(method), path)
        .arg(status)
        .arg(milliseconds, 0, 'f', milliseconds < 10 ? 2 : 0)
        .arg(client);
}

LocalServer::LocalServer(Workspace& workspace, ServerOptions options, const Clock& clock, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_workspace(workspace)
    , m_options(std::move(options))
    , m_clock(clock)
{
    m_recordedPoll.setInterval(1);
    connect(&m_recordedPoll, &QTimer::timeout, this, &LocalServer::answerRecorded);
    m_idleSweep.setInterval(
        std::clamp(m_options.idleTimeout / 4, std::chrono::milliseconds(50), std::chrono::milliseconds(1000)));
    connect(&m_idleSweep, &QTimer::timeout, this, &LocalServer::closeIdleConnections);
}

LocalServer::~LocalServer() = default;

Status LocalServer::start()
{
    if (!isLoopback(m_options.address) && !m_options.allowRemote)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1 is not a loopback address: serving beyond this machine needs --allow-remote")
                        .arg(m_options.address.toString()));
    if (m_options.tlsCertificate.isEmpty() != m_options.tlsKey.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("HTTPS needs both a certificate and its key"));
    if (auto listening = listenOn(); !listening)
        return listening;
    // Tokens minted elsewhere (the CLI, the console) then carry the issuer this server's backends
    // expect; a workspace that cannot record it still serves.
    (void)m_workspace.projects().recordServedBase(baseUrl());
    m_routes = std::make_unique<ServerRoutes>(
        ServerContext{m_workspace, m_clock, baseUrl(), m_options.issuerFromUrl, m_options.faults});
    return {};
}

Status LocalServer::listenOn()
{
    std::unique_ptr<QTcpServer> server;
    if (!m_options.tlsCertificate.isEmpty()) {
        auto configuration = tlsConfiguration(m_options.tlsCertificate, m_options.tlsKey);
        if (!configuration)
            return std::unexpected(configuration.error());
        auto ssl = std::make_unique<QSslServer>();
        ssl->setSslConfiguration(*configuration);
        server = std::move(ssl);
    } else {
        server = std::make_unique<QTcpServer>();
    }
    if (!server->listen(m_options.address, m_options.port))
        return fail(ErrorCode::Io, QStringLiteral("cannot listen on %1 port %2: %3")
                                       .arg(m_options.address.toString())
                                       .arg(m_options.port)
                                       .arg(server->errorString()));
    m_port = server->serverPort();
    bind(server.release());
    m_idleSweep.start();
    return {};
}

QString LocalServer::baseUrl() const
{
    QString host = m_options.address.toString();
    if (m_options.address.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    const QString scheme = m_options.tlsCertificate.isEmpty() ? QStringLiteral("http") : QStringLiteral("https");
    return QStringLiteral("%1://%2:%3").arg(scheme, host).arg(m_port);
}

void LocalServer::setFaults(const ServerFaults& faults)
{
    m_options.faults = faults;
    if (m_routes)
        m_routes->setFaults(faults);
}

bool LocalServer::handleRequest(const QHttpServerRequest& qtRequest, QTcpSocket* socket)
{
    const qint64 startedNs = monotonicNs();
    socket->setProperty(kLastActive, startedNs);
    HttpRequest request;
    request.method = methodName(qtRequest.method());
    request.path = qtRequest.url().path();
    request.headers = qtRequest.headers();
    request.body = qtRequest.body();
    request.client = qtRequest.remoteAddress();
    RequestLogEntry entry{QDateTime::currentDateTimeUtc(), request.method, request.path, 0, 0,
                          request.client.toString()};
    const bool close = request.header("Connection").compare("close", Qt::CaseInsensitive) == 0;

    if (!m_routes) {
        send(socket, HttpResponse::error(503, QStringLiteral("server_error"), QStringLiteral("not started")), entry,
             startedNs, true);
        return true;
    }
    if (request.body.size() > kMaxRequestBody) {
        send(socket,
             HttpResponse::error(
                 413, QStringLiteral("invalid_request"),
                 QStringLiteral("the body is %1 bytes; the limit is %2").arg(request.body.size()).arg(kMaxRequestBody)),
             entry, startedNs, close);
        return true;
    }
    const AuditLog::ActingAs server(m_workspace.audit(), Actor::Server);
    Reply reply = m_routes->route(request);
    if (reply.pending) {
        m_waiting.push_back({QPointer<QTcpSocket>(socket), std::move(reply), entry, startedNs, close});
        if (!m_recordedPoll.isActive())
            m_recordedPoll.start();
        answerRecorded();
        return true;
    }
    send(socket, reply.response, entry, startedNs, close);
    return true;
}

void LocalServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    send(socket, HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("nothing is served here")),
         RequestLogEntry{QDateTime::currentDateTimeUtc(), methodName(request.method()), request.url().path(), 0, 0,
                         request.remoteAddress().toString()},
         monotonicNs(), false);
}

void LocalServer::answerRecorded()
{
    // A connection's answers keep the order of its requests; other connections do not wait for it.
    QSet<const QTcpSocket*> waitingInOrder;
    auto it = m_waiting.begin();
    while (it != m_waiting.end()) {
        const QTcpSocket* socket = it->socket.data();
        if (socket && waitingInOrder.contains(socket)) {
            ++it;
            continue;
        }
        const auto recorded = m_workspace.tokens().recorded(*it->reply.pending);
        if (!recorded) {
            if (socket)
                waitingInOrder.insert(socket);
            ++it;
            continue;
        }
        if (it->socket)
            send(it->socket, it->reply.whenRecorded(*recorded, it->reply.pending->minted), it->entry, it->startedNs,
                 it->close);
        it = m_waiting.erase(it);
    }
    if (m_waiting.empty())
        m_recordedPoll.stop();
}

void LocalServer::send(QTcpSocket* socket, const HttpResponse& response, RequestLogEntry entry, qint64 startedNs,
                       bool close)
{
    const auto latency = m_options.faults.latency;
    if (latency.count() <= 0) {
        deliver(socket, response, std::move(entry), startedNs, close);
        return;
    }
    QTimer::singleShot(latency, socket, [this, socket, response, entry, startedNs, close] {
        deliver(socket, response, entry, startedNs, close);
    });
}

void LocalServer::closeIdleConnections()
{
    // Qt HTTP Server 6.4 keeps a connection open as long as its client does: every connection (the
    // sockets are the listening servers' children) is timed from its last request, or from when this
    // sweep first saw it.
    const qint64 now = monotonicNs();
    const qint64 limitNs = std::chrono::nanoseconds(m_options.idleTimeout + m_options.faults.latency).count();
    for (QTcpSocket* socket : findChildren<QTcpSocket*>()) {
        const QVariant last = socket->property(kLastActive);
        if (!last.isValid()) {
            socket->setProperty(kLastActive, now);
            continue;
        }
        const bool answering = std::any_of(m_waiting.begin(), m_waiting.end(),
                                           [socket](const Waiting& pending) { return pending.socket == socket; });
        if (!answering && now - last.toLongLong() > limitNs)
            socket->abort();
    }
}

void LocalServer::deliver(QTcpSocket* socket, const HttpResponse& response, RequestLogEntry entry, qint64 startedNs,
                          bool close)
{
    socket->setProperty(kLastActive, monotonicNs());
    socket->write(response.serialize(close));
    if (close)
        socket->disconnectFromHost();
    entry.status = response.status;
    entry.milliseconds = double(monotonicNs() - startedNs) / 1e6;
    Q_EMIT requestServed(entry);
}

} // namespace Signet
