// workspace member init / list / add / remove: who may open a workspace with members.

#include "cli/Listing.h"
#include "cli/Options.h"
#include "cli/RecordViews.h"
#include "cli/WorkspaceAccess.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "foundation/Duration.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class MemberInit final : public WorkspaceCommand
{
public:
    MemberInit()
        : WorkspaceCommand(
              QStringLiteral("workspace member init"), QStringLiteral("[NAME]"),
              QStringLiteral("Give a workspace that opens with one passphrase members, NAME the first."),
              QStringLiteral(
                  "NAME (else --member, SIGNET_MEMBER or your login name) becomes the first member, with\n"
                  "the passphrase given next (--passphrase-file, SIGNET_PASSPHRASE, or asked twice on a\n"
                  "terminal): the same as before or a new one. Every secret stays as it is. The workspace's\n"
                  "old passphrase no longer opens it; invite others with 'workspace member add NAME'."),
              JsonOutput::None)
    {
        setPositional(
            {QStringLiteral("NAME"), QStringLiteral("The first member's name."), 0, 1, QStringLiteral("NAME")});
    }

protected:
    CommandResult runOnWorkspace(Context& context, Workspace& workspace) const override
    {
        const QString name = context.positional().isEmpty() ? memberName(context) : context.positional().front();
        if (workspace.hasMembers())
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("workspace %1 has members already; invite others with 'signet-cli workspace "
                                       "member add NAME'")
                            .arg(workspace.path()));
        if (auto valid = WorkspaceMembers::checkName(name); !valid)
            return std::unexpected(valid.error());
        auto read = readPassphrase(context, PassphrasePurpose::Create);
        if (!read)
            return std::unexpected(read.error());
        if (!read->has_value())
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("choose %1's passphrase: set SIGNET_PASSPHRASE, use --passphrase-file FILE, or "
                                       "run on a terminal to be asked")
                            .arg(name));
        if (auto enabled = workspace.members().enable(name, std::move(**read)); !enabled)
            return std::unexpected(enabled.error());
        context.output.line(QStringLiteral("workspace %1 now has members: you are '%2'").arg(workspace.path(), name));
        if (name != WorkspaceMembers::defaultName())
            context.output.line(QStringLiteral("open it as '%1': --member %1, or SIGNET_MEMBER=%1").arg(name));
        context.output.line(QStringLiteral("invite others with 'signet-cli workspace member add NAME'"));
        return Success;
    }
};

class MemberList final : public WorkspaceCommand
{
public:
    MemberList()
        : WorkspaceCommand(QStringLiteral("workspace member list"), QStringLiteral("[--json]"),
                           QStringLiteral("List the workspace's members and the invitations not yet used."), {},
                           JsonOutput::Offered)
    {}

protected:
    CommandResult runOnWorkspace(Context& context, Workspace& workspace) const override
    {
        auto members = workspace.members().list();
        if (!members)
            return std::unexpected(members.error());
        auto invites = workspace.members().pendingInvites();
        if (!invites)
            return std::unexpected(invites.error());
        struct Row
        {
            QString name;
            QString status;
            qint64 at;
            QString by;
        };
        QList<Row> rows;
        for (const MemberRecord& member : *members)
            rows.append({member.name,
                         member.name == workspace.member() ? QStringLiteral("member (you)") : QStringLiteral("member"),
                         member.addedAt, member.addedBy});
        for (const InviteRecord& invite : *invites)
            rows.append({invite.member, QStringLiteral("invited, until %1").arg(Duration::formatUtc(invite.expiresAt)),
                         invite.createdAt, invite.createdBy});
        const Listing<Row> listing{
            [](const Row& row) {
                JsonValue json = JsonValue::object();
                json.set("name", jsonString(row.name));
                json.set("status", jsonString(row.status));
                json.set("since", JsonValue::integer(row.at));
                json.set("by", jsonString(row.by));
                return json;
            },
            {QStringLiteral("NAME"), QStringLiteral("STATUS"), QStringLiteral("SINCE (UTC)"), QStringLiteral("BY")},
            [](const Row& row) {
                return QStringList{row.name, row.status, Output::tableTime(row.at), row.by};
            },
            {}};
        listing.print(context, rows);
        return Success;
    }
};

class MemberAdd final : public WorkspaceCommand
{
public:
    MemberAdd()
        : WorkspaceCommand(
              QStringLiteral("workspace member add"), QStringLiteral("NAME"),
              QStringLiteral("Invite NAME to the workspace: prints a one-time invitation code (valid 24 hours)."),
              QStringLiteral("Give the code to NAME privately; they run 'signet-cli workspace join CODE' and choose a\n"
                             "passphrase of their own. The code opens the workspace's data key once: treat it like\n"
                             "a passphrase. A new invitation for NAME replaces an earlier one."),
              JsonOutput::None)
    {
        setPositional({QStringLiteral("NAME"), QStringLiteral("The new member's name."), 1, 1, QStringLiteral("NAME")});
    }

protected:
    CommandResult runOnWorkspace(Context& context, Workspace& workspace) const override
    {
        auto invitation = workspace.members().invite(context.positional().front());
        if (!invitation)
            return std::unexpected(invitation.error());
        context.output.text(QStringLiteral("invited '%1' to workspace %2\n"
                                           "code: %3\n"
                                           "It works once, until %4. Give it to %1 privately; they run\n"
                                           "  signet-cli --workspace %2 workspace join CODE\n"
                                           "It will not be shown again.\n")
                                .arg(invitation->member, workspace.path(), invitation->code,
                                     Duration::formatUtc(invitation->expiresAt)));
        return Success;
    }
};

class MemberRemove final : public WorkspaceCommand
{
public:
    static const QCommandLineOption Rekey;

    MemberRemove()
        : WorkspaceCommand(
              QStringLiteral("workspace member remove"), QStringLiteral("NAME [--rekey]"),
              QStringLiteral("Remove a member (or withdraw their invitation); --rekey also replaces the data key."),
              QStringLiteral("Without --rekey, NAME's passphrase no longer opens the workspace, but someone who kept\n"
                             "a copy of the data key (from an old backup, or their memory) could still read secrets\n"
                             "sealed with it. --rekey seals every secret again under a new data key, in one\n"
                             "transaction, and voids every pending invitation; other members keep their passphrases\n"
                             "but must open the workspace again."),
              JsonOutput::None)
    {
        setPositional({QStringLiteral("NAME"), QStringLiteral("The member to remove."), 1, 1, QStringLiteral("NAME")});
        addOption(&Rekey);
    }

protected:
    CommandResult runOnWorkspace(Context& context, Workspace& workspace) const override
    {
        const QString name = context.positional().front();
        const bool rekey = context.isSet(Rekey);
        if (auto removed =
                workspace.members().remove(name, rekey ? WorkspaceMembers::Rekey::Yes : WorkspaceMembers::Rekey::No);
            !removed)
            return std::unexpected(removed.error());
        context.output.line(
            rekey ? QStringLiteral("removed '%1' and replaced the data key: every secret is sealed "
                                   "again, pending invitations are void")
                        .arg(name)
                  : QStringLiteral("removed '%1' (the data key is unchanged; --rekey replaces it)").arg(name));
        return Success;
    }
};

const QCommandLineOption
    MemberRemove::Rekey(QStringLiteral("rekey"),
                        QStringLiteral("Seal every secret again under a new data key (one transaction)."));

} // namespace

std::unique_ptr<Command> Commands::memberInit()
{
    return std::make_unique<MemberInit>();
}

std::unique_ptr<Command> Commands::memberList()
{
    return std::make_unique<MemberList>();
}

std::unique_ptr<Command> Commands::memberAdd()
{
    return std::make_unique<MemberAdd>();
}

std::unique_ptr<Command> Commands::memberRemove()
{
    return std::make_unique<MemberRemove>();
}

} // namespace Signet::Cli
