#include "cli/WorkspaceCommand.h"

#include "cli/Options.h"
#include "cli/WorkspaceAccess.h"

namespace Signet::Cli {

WorkspaceCommand::WorkspaceCommand(QString name, QString synopsis, QString summary, QString details, JsonOutput json)
    : Command(std::move(name), std::move(synopsis), std::move(summary), std::move(details))
{
    if (json == JsonOutput::Offered)
        addOption(&Options::Json);
    addOption(&Options::Workspace);
    addOption(&Options::PassphraseFile);
    addOption(&Options::Member);
}

CommandResult WorkspaceCommand::run(Context& context) const
{
    auto workspace = openWorkspace(context, actor());
    if (!workspace)
        return std::unexpected(workspace.error());
    return runOnWorkspace(context, **workspace);
}

ProjectCommand::ProjectCommand(QString name, QString synopsis, QString summary, QString details, JsonOutput json)
    : Command(std::move(name), std::move(synopsis), std::move(summary), std::move(details))
{
    addRequiredOption(&Options::Project, QStringLiteral("-p PROJECT is required"));
    if (json == JsonOutput::Offered)
        addOption(&Options::Json);
    addOption(&Options::Workspace);
    addOption(&Options::PassphraseFile);
    addOption(&Options::Member);
}

CommandResult ProjectCommand::run(Context& context) const
{
    auto workspace = openWorkspace(context);
    if (!workspace)
        return std::unexpected(workspace.error());
    return runOnProject(context, **workspace, context.value(Options::Project));
}

} // namespace Signet::Cli
