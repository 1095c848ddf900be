#include "server/ServerContext.h"

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
    return issuerFromUrl || project.issuer.isEmpty() ? projectUrl(project.id) : project.issuer;
}

std::optional<QString> ServerContext::issuerOverride(const Project& project) const
{
    const QString issuer = issuerOf(project);
    return issuer == project.issuer ? std::nullopt : std::optional<QString>(issuer);
}

} // namespace Signet
