#pragma once

// Reading what a client sent, strictly: the content type it declares, a JSON object or form fields,
// HTTP Basic credentials and bearer tokens. Each refusal is the error response to send.

#include "foundation/JsonValue.h"
#include "server/HttpMessage.h"

#include <QUrlQuery>

#include <optional>

namespace Signet {

// Bodies beyond this are refused before anything reads them (413).
constexpr qsizetype kMaxRequestBody = 64 * 1024;

struct ClientCredentials
{
    QString id;
    QString secret;
};

// The body as a JSON object; the request must say application/json.
Answer<JsonValue> jsonObjectBody(const HttpRequest& request);
// The body as form fields; the request must say application/x-www-form-urlencoded. A field given
// twice is refused (RFC 6749 3.2: parameters must not be included more than once).
Answer<QUrlQuery> formBody(const HttpRequest& request);
// The one value of a form field, or empty.
QString formField(const QUrlQuery& form, const QString& name);
// "Authorization: Basic ..." (RFC 7617; id and secret form-urlencoded first, RFC 6749 2.3.1), when given.
Answer<std::optional<ClientCredentials>> basicCredentials(const HttpRequest& request);
// "Authorization: Bearer <token>" (RFC 6750 2.1), when given.
std::optional<QString> bearerToken(const HttpRequest& request);
// A string member of a JSON object, or the 400 that names it.
Answer<QString> stringMember(const JsonValue& object, const char* name);

} // namespace Signet
