// workspace join: become a member with an invitation code and a passphrase of one's own.

#include "cli/Options.h"
#include "cli/WorkspaceAccess.h"
#include "commands/Commands.h"
#include "crypto/SecureBytes.h"
#include "workspace/WorkspaceLocation.h"

namespace Signet::Cli {

namespace {

class Join final : public Command
{
public:
    Join()
        : Command(QStringLiteral("workspace join"), QStringLiteral("CODE [--workspace LOCATION]"),
                  QStringLiteral("Join a workspace with the invitation code a member gave you."),
                  QStringLiteral("You become the member the invitation names, with a passphrase of your own (from\n"
                                 "--passphrase-file, SIGNET_PASSPHRASE, or asked twice on a terminal). The code then\n"
                                 "no longer works. Open the workspace afterwards as that member (--member NAME or\n"
                                 "SIGNET_MEMBER, when it is not your login name)."))
    {
        setPositional(
            {QStringLiteral("CODE"), QStringLiteral("The invitation code ('sgi1.…')."), 1, 1, QStringLiteral("CODE")});
        addOptions({&Options::Workspace, &Options::PassphraseFile});
    }

protected:
    CommandResult run(Context& context) const override
    {
        const QString path = workspacePath(context);
        auto location = WorkspaceLocation::parse(path);
        if (!location)
            return std::unexpected(location.error());
        auto read = readPassphrase(context, PassphrasePurpose::Create);
        if (!read)
            return std::unexpected(read.error());
        if (!read->has_value())
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("choose a passphrase: set SIGNET_PASSPHRASE, use --passphrase-file FILE, or "
                                       "run on a terminal to be asked"));
        auto workspace = Workspace::join(path, context.positional().front(), std::move(**read), Actor::Cli);
        if (!workspace)
            return std::unexpected(
                workspace.error().withContext(QStringLiteral("workspace %1").arg(location->display())));
        context.output.line(
            QStringLiteral("joined workspace %1 as '%2'").arg((*workspace)->path(), (*workspace)->member()));
        if ((*workspace)->member() != WorkspaceMembers::defaultName())
            context.output.line(
                QStringLiteral("open it as '%1': --member %1, or SIGNET_MEMBER=%1").arg((*workspace)->member()));
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::join()
{
    return std::make_unique<Join>();
}

} // namespace Signet::Cli
