// audit: who changed or revealed what, when.

#include "cli/Listing.h"
#include "cli/Options.h"
#include "cli/RecordViews.h"
#include "cli/TypedOptions.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class Audit final : public WorkspaceCommand
{
public:
    static const IntegerOption Limit;
    static const QCommandLineOption ByMember;

    Audit()
        : WorkspaceCommand(
              QStringLiteral("audit"), QStringLiteral("[-p ID] [--by NAME] [--limit N] [--json]"),
              QStringLiteral("Show the workspace's audit log (newest first): who changed or revealed what, when."), {},
              JsonOutput::Offered)
    {
        addOptions({&Options::Project, &ByMember, &Limit});
    }

protected:
    CommandResult runOnWorkspace(Context& context, Workspace& workspace) const override
    {
        const QString project = context.value(Options::Project);
        if (!project.isEmpty()) {
            if (auto known = workspace.projects().get(project); !known)
                return std::unexpected(known.error());
        }
        auto events = workspace.audit().list(project, static_cast<int>(Limit.read(context.parser).value_or(1000)),
                                             context.value(ByMember));
        if (!events)
            return std::unexpected(events.error());
        const Listing<AuditEvent> listing{
            auditEventJson,
            {QStringLiteral("TIME (UTC)"), QStringLiteral("WHO"), QStringLiteral("ACTOR"), QStringLiteral("ACTION"),
             QStringLiteral("PROJECT"), QStringLiteral("OBJECT"), QStringLiteral("DETAILS")},
            [](const AuditEvent& event) {
                return QStringList{Output::tableTime(event.at),
                                   event.member.isEmpty()    ? QStringLiteral("-")
                                   : event.machine.isEmpty() ? event.member
                                                             : event.member + QLatin1Char('@') + event.machine,
                                   event.actor,
                                   event.action,
                                   event.projectId.isEmpty() ? QStringLiteral("-") : event.projectId,
                                   event.object,
                                   event.details};
            },
            {}};
        listing.print(context, *events);
        return Success;
    }
};

const QCommandLineOption Audit::ByMember(QStringLiteral("by"), QStringLiteral("Only what member NAME did."),
                                         QStringLiteral("NAME"));

const IntegerOption Audit::Limit(QStringList{QStringLiteral("limit")},
                                 QStringLiteral("At most N events (default 1000)."), QStringLiteral("N"), 1, 1000000,
                                 QStringLiteral("a positive number (at most 1000000)"));

} // namespace

std::unique_ptr<Command> Commands::audit()
{
    return std::make_unique<Audit>();
}

} // namespace Signet::Cli
