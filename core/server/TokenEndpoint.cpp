#include "server/Endpoints.h"
#include "server/RequestBody.h"

#include "workspace/TokenRules.h"
#include "workspace/Workspace.h"

namespace Signet {

namespace {

HttpResponse invalidClient(const QString& description, bool usedBasic)
{
    // RFC 6749 5.2: 401 with a challenge for the scheme the client used.
    HttpResponse response = HttpResponse::error(401, QStringLiteral("invalid_client"), description);
    if (usedBasic)
        response.withHeader("WWW-Authenticate", "Basic realm=\"signet\"");
    return response;
}

// The API key the client authenticated as: Basic or the client_id/client_secret fields, not both.
Answer<ApiKeyRecord> authenticatedClient(const ServerContext& context, const Project& project,
                                         const HttpRequest& request, const QUrlQuery& form)
{
    auto basic = basicCredentials(request);
    if (!basic)
        return std::unexpected(basic.error());
    const QString formId = formField(form, QStringLiteral("client_id"));
    const QString formSecret = formField(form, QStringLiteral("client_secret"));
    if (*basic && !formSecret.isEmpty())
        return std::unexpected(HttpResponse::error(
            400, QStringLiteral("invalid_request"),
            QStringLiteral("use one client authentication: Basic or client_secret in the body, not both")));
    if (!*basic && (formId.isEmpty() || formSecret.isEmpty()))
        return std::unexpected(invalidClient(
            QStringLiteral("client authentication required: Basic with an API key's id and secret, or client_id "
                           "and client_secret"),
            true));
    const ClientCredentials credentials = *basic ? **basic : ClientCredentials{formId, formSecret};
    auto key = context.workspace.apiKeys().authenticate(credentials.id, credentials.secret);
    if (!key)
        return std::unexpected(invalidClient(key.error().message, basic->has_value()));
    if (key->projectId != project.id)
        return std::unexpected(invalidClient(QStringLiteral("unknown API key or wrong secret"), basic->has_value()));
    return std::move(*key);
}

} // namespace

Reply clientCredentialsToken(const ServerContext& context, const Project& project, const HttpRequest& request)
{
    auto form = formBody(request);
    if (!form)
        return form.error();
    const QString grant = formField(*form, QStringLiteral("grant_type"));
    if (grant.isEmpty())
        return HttpResponse::error(400, QStringLiteral("invalid_request"), QStringLiteral("grant_type is missing"));
    if (grant != QStringLiteral("client_credentials"))
        return HttpResponse::error(
            400, QStringLiteral("unsupported_grant_type"),
            QStringLiteral("grant_type '%1' is not offered here; use client_credentials").arg(grant));
    auto key = authenticatedClient(context, project, request, *form);
    if (!key)
        return key.error();

    // The requested scopes must be the key's; none requested: all of the key's (RFC 6749 3.3).
    const QStringList requested = formField(*form, QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (auto granted = checkScopesGranted(*key, requested); !granted)
        return HttpResponse::error(400, QStringLiteral("invalid_scope"), granted.error().message);
    MintRequest mint;
    mint.projectId = project.id;
    mint.subject = key->id;
    mint.scopes = requested.isEmpty() ? key->scopes : requested;
    mint.issuer = context.issuerOverride(project);
    mint.extraClaims.set("client_id", JsonValue::string(key->id.toStdString()));
    // token.issue goes to the audit log with the ledger row, in its transaction.
    mint.issueAudit =
        QStringLiteral("client_credentials for API key %1; scope: %2").arg(key->id, mint.scopes.join(QLatin1Char(' ')));
    auto pending = context.workspace.tokens().mintPending(mint);
    if (!pending)
        return HttpResponse::error(500, QStringLiteral("server_error"), pending.error().message);

    return Reply(std::move(*pending), [](const Status& recorded, const MintedToken& minted) {
        if (!recorded)
            return HttpResponse::error(500, QStringLiteral("server_error"), recorded.error().message);
        const LedgerEntry& entry = minted.entry;
        JsonValue body = JsonValue::object();
        body.set("access_token", JsonValue::string(minted.token));
        body.set("token_type", JsonValue::string("Bearer"));
        body.set("expires_in", JsonValue::integer(entry.expiresAt - entry.issuedAt));
        if (!entry.scopes.isEmpty())
            body.set("scope", JsonValue::string(entry.scopes.join(QLatin1Char(' ')).toStdString()));
        return HttpResponse::json(200, body).withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    });
}

} // namespace Signet
