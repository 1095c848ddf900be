#include "ProjectProfile.h"

#include "profiles/ProfileCatalog.h"
#include "workspace/Workspace.h"

namespace Signet {

QString projectProfileName(Workspace& workspace, const QString& projectId)
{
    if (projectId.isEmpty())
        return {};
    auto project = workspace.projects().get(projectId);
    return project ? project->profile : QString();
}

std::optional<Profile> projectProfile(Workspace& workspace, const QString& projectId)
{
    const QString name = projectProfileName(workspace, projectId);
    if (name.isEmpty())
        return std::nullopt;
    auto found = ProfileCatalog::builtIn().find(name);
    if (!found)
        return std::nullopt;
    return **found;
}

} // namespace Signet
