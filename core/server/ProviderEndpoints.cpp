#include "server/ProviderEndpoints.h"

#include "server/RequestBody.h"

#include "profiles/ProfileCatalog.h"
#include "profiles/ProfileRules.h"
#include "workspace/ProfiledProjects.h"
#include "workspace/Workspace.h"

namespace Signet {

bool offersRoute(const ServerContext& context, const Project& project, const QString& route)
{
    const auto profile = context.workspace.projects().followedProfile(project);
    return profile && profile->routes.contains(route);
}

namespace {

HttpResponse unauthorized(const QString& description)
{
    return HttpResponse::error(401, QStringLiteral("invalid_token"), description)
        .withHeader("WWW-Authenticate", "Bearer realm=\"signet\"");
}

QString jsonText(const JsonValue& claims, const char* name)
{
    const JsonValue* value = claims.find(name);
    return value && value->isString() ? QString::fromStdString(value->asString()) : QString();
}

} // namespace

HttpResponse stackAuthUsersMe(const ServerContext& context, const HttpRequest& request)
{
    // Stack Auth's REST check: every x-stack-* header the documentation lists, each refusal named.
    const QByteArray accessType = request.header("x-stack-access-type");
    if (accessType != "server")
        return HttpResponse::error(401, QStringLiteral("invalid_request"),
                                   QStringLiteral("x-stack-access-type must be 'server' for this check (got '%1')")
                                       .arg(QString::fromLatin1(accessType.left(40))));
    const QString projectId = QString::fromUtf8(request.header("x-stack-project-id"));
    if (projectId.isEmpty())
        return HttpResponse::error(401, QStringLiteral("invalid_request"),
                                   QStringLiteral("x-stack-project-id is missing"));
    auto project = context.project(projectId);
    if (!project)
        return project.error();
    if (!offersRoute(context, *project, QStringLiteral("stack-auth-users-me")))
        return HttpResponse::error(404, QStringLiteral("not_found"),
                                   QStringLiteral("project %1 does not follow the stack-auth profile").arg(projectId));
    const QString serverKey = QString::fromUtf8(request.header("x-stack-secret-server-key"));
    if (serverKey.isEmpty())
        return HttpResponse::error(401, QStringLiteral("invalid_client"),
                                   QStringLiteral("x-stack-secret-server-key is missing: send an API key's secret"));
    if (auto key = context.workspace.apiKeys().authenticateSecret(project->id, serverKey); !key)
        return HttpResponse::error(401, QStringLiteral("invalid_client"),
                                   QStringLiteral("x-stack-secret-server-key: %1").arg(key.error().message));
    const QString accessToken = QString::fromUtf8(request.header("x-stack-access-token"));
    if (accessToken.isEmpty())
        return HttpResponse::error(401, QStringLiteral("invalid_token"),
                                   QStringLiteral("x-stack-access-token is missing"));

    VerifyOptions options;
    options.issuer = context.issuerOf(*project);
    auto verified = context.workspace.tokens().verify(project->id, accessToken.toStdString(), options);
    if (!verified)
        return HttpResponse::error(500, QStringLiteral("server_error"), verified.error().message);
    if (!verified->isAccepted()) {
        const Check* failure = verified->report.firstFailure();
        return HttpResponse::error(401, QStringLiteral("invalid_token"),
                                   failure ? verified->report.message(*failure) : verified->ledger->reason);
    }
    const JsonValue& claims = verified->report.claims();
    JsonValue user = JsonValue::object();
    user.set("id", JsonValue::string(jsonText(claims, "sub").toStdString()));
    const QString email = jsonText(claims, "email");
    user.set("primary_email", email.isEmpty() ? JsonValue::null() : JsonValue::string(email.toStdString()));
    const QString name = jsonText(claims, "name");
    user.set("display_name", name.isEmpty() ? JsonValue::null() : JsonValue::string(name.toStdString()));
    user.set("claims", claims);
    return HttpResponse::json(200, user).withHeader("Cache-Control", "no-store");
}

HttpResponse vocalStackToken(const ServerContext& context, const Project& project, const HttpRequest& request)
{
    // The backend's generateToken: authenticated with an API key, its options as the JSON body.
    const std::optional<QString> secret = bearerToken(request);
    if (!secret || secret->isEmpty())
        return HttpResponse::error(401, QStringLiteral("invalid_client"),
                                   QStringLiteral("send an API key's secret as Authorization: Bearer <secret>"))
            .withHeader("WWW-Authenticate", "Bearer realm=\"signet\"");
    auto key = context.workspace.apiKeys().authenticateSecret(project.id, *secret);
    if (!key)
        return HttpResponse::error(401, QStringLiteral("invalid_client"), key.error().message)
            .withHeader("WWW-Authenticate", "Bearer realm=\"signet\"");
    QList<ProfileInput> inputs;
    if (!request.body.isEmpty()) {
        auto body = jsonObjectBody(request);
        if (!body)
            return body.error();
        for (const auto& [name, value] : body->members()) {
            const std::optional<QString> text = fieldInputText(value);
            if (!text)
                return HttpResponse::error(
                    400, QStringLiteral("invalid_request"),
                    QStringLiteral("%1 must be a string, number or boolean").arg(QString::fromStdString(name)));
            inputs.append({QString::fromStdString(name), *text});
        }
    }
    const auto profile = context.workspace.projects().followedProfile(project);
    MintRequest mint;
    mint.projectId = project.id;
    mint.issuer = context.issuerOf(project); // this server's, even when another one started last
    mint.issueAudit = QStringLiteral("client token for API key %1").arg(key->id);
    if (auto shaped = shapeMintRequest(context.workspace, *profile, inputs, false, mint); !shaped)
        return HttpResponse::error(400, QStringLiteral("invalid_request"), shaped.error().message);
    auto minted = context.workspace.tokens().mintRecorded(mint);
    if (!minted)
        return HttpResponse::error(500, QStringLiteral("server_error"), minted.error().message);
    const LedgerEntry& entry = minted->entry;
    JsonValue body = JsonValue::object();
    body.set("token", JsonValue::string(minted->token));
    body.set("lifetime_s", JsonValue::integer(entry.expiresAt - entry.issuedAt));
    body.set("one_time", JsonValue::boolean(entry.oneTime));
    if (const JsonValue* access = mint.extraClaims.find("access"))
        body.set("access", *access);
    body.set("expires_at", JsonValue::integer(entry.expiresAt));
    return HttpResponse::json(200, body).withHeader("Cache-Control", "no-store");
}

HttpResponse vocalStackCheck(const ServerContext& context, const Project& project, const HttpRequest& request)
{
    // What VocalStack's API does with a front end's request: the token is good once, then used.
    const std::optional<QString> token = bearerToken(request);
    if (!token || token->isEmpty())
        return unauthorized(QStringLiteral("send the client token as Authorization: Bearer <token>"));
    VerifyOptions options;
    options.issuer = context.issuerOf(project);
    auto verified = context.workspace.tokens().verify(project.id, token->toStdString(), options, Consumption::Consume,
                                                      QStringLiteral("front-end request"));
    if (!verified)
        return HttpResponse::error(500, QStringLiteral("server_error"), verified.error().message);
    const VerificationReport& report = verified->report;
    if (const Check* failure = report.firstFailure()) {
        if (failure->id == CheckId::Expiry)
            return unauthorized(QStringLiteral("token expired: %1").arg(report.message(*failure)));
        return unauthorized(report.message(*failure));
    }
    if (verified->consumed == ConsumeOutcome::AlreadyUsed)
        return unauthorized(QStringLiteral("token already used: it was a one-time token"));
    if (verified->consumed && *verified->consumed != ConsumeOutcome::Consumed &&
        *verified->consumed != ConsumeOutcome::NotOneTime)
        return unauthorized(describe(*verified->consumed));
    JsonValue body = JsonValue::object();
    body.set("ok", JsonValue::boolean(true));
    if (const JsonValue* access = report.claims().find("access"))
        body.set("access", *access);
    body.set("one_time", JsonValue::boolean(verified->consumed == ConsumeOutcome::Consumed));
    return HttpResponse::json(200, body).withHeader("Cache-Control", "no-store");
}

} // namespace Signet
