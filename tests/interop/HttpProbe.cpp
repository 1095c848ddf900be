#include "HttpProbe.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QUrl>

namespace Signet::Test {

QByteArray HttpAnswer::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject HttpAnswer::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString HttpAnswer::describe() const
{
    if (status == 0)
        return QStringLiteral("no HTTP answer: ") + error;
    QString text = QStringLiteral("HTTP %1\n").arg(status);
    for (const auto& [name, value] : headers)
        text += QString::fromLatin1(name + ": " + value + '\n');
    return text + QLatin1Char('\n') + QString::fromUtf8(body.left(2000));
}

QByteArray httpRequest(QByteArrayView method, QByteArrayView target, const HttpHeaders& headers, const QByteArray& body)
{
    QByteArray wire = method.toByteArray() + ' ' + target.toByteArray() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto& [name, value] : headers)
        wire += name + ": " + value + "\r\n";
    if (!body.isEmpty() || method == "POST")
        wire += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return wire + "\r\n" + body;
}

QByteArray basicAuthorization(const QString& id, const QString& secret)
{
    return "Basic " + (id.toUtf8() + ':' + secret.toUtf8()).toBase64();
}

QByteArray formEncode(const QList<QPair<QString, QString>>& fields)
{
    QByteArray out;
    for (const auto& [name, value] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

HttpConnection::HttpConnection(quint16 port)
    : m_port(port)
{}

HttpConnection::~HttpConnection() = default;

bool HttpConnection::connect(int timeoutMs)
{
    m_socket = std::make_unique<QTcpSocket>();
    m_buffer.clear();
    m_socket->connectToHost(QHostAddress(QHostAddress::LocalHost), m_port);
    return m_socket->waitForConnected(timeoutMs);
}

bool HttpConnection::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

bool HttpConnection::send(const QByteArray& bytes)
{
    if (!isOpen() && !connect())
        return false;
    qint64 written = 0;
    while (written < bytes.size()) {
        const qint64 chunk = m_socket->write(bytes.constData() + written, bytes.size() - written);
        if (chunk < 0)
            return false;
        written += chunk;
    }
    while (m_socket->bytesToWrite() > 0) {
        if (!m_socket->waitForBytesWritten(10000))
            return false;
    }
    return true;
}

bool HttpConnection::fill(int& remainingMs)
{
    if (m_socket->bytesAvailable() == 0) {
        QDeadlineTimer deadline(remainingMs);
        if (!m_socket->waitForReadyRead(remainingMs))
            return false;
        remainingMs = int(qMax<qint64>(0, deadline.remainingTime()));
    }
    m_buffer += m_socket->readAll();
    return true;
}

HttpAnswer HttpConnection::receive(int timeoutMs)
{
    HttpAnswer answer;
    if (!m_socket) {
        answer.error = QStringLiteral("not connected");
        return answer;
    }
    int remaining = timeoutMs;
    qsizetype headerEnd;
    while ((headerEnd = m_buffer.indexOf("\r\n\r\n")) < 0) {
        if (!fill(remaining)) {
            answer.error = QStringLiteral("no complete header: %1 (%2 bytes so far)")
                               .arg(m_socket->errorString())
                               .arg(m_buffer.size());
            return answer;
        }
    }
    const QList<QByteArray> headerLines = m_buffer.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = headerLines.value(0).trimmed().split(' ');
    bool numeric = false;
    answer.status = statusLine.value(1).toInt(&numeric);
    if (!statusLine.value(0).startsWith("HTTP/1.") || !numeric) {
        answer.status = 0;
        answer.error = QStringLiteral("not an HTTP status line: ") + QString::fromLatin1(headerLines.value(0));
        return answer;
    }
    for (qsizetype i = 1; i < headerLines.size(); ++i) {
        const QByteArray& line = headerLines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            answer.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    m_buffer.remove(0, headerEnd + 4);
    const QByteArray length = answer.header("Content-Length");
    if (length.isEmpty()) {
        // Framed by the close.
        while (fill(remaining)) {
        }
        answer.body = std::exchange(m_buffer, {});
        return answer;
    }
    const qsizetype expected = length.toLongLong();
    while (m_buffer.size() < expected) {
        if (!fill(remaining)) {
            answer.error = QStringLiteral("body cut short: %1 of %2 bytes").arg(m_buffer.size()).arg(expected);
            answer.status = 0;
            return answer;
        }
    }
    answer.body = m_buffer.left(expected);
    m_buffer.remove(0, expected);
    return answer;
}

HttpAnswer HttpConnection::exchange(const QByteArray& request, int timeoutMs)
{
    if (!send(request)) {
        HttpAnswer answer;
        answer.error = QStringLiteral("cannot send: ") + (m_socket ? m_socket->errorString() : QString());
        return answer;
    }
    return receive(timeoutMs);
}

bool HttpConnection::waitForClose(int timeoutMs)
{
    if (!m_socket)
        return true;
    QDeadlineTimer deadline(timeoutMs);
    while (m_socket->state() == QAbstractSocket::ConnectedState) {
        if (deadline.hasExpired())
            return false;
        if (m_socket->waitForReadyRead(int(qBound(qint64(1), deadline.remainingTime(), qint64(200)))))
            m_buffer += m_socket->readAll();
    }
    return true;
}

HttpAnswer httpExchange(quint16 port, const QByteArray& request, int timeoutMs)
{
    HttpConnection connection(port);
    if (!connection.connect()) {
        HttpAnswer answer;
        answer.error = QStringLiteral("cannot connect to port %1").arg(port);
        return answer;
    }
    return connection.exchange(request, timeoutMs);
}

} // namespace Signet::Test
