#pragma once

#include "foundation/JsonValue.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

#include <expected>

namespace Signet {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// One request as the routes see it: no Qt HTTP Server type leaks past LocalServer.
struct HttpRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path;      // decoded, without the query
    HttpHeaders headers;
    QByteArray body;
    QHostAddress client;
    // The first header of that name (case-insensitive), or empty.
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
};

// One answer. `prepared`, when set, is the whole message on the wire, made once and sent as is (the
// JWKS); otherwise status, headers and body are serialised per answer.
struct HttpResponse
{
    int status = 200;
    HttpHeaders headers;
    QByteArray body;
    QByteArray prepared;

    static HttpResponse json(int status, const JsonValue& body);
    // RFC 6749 5.2 style: {"error": code, "error_description": description}.
    static HttpResponse error(int status, const QString& code, const QString& description);
    HttpResponse& withHeader(QByteArray name, QByteArray value);
    // The message as bytes; `close` adds "Connection: close".
    [[nodiscard]] QByteArray serialize(bool close = false) const;
};

QByteArray reasonPhrase(int status);

// Handlers answer a value or, when the request cannot be served, the error response itself.
template<class T> using Answer = std::expected<T, HttpResponse>;

} // namespace Signet
