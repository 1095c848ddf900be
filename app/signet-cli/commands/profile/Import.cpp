// profile import: stores a profile file of the user's in the workspace, for every process and member.

#include "cli/Options.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class ProfileImport final : public WorkspaceCommand
{
public:
    static const QCommandLineOption Replace;

    ProfileImport()
        : WorkspaceCommand(QStringLiteral("profile import"), QStringLiteral("FILE [--replace] [--json]"),
                           QStringLiteral("Store a provider profile of your own in the workspace."),
                           QStringLiteral("The file is checked like a built-in profile (see 'profile export NAME' for "
                                          "one to start from). Once stored, the console, every signet-cli and the "
                                          "local server follow its rules for the projects created from it.\n"
                                          "--replace updates a stored profile: projects following it follow the "
                                          "new rules."),
                           JsonOutput::Offered)
    {
        setPositional({QStringLiteral("FILE"), QStringLiteral("The profile's JSON file."), 1, 1,
                       QStringLiteral("a profile FILE")});
        addOptions({&Replace});
    }

protected:
    CommandResult runOnWorkspace(Context& context, Workspace& workspace) const override
    {
        const QString path = context.positional().front();
        auto stored = workspace.profiles().storeFile(path, context.isSet(Replace) ? WorkspaceProfiles::Replacing::Yes
                                                                                  : WorkspaceProfiles::Replacing::No);
        if (!stored)
            return std::unexpected(stored.error());
        if (context.isSet(Options::Json)) {
            JsonValue json = JsonValue::object();
            json.set("imported", JsonValue::string(stored->name.toStdString()));
            json.set("title", JsonValue::string(stored->title.toStdString()));
            context.output.json(json);
        } else {
            context.output.line(QStringLiteral("stored the profile '%1' (%2) in the workspace; next: signet-cli "
                                               "project create ID --profile %1")
                                    .arg(stored->name, stored->title));
        }
        return Success;
    }
};

const QCommandLineOption ProfileImport::Replace(QStringLiteral("replace"),
                                                QStringLiteral("Replace a stored profile of the same name."));

} // namespace

std::unique_ptr<Command> Commands::profileImport()
{
    return std::make_unique<ProfileImport>();
}

} // namespace Signet::Cli
