// project delete: the project with its keys, API keys and ledger.

#include "cli/Options.h"
#include "cli/RecordViews.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class ProjectDelete final : public WorkspaceCommand
{
public:
    ProjectDelete()
        : WorkspaceCommand(
              QStringLiteral("project delete"), QStringLiteral("ID [--json]"),
              QStringLiteral("Delete a project with its keys, API keys and token ledger (the audit log keeps it)."), {},
              JsonOutput::Offered)
    {
        setPositional({QStringLiteral("ID"), QStringLiteral("Project id."), 1, 1, QStringLiteral("project ID")});
    }

protected:
    CommandResult runOnWorkspace(Context& context, Workspace& workspace) const override
    {
        const QString id = context.positional().front();
        if (auto removed = workspace.projects().remove(id); !removed)
            return std::unexpected(removed.error());
        if (context.isSet(Options::Json)) {
            JsonValue json = JsonValue::object();
            json.set("deleted", jsonString(id));
            context.output.json(json);
        } else {
            context.output.line(
                QStringLiteral("deleted project '%1' with its keys, API keys and token ledger").arg(id));
        }
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::projectDelete()
{
    return std::make_unique<ProjectDelete>();
}

} // namespace Signet::Cli
