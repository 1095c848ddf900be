#include "server/ServerRoutes.h"

#include "server/Endpoints.h"
#include "server/ProviderEndpoints.h"
#include "workspace/Workspace.h"

#include <QRegularExpression>

namespace Signet {

namespace {

HttpResponse methodNotAllowed(const QByteArray& allowed)
{
    return HttpResponse::error(405, QStringLiteral("invalid_request"),
                               QStringLiteral("use %1 here").arg(QString::fromLatin1(allowed)))
        .withHeader("Allow", allowed);
}

HttpResponse notFound(const QString& path)
{
    return HttpResponse::error(404, QStringLiteral("not_found"),
                               QStringLiteral("nothing is served at %1; GET / lists the projects").arg(path));
}

} // namespace

ServerRoutes::ServerRoutes(ServerContext context)
    : m_context(std::move(context))
    , m_jwks(m_context.workspace, m_context.clock)
{}

Reply ServerRoutes::route(const HttpRequest& request)
{
    const QString& path = request.path;
    if (path == QStringLiteral("/"))
        return request.method == "GET" ? index() : methodNotAllowed("GET");
    if (!path.startsWith(QStringLiteral("/p/")))
        return routeProviderPath(path, request);
    const qsizetype slash = path.indexOf(QLatin1Char('/'), 3);
    if (slash < 0)
        return notFound(path);
    return routeProject(path.mid(3, slash - 3), path.mid(slash), request);
}

Reply ServerRoutes::routeProviderPath(const QString& path, const HttpRequest& request)
{
    if (path == QStringLiteral("/api/v1/users/me"))
        return request.method == "GET" ? stackAuthUsersMe(m_context, request) : methodNotAllowed("GET");
    static const QRegularExpression stackAuthJwks(
        QStringLiteral("^/api/v1/projects/([a-z0-9][a-z0-9-]*)/\\.well-known/jwks\\.json$"));
    static const QRegularExpression transcodesJwks(QStringLiteral("^/([a-z0-9][a-z0-9-]*)/jwks\\.json$"));
    if (const auto match = stackAuthJwks.match(path); match.hasMatch())
        return providerJwks(match.captured(1), QStringLiteral("stack-auth-jwks"), request);
    if (const auto match = transcodesJwks.match(path); match.hasMatch())
        return providerJwks(match.captured(1), QStringLiteral("transcodes-jwks"), request);
    return notFound(path);
}

HttpResponse ServerRoutes::providerJwks(const QString& projectId, const QString& route, const HttpRequest& request)
{
    if (request.method != "GET")
        return methodNotAllowed("GET");
    auto project = m_context.project(projectId);
    if (!project)
        return project.error();
    if (!offersRoute(m_context, *project, route))
        return HttpResponse::error(
            404, QStringLiteral("not_found"),
            QStringLiteral(
                "project %1 does not follow a profile served here (%2); its JWKS is at /p/%1/.well-known/jwks.json")
                .arg(projectId, route));
    return jwks(projectId, request);
}

HttpResponse ServerRoutes::vocalStack(const Project& project, const QString& endpoint, const HttpRequest& request)
{
    if (endpoint == QStringLiteral("/vocalstack/token")) {
        if (!offersRoute(m_context, project, QStringLiteral("vocalstack-token")))
            return notFound(QStringLiteral("/p/") + project.id + endpoint +
                            QStringLiteral(" (not a vocalstack project)"));
        return request.method == "POST" ? vocalStackToken(m_context, project, request) : methodNotAllowed("POST");
    }
    if (!offersRoute(m_context, project, QStringLiteral("vocalstack-check")))
        return notFound(QStringLiteral("/p/") + project.id + endpoint + QStringLiteral(" (not a vocalstack project)"));
    return request.method == "GET" || request.method == "POST" ? vocalStackCheck(m_context, project, request)
                                                               : methodNotAllowed("GET, POST");
}

Reply ServerRoutes::routeProject(const QString& projectId, const QString& endpoint, const HttpRequest& request)
{
    // The JWKS first and without reading the project: it is the hot path, and answers 404 itself.
    if (endpoint == QStringLiteral("/.well-known/jwks.json"))
        return request.method == "GET" ? jwks(projectId, request) : methodNotAllowed("GET");

    struct Route
    {
        const char* endpoint;
        const char* method;
    };
    static constexpr Route kRoutes[] = {{"/.well-known/openid-configuration", "GET"},
                                        {"/oauth/token", "POST"},
                                        {"/auth/api-key", "POST"},
                                        {"/auth/refresh", "POST"},
                                        {"/me", "GET"},
                                        {"/introspect", "POST"}};
    if (endpoint == QStringLiteral("/vocalstack/token") || endpoint == QStringLiteral("/vocalstack/check")) {
        auto project = m_context.project(projectId);
        if (!project)
            return project.error();
        return vocalStack(*project, endpoint, request);
    }
    const Route* route = nullptr;
    for (const Route& candidate : kRoutes) {
        if (endpoint == QLatin1String(candidate.endpoint))
            route = &candidate;
    }
    if (!route)
        return notFound(QStringLiteral("/p/") + projectId + endpoint);
    if (request.method != route->method)
        return methodNotAllowed(route->method);
    auto project = m_context.project(projectId);
    if (!project)
        return project.error();

    const QLatin1String name(route->endpoint);
    if (name == QLatin1String("/.well-known/openid-configuration"))
        return openidConfiguration(m_context, *project);
    if (name == QLatin1String("/oauth/token"))
        return clientCredentialsToken(m_context, *project, request);
    if (name == QLatin1String("/auth/api-key"))
        return apiKeySession(m_context, *project, request);
    if (name == QLatin1String("/auth/refresh"))
        return refreshSession(m_context, *project, request);
    if (name == QLatin1String("/me"))
        return me(m_context, *project, request);
    return introspect(m_context, *project, request);
}

HttpResponse ServerRoutes::jwks(const QString& projectId, const HttpRequest& request)
{
    if (m_context.faults.jwksFails)
        return HttpResponse::error(500, QStringLiteral("server_error"),
                                   QStringLiteral("the JWKS fails on purpose (fault switch)"));
    const auto version = m_context.faults.staleJwks ? PublishedJwks::Version::Stale : PublishedJwks::Version::Current;
    auto answer = m_jwks.answer(projectId, request.header("If-None-Match"), version);
    return answer ? std::move(*answer) : std::move(answer.error());
}

HttpResponse ServerRoutes::index() const
{
    JsonValue projects = JsonValue::array();
    if (auto list = m_context.workspace.projects().list()) {
        for (const Project& project : *list) {
            const QString url = m_context.projectUrl(project.id);
            JsonValue entry = JsonValue::object();
            entry.set("id", JsonValue::string(project.id.toStdString()));
            entry.set("profile",
                      project.profile.isEmpty() ? JsonValue::null() : JsonValue::string(project.profile.toStdString()));
            entry.set("issuer", JsonValue::string(m_context.issuerOf(project).toStdString()));
            entry.set("jwks_uri",
                      JsonValue::string(QString(url + QStringLiteral("/.well-known/jwks.json")).toStdString()));
            entry.set(
                "openid_configuration",
                JsonValue::string(QString(url + QStringLiteral("/.well-known/openid-configuration")).toStdString()));
            projects.items().push_back(std::move(entry));
        }
    }
    JsonValue body = JsonValue::object();
    body.set("server", JsonValue::string("signet"));
    body.set("projects", std::move(projects));
    return HttpResponse::json(200, body).withHeader("Cache-Control", "no-cache");
}

} // namespace Signet
