// init: a new workspace file.

#include "cli/Options.h"
#include "cli/WorkspaceAccess.h"
#include "commands/Commands.h"
#include "workspace/WorkspaceLocation.h"

#include <QFileInfo>

namespace Signet::Cli {

namespace {

class Init final : public Command
{
public:
    static const QCommandLineOption NoPassphrase;

    Init()
        : Command(
              QStringLiteral("init"), QStringLiteral("[--no-passphrase | --member NAME] [--workspace LOCATION]"),
              QStringLiteral("Create a workspace file for projects, signing keys, API keys and the token ledger."),
              QStringLiteral(
                  "The file is created with mode 0600; an existing file is never replaced. Its secrets are sealed\n"
                  "with a data key that a passphrase protects (from --passphrase-file, SIGNET_PASSPHRASE, or asked\n"
                  "twice on a terminal). With --no-passphrase the data key is stored as it is: anyone who can read\n"
                  "the file can read its secrets.\n\n"
                  "With --member NAME, the workspace has members, each with a passphrase of their own, and NAME is\n"
                  "the first ('workspace member add' invites others). A protected team workspace\n"
                  "(postgresql://...) always has members; its first is --member, else SIGNET_MEMBER, else your\n"
                  "login name."))
    {
        addOptions({&NoPassphrase, &Options::Workspace, &Options::PassphraseFile, &Options::Member});
    }

protected:
    CommandResult run(Context& context) const override
    {
        const QString path = workspacePath(context);
        auto location = WorkspaceLocation::parse(path);
        if (!location)
            return std::unexpected(location.error());
        if (location->kind == WorkspaceLocation::Kind::File && QFileInfo::exists(location->path))
            return fail(ErrorCode::InvalidArgument, QStringLiteral("%1 already exists; it is not replaced").arg(path));
        std::optional<QByteArray> passphrase;
        if (!context.isSet(NoPassphrase)) {
            auto read = readPassphrase(context, PassphrasePurpose::Create);
            if (!read)
                return std::unexpected(read.error());
            if (!read->has_value())
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("a passphrase is needed: set SIGNET_PASSPHRASE, use --passphrase-file FILE, "
                                           "run on a terminal, or give --no-passphrase for an unprotected workspace"));
            passphrase = std::move(*read);
        }
        const bool isProtected = passphrase.has_value();
        const bool team = location->kind == WorkspaceLocation::Kind::PostgreSql;
        const bool memberGiven = context.isSet(Options::Member) || !context.global.member.isEmpty();
        const QString member = memberGiven || (team && isProtected) ? memberName(context) : QString();
        auto workspace = Workspace::createAs(path, member, std::move(passphrase), Actor::Cli);
        if (!workspace)
            return std::unexpected(workspace.error());
        if (!member.isEmpty())
            context.output.line(QStringLiteral("created workspace %1, protected; its first member is '%2', with your "
                                               "passphrase (invite others with 'signet-cli workspace member add NAME')")
                                    .arg((*workspace)->path(), member));
        else if (isProtected)
            context.output.line(
                QStringLiteral("created workspace %1, protected by a passphrase").arg((*workspace)->path()));
        else
            context.output.line(QStringLiteral("created unprotected workspace %1: anyone who can read the %2 can read "
                                               "its secrets")
                                    .arg((*workspace)->path(), location->kind == WorkspaceLocation::Kind::File
                                                                   ? QStringLiteral("file")
                                                                   : QStringLiteral("database")));
        context.output.line(QStringLiteral("next: signet-cli project create ID"));
        return Success;
    }
};

const QCommandLineOption
    Init::NoPassphrase(QStringLiteral("no-passphrase"),
                       QStringLiteral("Create an unprotected workspace (the file alone gives its secrets away)."));

} // namespace

std::unique_ptr<Command> Commands::init()
{
    return std::make_unique<Init>();
}

} // namespace Signet::Cli
