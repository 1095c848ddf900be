#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>

namespace Signet::Test {

// A blocking HTTP client for tests: runs the event loop (which also runs an in-process server) until
// the answer arrives.
struct HttpAnswer
{
    int status = 0; // 0: no HTTP answer (see error)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString error;
    [[nodiscard]] QByteArray header(const QByteArray& name) const;
};

class HttpClient
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    HttpAnswer get(const QString& url, const Headers& headers = {});
    HttpAnswer post(const QString& url, const QByteArray& body, const QByteArray& contentType,
                    const Headers& headers = {});
    HttpAnswer send(const QByteArray& method, const QString& url, const QByteArray& body, const Headers& headers);
    // Certificates the client accepts although no authority signed them (the test's own).
    void trust(const QString& certificatePem) { m_trusted = certificatePem; }

private:
    QNetworkAccessManager m_manager;
    QString m_trusted;
};

QByteArray basic(const QString& id, const QString& secret);

} // namespace Signet::Test
