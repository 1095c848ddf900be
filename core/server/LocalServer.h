#pragma once

#include "foundation/Error.h"
#include "server/ServerOptions.h"
#include "server/ServerRoutes.h"

#include <QAbstractHttpServer>
#include <QDateTime>
#include <QPointer>
#include <QTimer>

#include <memory>

class QTcpSocket;

namespace Signet {

class Workspace;

// One answered request, for the request log (CLI lines, the GUI's table).
struct RequestLogEntry
{
    QDateTime at;
    QByteArray method;
    QString path;
    int status = 0;
    double milliseconds = 0;
    QString client;
    // "14:03:05.123 GET /p/demo/.well-known/jwks.json 200 0.1 ms 127.0.0.1"
    [[nodiscard]] QString line() const;
};

// The local dev auth server (Qt HTTP Server): what ServerRoutes answers, over HTTP or HTTPS, on
// loopback unless told otherwise. Runs on the thread that owns it and the workspace; tokens it
// mints are answered once the ledger has them, without blocking the loop meanwhile.
class LocalServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    LocalServer(Workspace& workspace, ServerOptions options, const Clock& clock = SystemClock::instance(),
                QObject* parent = nullptr);
    LocalServer(Workspace&, ServerOptions, const Clock&&, QObject* = nullptr) = delete;
    ~LocalServer() override;

    // Listens; fails naming the address and why (in use, not loopback without allowRemote, TLS files).
    Status start();
    [[nodiscard]] quint16 port() const { return m_port; }
    // "http://127.0.0.1:8707"
    [[nodiscard]] QString baseUrl() const;
    void setFaults(const ServerFaults& faults);
    [[nodiscard]] const ServerFaults& faults() const { return m_options.faults; }

Q_SIGNALS:
    void requestServed(const Signet::RequestLogEntry& entry);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    struct Waiting
    {
        QPointer<QTcpSocket> socket;
        Reply reply;
        RequestLogEntry entry;
        qint64 startedNs = 0;
        bool close = false;
    };
    Status listenOn();
    void send(QTcpSocket* socket, const HttpResponse& response, RequestLogEntry entry, qint64 startedNs, bool close);
    void deliver(QTcpSocket* socket, const HttpResponse& response, RequestLogEntry entry, qint64 startedNs, bool close);
    void answerRecorded();
    // Closes connections quiet for longer than the idle timeout (beyond any staged latency).
    void closeIdleConnections();

    Workspace& m_workspace;
    ServerOptions m_options;
    const Clock& m_clock;
    std::unique_ptr<ServerRoutes> m_routes;
    quint16 m_port = 0;
    std::vector<Waiting> m_waiting; // tokens minted, waiting for the ledger
    QTimer m_recordedPoll;
    QTimer m_idleSweep;
};

} // namespace Signet
