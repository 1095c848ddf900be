#include "server/HttpMessage.h"

#include "foundation/JsonWriter.h"

namespace Signet {

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResponse HttpResponse::json(int status, const JsonValue& body)
{
    HttpResponse response;
    response.status = status;
    response.body = QByteArray::fromStdString(JsonWriter::write(body));
    response.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return response;
}

HttpResponse HttpResponse::error(int status, const QString& code, const QString& description)
{
    JsonValue body = JsonValue::object();
    body.set("error", JsonValue::string(code.toStdString()));
    body.set("error_description", JsonValue::string(description.toStdString()));
    // An error is about this request: never cached (RFC 6749 5.2 asks the same of token responses).
    return json(status, body).withHeader("Cache-Control", "no-store");
}

HttpResponse& HttpResponse::withHeader(QByteArray name, QByteArray value)
{
    headers.append(qMakePair(std::move(name), std::move(value)));
    return *this;
}

QByteArray HttpResponse::serialize(bool close) const
{
    if (!prepared.isEmpty())
        return prepared;
    QByteArray wire;
    wire.reserve(body.size() + 256);
    wire += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto& [name, value] : headers)
        wire += name + ": " + value + "\r\n";
    wire += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (close)
        wire += "Connection: close\r\n";
    wire += "\r\n";
    wire += body;
    return wire;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    }
    return "Status";
}

} // namespace Signet
