#pragma once

// A real HTTP server on loopback (Qt HTTP Server) answering each path with a canned response, and
// counting the requests each path received.

#include <QByteArray>
#include <QHash>
#include <QHttpServer>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QUrl>

namespace Signet::Test {

struct CannedResponse
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // besides Content-Type: application/json
};

class CannedHttpServer
{
public:
    CannedHttpServer(); // listens on 127.0.0.1, on a free port
    [[nodiscard]] bool isListening() const { return m_port != 0; }

    // Answers GET `path` with `response` from now on (paths never set answer 404).
    void set(const QString& path, CannedResponse response);
    void setJson(const QString& path, const QByteArray& body, const QByteArray& cacheControl = {});

    [[nodiscard]] int requests(const QString& path) const { return m_counts.value(path); }
    [[nodiscard]] QUrl url(const QString& path) const;
    [[nodiscard]] QString base() const; // http://127.0.0.1:PORT

private:
    QHttpServer m_server;
    quint16 m_port = 0;
    QHash<QString, CannedResponse> m_responses;
    QHash<QString, int> m_counts;
    QSet<QString> m_routed;
};

} // namespace Signet::Test
