#pragma once

#include "server/PublishedJwks.h"
#include "server/ServerContext.h"

namespace Signet {

// Picks the endpoint for a request: GET / (what is served), and per project under /p/ID the JWKS,
// the discovery document, the token, session, introspection and /me endpoints. Unknown paths are
// 404 and known paths with another method 405, each as a JSON error.
class ServerRoutes
{
public:
    explicit ServerRoutes(ServerContext context);

    Reply route(const HttpRequest& request);
    void setFaults(const ServerFaults& faults) { m_context.faults = faults; }
    [[nodiscard]] const ServerContext& context() const { return m_context; }

private:
    Reply routeProject(const QString& projectId, const QString& endpoint, const HttpRequest& request);
    // The paths of the providers' own shapes, outside /p/ID.
    Reply routeProviderPath(const QString& path, const HttpRequest& request);
    HttpResponse jwks(const QString& projectId, const HttpRequest& request);
    // A provider's own JWKS URL (Transcodes, Stack Auth) for a project that follows its profile.
    HttpResponse providerJwks(const QString& projectId, const QString& route, const HttpRequest& request);
    HttpResponse vocalStack(const Project& project, const QString& endpoint, const HttpRequest& request);
    HttpResponse index() const;

    ServerContext m_context;
    PublishedJwks m_jwks;
};

} // namespace Signet
