#include "server/Endpoints.h"
#include "server/RequestBody.h"

#include "foundation/Duration.h"
#include "workspace/Workspace.h"

namespace Signet {

namespace {

// The token's claims when the project accepts it now, or why not. Beyond the token's own checks and
// the ledger: the session it belongs to (sid) and the API key it was issued to (client_id) must not
// have been revoked since.
std::expected<JsonValue, QString> acceptedClaims(const ServerContext& context, const Project& project,
                                                 const QString& token, Consumption consumption,
                                                 const QString& consumer = {})
{
    VerifyOptions options;
    options.issuer = context.issuerOf(project);
    auto verified = context.workspace.tokens().verify(project.id, token.toStdString(), options, consumption, consumer);
    if (!verified)
        return std::unexpected(verified.error().message);
    const VerificationReport& report = verified->report;
    if (const Check* failure = report.firstFailure())
        return std::unexpected(report.message(*failure));
    if (verified->consumed) {
        // Asked to use it up: a token that is not one-time is simply valid again.
        if (*verified->consumed != ConsumeOutcome::Consumed && *verified->consumed != ConsumeOutcome::NotOneTime)
            return std::unexpected(describe(*verified->consumed));
    } else if (verified->ledger && verified->ledger->outcome == Outcome::Failed) {
        return std::unexpected(verified->ledger->reason);
    }

    const JsonValue& claims = report.claims();
    if (const JsonValue* sid = claims.find("sid"); sid && sid->isString()) {
        auto revokedAt =
            context.workspace.sessions().familyRevokedAt(project.id, QString::fromStdString(sid->asString()));
        if (revokedAt && *revokedAt)
            return std::unexpected(
                QStringLiteral("the session was revoked at %1").arg(Duration::formatUtc(**revokedAt)));
    }
    if (const JsonValue* clientId = claims.find("client_id"); clientId && clientId->isString()) {
        auto key = context.workspace.apiKeys().get(project.id, QString::fromStdString(clientId->asString()));
        if (key && !key->isUsable(context.clock.now()))
            return std::unexpected(
                QStringLiteral("API key %1 is %2")
                    .arg(key->id, key->revokedAt ? QStringLiteral("revoked") : QStringLiteral("expired")));
    }
    return claims;
}

// A quoted-string for an auth-param (RFC 6750 3: printable ASCII without '"' and '\').
QByteArray quotedParameter(const QString& text)
{
    QByteArray out;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x20 && u < 0x7f && u != '"' && u != '\\')
            out += char(u);
        else if (u == 0x2014 || u == 0x2013)
            out += '-';
        else
            out += ' ';
    }
    return '"' + out.simplified() + '"';
}

HttpResponse bearerChallenge(const QString& description)
{
    HttpResponse response = HttpResponse::error(401, QStringLiteral("invalid_token"), description);
    return response.withHeader("WWW-Authenticate", "Bearer realm=\"signet\", error=\"invalid_token\", "
                                                   "error_description=" +
                                                       quotedParameter(description));
}

} // namespace

HttpResponse me(const ServerContext& context, const Project& project, const HttpRequest& request)
{
    const std::optional<QString> token = bearerToken(request);
    if (!token || token->isEmpty()) {
        // RFC 6750 3.1: a request without credentials gets the challenge without an error code.
        return HttpResponse::error(401, QStringLiteral("invalid_request"),
                                   QStringLiteral("send the access token as Authorization: Bearer <token>"))
            .withHeader("WWW-Authenticate", "Bearer realm=\"signet\"");
    }
    auto claims = acceptedClaims(context, project, *token, Consumption::Check);
    if (!claims)
        return bearerChallenge(claims.error());
    return HttpResponse::json(200, *claims).withHeader("Cache-Control", "no-store");
}

HttpResponse introspect(const ServerContext& context, const Project& project, const HttpRequest& request)
{
    auto basic = basicCredentials(request);
    if (!basic)
        return basic.error();
    if (!*basic)
        return HttpResponse::error(401, QStringLiteral("invalid_client"),
                                   QStringLiteral("introspection needs Basic authentication with an API key"))
            .withHeader("WWW-Authenticate", "Basic realm=\"signet\"");
    auto key = context.workspace.apiKeys().authenticate((*basic)->id, (*basic)->secret);
    if (!key || key->projectId != project.id)
        return HttpResponse::error(401, QStringLiteral("invalid_client"),
                                   key ? QStringLiteral("unknown API key or wrong secret") : key.error().message)
            .withHeader("WWW-Authenticate", "Basic realm=\"signet\"");
    auto form = formBody(request);
    if (!form)
        return form.error();
    const QString token = formField(*form, QStringLiteral("token"));
    if (token.isEmpty())
        return HttpResponse::error(400, QStringLiteral("invalid_request"),
                                   QStringLiteral("the token field is missing"));

    // RFC 7662 2.2: an inactive token is {"active": false} and nothing else.
    auto claims = acceptedClaims(context, project, token, Consumption::Consume,
                                 QStringLiteral("introspected by API key %1").arg(key->id));
    JsonValue body = JsonValue::object();
    if (claims) {
        for (const auto& [name, value] : claims->members())
            body.set(name, value);
        body.set("token_type", JsonValue::string("Bearer"));
    }
    body.set("active", JsonValue::boolean(claims.has_value()));
    return HttpResponse::json(200, body).withHeader("Cache-Control", "no-store");
}

} // namespace Signet
