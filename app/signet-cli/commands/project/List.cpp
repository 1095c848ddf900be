// project list: the workspace's projects.

#include "cli/Listing.h"
#include "cli/Options.h"
#include "cli/RecordViews.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "foundation/Duration.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class ProjectList final : public WorkspaceCommand
{
public:
    ProjectList()
        : WorkspaceCommand(QStringLiteral("project list"), QStringLiteral("[--json]"),
                           QStringLiteral("List the workspace's projects."), {}, JsonOutput::Offered)
    {}

protected:
    CommandResult runOnWorkspace(Context& context, Workspace& workspace) const override
    {
        auto projects = workspace.projects().list();
        if (!projects)
            return std::unexpected(projects.error());
        const Listing<Project> listing{projectJson,
                                       {QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("ISSUER"),
                                        QStringLiteral("AUDIENCE"), QStringLiteral("TTL"),
                                        QStringLiteral("CREATED (UTC)")},
                                       [](const Project& project) {
                                           return QStringList{project.id,
                                                              project.name,
                                                              project.issuer,
                                                              project.audience,
                                                              Duration::formatSpan(project.defaultTtl),
                                                              Output::tableTime(project.createdAt)};
                                       },
                                       QStringLiteral("no projects yet (signet-cli project create ID)")};
        listing.print(context, *projects);
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::projectList()
{
    return std::make_unique<ProjectList>();
}

} // namespace Signet::Cli
