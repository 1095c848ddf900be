#include "HttpClient.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslError>
#include <QTimer>

namespace Signet::Test {

QByteArray HttpAnswer::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpAnswer HttpClient::get(const QString& url, const Headers& headers)
{
    return send("GET", url, {}, headers);
}

HttpAnswer HttpClient::post(const QString& url, const QByteArray& body, const QByteArray& contentType,
                            const Headers& headers)
{
    Headers all = headers;
    if (!contentType.isEmpty())
        all.append({"Content-Type", contentType});
    return send("POST", url, body, all);
}

HttpAnswer HttpClient::send(const QByteArray& method, const QString& url, const QByteArray& body,
                            const Headers& headers)
{
    QNetworkRequest request{QUrl(url)};
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = m_manager.sendCustomRequest(request, method, body);
    if (!m_trusted.isEmpty()) {
        const auto certificates = QSslCertificate::fromData(m_trusted.toLatin1());
        QList<QSslError> expected;
        for (const QSslCertificate& certificate : certificates) {
            expected.append(QSslError(QSslError::SelfSignedCertificate, certificate));
            expected.append(QSslError(QSslError::HostNameMismatch, certificate));
        }
        reply->ignoreSslErrors(expected);
    }
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.headers = reply->rawHeaderPairs();
    if (reply->error() != QNetworkReply::NoError && answer.status == 0)
        answer.error = reply->errorString();
    reply->deleteLater();
    return answer;
}

QByteArray basic(const QString& id, const QString& secret)
{
    return "Basic " + (id + QLatin1Char(':') + secret).toUtf8().toBase64();
}

} // namespace Signet::Test
