#include "ProjectProfile.h"

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
    if (projectId.isEmpty())
        return std::nullopt;
    auto project = workspace.projects().get(projectId);
    if (!project)
        return std::nullopt;
    const auto profile = workspace.projects().followedProfile(*project);
    if (!profile)
        return std::nullopt;
    return *profile;
}

} // namespace Signet
