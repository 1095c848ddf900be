// apikey revoke: it no longer mints, and its tokens stop verifying.

#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class ApiKeyRevoke final : public ProjectCommand
{
public:
    ApiKeyRevoke()
        : ProjectCommand(
              QStringLiteral("apikey revoke"), QStringLiteral("-p ID KEY_ID"),
              QStringLiteral("Revoke an API key: it no longer mints, and tokens minted with it stop verifying."), {},
              JsonOutput::None)
    {
        setPositional(
            {QStringLiteral("KEY_ID"), QStringLiteral("The API key's id (ak_...)."), 1, 1, QStringLiteral("KEY_ID")});
    }

protected:
    CommandResult runOnProject(Context& context, Workspace& workspace, const QString& project) const override
    {
        auto revoked = workspace.apiKeys().revoke(project, context.positional().front());
        if (!revoked)
            return std::unexpected(revoked.error());
        context.output.line(QStringLiteral("revoked API key %1 ('%2') of project '%3'")
                                .arg(revoked->id, revoked->name, revoked->projectId));
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::apiKeyRevoke()
{
    return std::make_unique<ApiKeyRevoke>();
}

} // namespace Signet::Cli
