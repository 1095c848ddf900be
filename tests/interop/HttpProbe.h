#pragma once

// A small HTTP/1.1 client over a raw QTcpSocket for the server interop tests: blocking calls with
// deadlines (no event loop needed), keep-alive on one connection, and bytes sent exactly as written,
// so a test can send what a well-behaved client library never would (malformed bodies, wrong
// methods, garbage request lines) and still read the answer.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QTcpSocket>

#include <memory>

namespace Signet::Test {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpAnswer
{
    int status = 0; // 0: no answer (see error)
    HttpHeaders headers;
    QByteArray body;
    QString error;

    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    // The body as a JSON object (empty when it is not one).
    [[nodiscard]] QJsonObject json() const;
    // Status line, headers and body (or the error), for failure messages.
    [[nodiscard]] QString describe() const;
};

// A request's bytes: request line, Host, Content-Length when there is a body, the headers, the body.
QByteArray httpRequest(QByteArrayView method, QByteArrayView target, const HttpHeaders& headers = {},
                       const QByteArray& body = {});
// "Basic base64(id:secret)".
QByteArray basicAuthorization(const QString& id, const QString& secret);
// application/x-www-form-urlencoded from name/value pairs.
QByteArray formEncode(const QList<QPair<QString, QString>>& fields);

class HttpConnection
{
public:
    explicit HttpConnection(quint16 port);
    ~HttpConnection();
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    bool connect(int timeoutMs = 5000);
    bool send(const QByteArray& bytes);
    // Reads one answer (Content-Length framed, or up to the close when there is none).
    HttpAnswer receive(int timeoutMs = 10000);
    HttpAnswer exchange(const QByteArray& request, int timeoutMs = 10000);
    [[nodiscard]] bool isOpen() const;
    // Waits for the server to close the connection; false when it stays open past the deadline.
    bool waitForClose(int timeoutMs);

private:
    bool fill(int& remainingMs);

    quint16 m_port;
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
};

// One request on a connection of its own.
HttpAnswer httpExchange(quint16 port, const QByteArray& request, int timeoutMs = 10000);

} // namespace Signet::Test
