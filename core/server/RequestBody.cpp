#include "server/RequestBody.h"

#include "foundation/StrictJson.h"

namespace Signet {

namespace {

// The media type without parameters, lower-case: "application/json; charset=utf-8" -> "application/json".
QByteArray mediaType(const HttpRequest& request)
{
    QByteArray type = request.header("Content-Type");
    if (const auto semicolon = type.indexOf(';'); semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

Answer<void> expectMediaType(const HttpRequest& request, const QString& expected)
{
    const QByteArray type = mediaType(request);
    if (QString::fromLatin1(type) == expected)
        return {};
    return std::unexpected(
        HttpResponse::error(415, QStringLiteral("invalid_request"),
                            type.isEmpty() ? QStringLiteral("the request has no Content-Type; send %1").arg(expected)
                                           : QStringLiteral("Content-Type %1 is not accepted here; send %2")
                                                 .arg(QString::fromLatin1(type), expected)));
}

} // namespace

Answer<JsonValue> jsonObjectBody(const HttpRequest& request)
{
    if (auto typed = expectMediaType(request, QStringLiteral("application/json")); !typed)
        return std::unexpected(typed.error());
    auto parsed = StrictJson::parseObject(std::string_view(request.body.constData(), request.body.size()));
    if (!parsed)
        return std::unexpected(
            HttpResponse::error(400, QStringLiteral("invalid_request"),
                                QStringLiteral("the body is not a JSON object: %1").arg(parsed.error().describe())));
    return std::move(*parsed);
}

Answer<QUrlQuery> formBody(const HttpRequest& request)
{
    if (auto typed = expectMediaType(request, QStringLiteral("application/x-www-form-urlencoded")); !typed)
        return std::unexpected(typed.error());
    // '+' is a space in form encoding; QUrlQuery leaves it as is.
    QByteArray text = request.body;
    text.replace('+', ' ');
    QUrlQuery form(QString::fromUtf8(text));
    QStringList seen;
    for (const auto& [name, value] : form.queryItems()) {
        if (seen.contains(name))
            return std::unexpected(HttpResponse::error(400, QStringLiteral("invalid_request"),
                                                       QStringLiteral("the parameter '%1' is given twice").arg(name)));
        seen.append(name);
    }
    return form;
}

QString formField(const QUrlQuery& form, const QString& name)
{
    return form.queryItemValue(name, QUrl::FullyDecoded);
}

Answer<std::optional<ClientCredentials>> basicCredentials(const HttpRequest& request)
{
    const QByteArray authorization = request.header("Authorization");
    if (!authorization.startsWith("Basic ") && !authorization.startsWith("basic "))
        return std::optional<ClientCredentials>();
    const auto decoded =
        QByteArray::fromBase64Encoding(authorization.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
    if (colon < 0)
        return std::unexpected(HttpResponse::error(400, QStringLiteral("invalid_request"),
                                                   QStringLiteral("the Basic credentials are not base64 of id:secret"))
                                   .withHeader("WWW-Authenticate", "Basic realm=\"signet\""));
    auto part = [](const QByteArray& text) {
        QByteArray plus = text;
        return QUrl::fromPercentEncoding(plus.replace('+', ' '));
    };
    return std::optional<ClientCredentials>(
        ClientCredentials{part(decoded.decoded.left(colon)), part(decoded.decoded.mid(colon + 1))});
}

std::optional<QString> bearerToken(const HttpRequest& request)
{
    const QByteArray authorization = request.header("Authorization");
    if (authorization.size() < 7 || authorization.left(7).compare("Bearer ", Qt::CaseInsensitive) != 0)
        return std::nullopt;
    return QString::fromLatin1(authorization.mid(7).trimmed());
}

Answer<QString> stringMember(const JsonValue& object, const char* name)
{
    const JsonValue* value = object.find(name);
    if (!value || !value->isString() || value->asString().empty())
        return std::unexpected(
            HttpResponse::error(400, QStringLiteral("invalid_request"),
                                value ? QStringLiteral("\"%1\" must be a non-empty string").arg(QLatin1String(name))
                                      : QStringLiteral("the body has no \"%1\"").arg(QLatin1String(name))));
    return QString::fromStdString(value->asString());
}

} // namespace Signet
