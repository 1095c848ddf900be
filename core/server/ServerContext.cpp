#include "server/ServerContext.h"

#include "workspace/ProfiledProjects.h"
#include "workspace/Workspace.h"

namespace Signet {

Answer<Project> ServerContext::project(const QString& projectId) const
{
    auto found = workspace.projects().get(projectId);
    if (found)
        return std::move(*found);
    if (found.error().code == ErrorCode::NotFound)
        return std::unexpected(HttpResponse::error(404, QStringLiteral("not_found"),
                                                   QStringLiteral("no project '%1' in this workspace").arg(projectId)));
    return std::unexpected(HttpResponse::error(500, QStringLiteral("server_error"), found.error().message));
}

QString ServerContext::issuerOf(const Project& project) const
{
    if (issuerFromUrl || project.issuer.isEmpty())
        return projectUrl(project.id);
    // A profile's issuer made from the default server URL ({base}) follows where this server is.
    return servedIssuer(workspace, project, baseUrl);
}

std::optional<QString> ServerContext::issuerOverride(const Project& project) const
{
    const QString issuer = issuerOf(project);
    return issuer == project.issuer ? std::nullopt : std::optional<QString>(issuer);
}

} // namespace Signet
