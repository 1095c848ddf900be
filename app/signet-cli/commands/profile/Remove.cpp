// profile remove: deletes a profile the workspace stores, when no project follows it.

#include "cli/Options.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class ProfileRemove final : public WorkspaceCommand
{
public:
    ProfileRemove()
        : WorkspaceCommand(QStringLiteral("profile remove"), QStringLiteral("NAME [--json]"),
                           QStringLiteral("Remove a profile stored in the workspace (none may follow it)."), {},
                           JsonOutput::Offered)
    {
        setPositional({QStringLiteral("NAME"), QStringLiteral("Profile name (see 'profile list')."), 1, 1,
                       QStringLiteral("profile NAME")});
    }

protected:
    CommandResult runOnWorkspace(Context& context, Workspace& workspace) const override
    {
        const QString name = context.positional().front();
        if (auto removed = workspace.profiles().remove(name); !removed)
            return std::unexpected(removed.error());
        if (context.isSet(Options::Json)) {
            JsonValue json = JsonValue::object();
            json.set("removed", JsonValue::string(name.toStdString()));
            context.output.json(json);
        } else {
            context.output.line(QStringLiteral("removed the profile '%1' from the workspace").arg(name));
        }
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::profileRemove()
{
    return std::make_unique<ProfileRemove>();
}

} // namespace Signet::Cli
