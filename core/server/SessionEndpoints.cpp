#include "server/Endpoints.h"
#include "server/RequestBody.h"

#include "workspace/Workspace.h"

namespace Signet {

namespace {

// api.video's answer: {"token_type", "expires_in", "access_token", "refresh_token"}.
HttpResponse sessionAnswer(const SessionTokens& session)
{
    const LedgerEntry& entry = session.access.entry;
    JsonValue body = JsonValue::object();
    body.set("token_type", JsonValue::string("Bearer"));
    body.set("expires_in", JsonValue::integer(entry.expiresAt - entry.issuedAt));
    body.set("access_token", JsonValue::string(session.access.token));
    body.set("refresh_token", JsonValue::string(session.refreshToken.toStdString()));
    return HttpResponse::json(200, body).withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
}

HttpResponse unauthorized(const QString& code, const QString& description)
{
    return HttpResponse::error(401, code, description);
}

} // namespace

HttpResponse apiKeySession(const ServerContext& context, const Project& project, const HttpRequest& request)
{
    auto body = jsonObjectBody(request);
    if (!body)
        return body.error();
    auto secret = stringMember(*body, "apiKey");
    if (!secret)
        return secret.error();
    auto key = context.workspace.apiKeys().authenticateSecret(project.id, *secret);
    if (!key)
        return unauthorized(QStringLiteral("invalid_client"), key.error().message);
    auto session = context.workspace.sessions().start(*key, context.issuerOverride(project));
    if (!session)
        return HttpResponse::error(500, QStringLiteral("server_error"), session.error().message);
    return sessionAnswer(*session);
}

HttpResponse refreshSession(const ServerContext& context, const Project& project, const HttpRequest& request)
{
    auto body = jsonObjectBody(request);
    if (!body)
        return body.error();
    auto refreshToken = stringMember(*body, "refreshToken");
    if (!refreshToken)
        return refreshToken.error();
    auto session = context.workspace.sessions().refresh(project.id, *refreshToken, context.issuerOverride(project));
    if (session)
        return sessionAnswer(*session);
    // A refused refresh token is an invalid grant (RFC 6749 5.2); anything else is the server's fault.
    const bool refused = session.error().code == ErrorCode::KeyMismatch;
    return refused ? HttpResponse::error(400, QStringLiteral("invalid_grant"), session.error().message)
                   : HttpResponse::error(500, QStringLiteral("server_error"), session.error().message);
}

} // namespace Signet
