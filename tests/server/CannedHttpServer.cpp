#include "CannedHttpServer.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponse>

namespace Signet::Test {

CannedHttpServer::CannedHttpServer()
{
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
}

QString CannedHttpServer::base() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

QUrl CannedHttpServer::url(const QString& path) const
{
    return QUrl(base() + path);
}

void CannedHttpServer::setJson(const QString& path, const QByteArray& body, const QByteArray& cacheControl)
{
    CannedResponse response{200, body, {}};
    if (!cacheControl.isEmpty())
        response.headers.append({QByteArrayLiteral("Cache-Control"), cacheControl});
    set(path, std::move(response));
}

void CannedHttpServer::set(const QString& path, CannedResponse response)
{
    m_responses.insert(path, std::move(response));
    if (m_routed.contains(path))
        return;
    m_routed.insert(path);
    m_server.route(path, [this, path](const QHttpServerRequest&) {
        ++m_counts[path];
        const CannedResponse& canned = m_responses[path];
        QHttpServerResponse answer(QByteArrayLiteral("application/json"), canned.body,
                                   static_cast<QHttpServerResponse::StatusCode>(canned.status));
        for (const auto& [name, value] : canned.headers)
            answer.addHeader(name, value);
        return answer;
    });
}

} // namespace Signet::Test
